#pragma once

#include "mechanisms/kernellimits.h"
#include "mechanisms/mechanism.h"

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace ipcscope {

// The setup of a run: mechanism, workers, message size, rates, capacity, duration or message
// count. Values are checked against the kernel's limits as they are typed; the reason a setup
// cannot run is shown in words, with the limit that stops it.
class RunPanel : public QWidget {
    Q_OBJECT

public:
    explicit RunPanel(const KernelLimits& limits, QWidget* parent = nullptr);

    RunConfig config() const;
    void setConfig(const RunConfig& config);
    bool isValid() const { return m_valid; }
    QString problem() const { return m_problem; }

    void loadSettings();       // the last setup, from QSettings
    void saveSettings() const; // called when a run starts

Q_SIGNALS:
    void validityChanged(bool valid);
    void startRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi(); // every text of the panel, again on QEvent::LanguageChange
    void revalidate();
    void updateCapacityUnit();

    KernelLimits m_limits;
    QComboBox* m_mechanism = nullptr;
    QSpinBox* m_producers = nullptr;
    QSpinBox* m_consumers = nullptr;
    QSpinBox* m_size = nullptr;
    QDoubleSpinBox* m_rate = nullptr;
    QDoubleSpinBox* m_consumerRate = nullptr;
    QSpinBox* m_capacity = nullptr;
    QComboBox* m_boundKind = nullptr;
    QDoubleSpinBox* m_duration = nullptr;
    QSpinBox* m_messages = nullptr;
    QLabel* m_message = nullptr;
    // Form labels, in the order of the rows.
    QLabel* m_mechanismLabel = nullptr;
    QLabel* m_producersLabel = nullptr;
    QLabel* m_consumersLabel = nullptr;
    QLabel* m_sizeLabel = nullptr;
    QLabel* m_rateLabel = nullptr;
    QLabel* m_consumerRateLabel = nullptr;
    QLabel* m_capacityLabel = nullptr;
    QLabel* m_boundLabel = nullptr;
    bool m_valid = true;
    QString m_problem;
};

} // namespace ipcscope

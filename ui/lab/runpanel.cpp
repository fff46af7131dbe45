#include "lab/runpanel.h"

#include "common/corestrings.h"

#include "mechanisms/validate.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSettings>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace ipcscope {

RunPanel::RunPanel(const KernelLimits& limits, QWidget* parent)
    : QWidget(parent)
    , m_limits(limits) {
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    // A row whose label is kept, to be renamed when the language changes.
    const auto addRow = [form](QLabel*& label, QWidget* field) {
        label = new QLabel;
        label->setBuddy(field);
        form->addRow(label, field);
    };

    m_mechanism = new QComboBox;
    for (const auto& m : allMechanisms()) {
        m_mechanism->addItem(QString(), int(m.id)); // texts: retranslateUi()
    }
    addRow(m_mechanismLabel, m_mechanism);

    m_producers = new QSpinBox;
    m_producers->setRange(1, int(kMaxWorkersPerRole));
    addRow(m_producersLabel, m_producers);
    m_consumers = new QSpinBox;
    m_consumers->setRange(1, int(kMaxWorkersPerRole));
    addRow(m_consumersLabel, m_consumers);

    m_size = new QSpinBox;
    m_size->setRange(1, int(kMaxMessageSize));
    addRow(m_sizeLabel, m_size);

    const auto rateBox = [] {
        auto* box = new QDoubleSpinBox;
        box->setRange(0, kMaxRate);
        box->setDecimals(1);
        return box;
    };
    m_rate = rateBox();
    addRow(m_rateLabel, m_rate);
    m_consumerRate = rateBox();
    addRow(m_consumerRateLabel, m_consumerRate);

    m_capacity = new QSpinBox;
    m_capacity->setRange(0, std::numeric_limits<int>::max());
    addRow(m_capacityLabel, m_capacity);

    m_boundKind = new QComboBox;
    m_boundKind->addItem(QString());
    m_boundKind->addItem(QString());
    auto* bound = new QStackedWidget;
    bound->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    m_duration = new QDoubleSpinBox;
    m_duration->setRange(0.1, kMaxDurationS);
    m_duration->setDecimals(1);
    m_messages = new QSpinBox;
    m_messages->setRange(1, std::numeric_limits<int>::max());
    bound->addWidget(m_duration);
    bound->addWidget(m_messages);
    auto* boundRow = new QHBoxLayout;
    boundRow->addWidget(m_boundKind);
    boundRow->addWidget(bound, 1);
    m_boundLabel = new QLabel;
    m_boundLabel->setBuddy(m_boundKind);
    form->addRow(m_boundLabel, boundRow);
    connect(m_boundKind, &QComboBox::currentIndexChanged, bound, &QStackedWidget::setCurrentIndex);

    m_message = new QLabel;
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setMinimumWidth(200);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addStretch();

    retranslateUi();
    setConfig(RunConfig{});
    for (QSpinBox* box : {m_producers, m_consumers, m_size, m_capacity, m_messages}) {
        connect(box, &QSpinBox::valueChanged, this, &RunPanel::revalidate);
    }
    for (QDoubleSpinBox* box : {m_rate, m_consumerRate, m_duration}) {
        connect(box, &QDoubleSpinBox::valueChanged, this, &RunPanel::revalidate);
    }
    connect(m_boundKind, &QComboBox::currentIndexChanged, this, &RunPanel::revalidate);
    connect(m_mechanism, &QComboBox::currentIndexChanged, this, [this] {
        updateCapacityUnit();
        revalidate();
    });
    updateCapacityUnit();
    revalidate();
}

void RunPanel::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        updateCapacityUnit();
        revalidate();
    }
    QWidget::changeEvent(event);
}

void RunPanel::retranslateUi() {
    for (int i = 0; i < m_mechanism->count(); ++i) {
        const auto m = Mechanism(m_mechanism->itemData(i).toInt());
        m_mechanism->setItemText(i, mechanismTitle(m));
        m_mechanism->setItemData(i, mechanismSummary(m), Qt::ToolTipRole);
    }
    m_mechanism->setToolTip(tr("The IPC mechanism the workers talk over"));
    m_mechanismLabel->setText(tr("&Mechanism:"));
    m_producers->setToolTip(tr("Producer processes: each sends messages into the channel"));
    m_producersLabel->setText(tr("&Producers:"));
    m_consumers->setToolTip(tr("Consumer processes: each takes messages out and verifies them"));
    m_consumersLabel->setText(tr("&Consumers:"));
    m_size->setSuffix(tr(" B"));
    m_sizeLabel->setText(tr("Message &size:"));
    for (QDoubleSpinBox* box : {m_rate, m_consumerRate}) {
        box->setSuffix(tr(" msg/s"));
        box->setSpecialValueText(tr("as fast as possible"));
    }
    m_rate->setToolTip(tr("Messages per second for each producer; 0 = as fast as possible"));
    m_rateLabel->setText(tr("Producer &rate:"));
    m_consumerRate->setToolTip(
        tr("Messages per second for each consumer; slow it down to watch producers block"));
    m_consumerRateLabel->setText(tr("C&onsumer rate:"));
    m_capacity->setSpecialValueText(tr("kernel default"));
    m_capacityLabel->setText(tr("C&apacity:"));
    m_boundKind->setItemText(0, tr("for a duration"));
    m_boundKind->setItemText(1, tr("for a number of messages"));
    m_boundKind->setToolTip(
        tr("When producers stop: after a time, or after sending a total number of messages"));
    m_duration->setSuffix(tr(" s"));
    m_duration->setToolTip(tr("Producers send for this long; consumers then drain the channel"));
    m_messages->setToolTip(tr("Messages sent in total, split evenly between producers"));
    m_boundLabel->setText(tr("&Run:"));
}

RunConfig RunPanel::config() const {
    RunConfig c;
    c.mechanism = Mechanism(m_mechanism->currentData().toInt());
    c.producers = std::uint32_t(m_producers->value());
    c.consumers = std::uint32_t(m_consumers->value());
    c.messageSize = std::uint32_t(m_size->value());
    c.producerRate = m_rate->value();
    c.consumerRate = m_consumerRate->value();
    if (m_capacity->value() > 0) {
        c.capacity = std::uint64_t(m_capacity->value());
    }
    if (m_boundKind->currentIndex() == 0) {
        c.durationS = m_duration->value();
    } else {
        c.messages = std::uint64_t(m_messages->value());
    }
    return c;
}

void RunPanel::setConfig(const RunConfig& c) {
    m_mechanism->setCurrentIndex(m_mechanism->findData(int(c.mechanism)));
    m_producers->setValue(int(c.producers));
    m_consumers->setValue(int(c.consumers));
    m_size->setValue(int(c.messageSize));
    m_rate->setValue(c.producerRate);
    m_consumerRate->setValue(c.consumerRate);
    m_capacity->setValue(
        c.capacity ? int(std::min<std::uint64_t>(*c.capacity, std::numeric_limits<int>::max()))
                   : 0);
    m_boundKind->setCurrentIndex(c.messages ? 1 : 0);
    m_duration->setValue(c.durationS.value_or(c.messages ? m_duration->value() : 10.0));
    m_messages->setValue(
        c.messages ? int(std::min<std::uint64_t>(*c.messages, std::numeric_limits<int>::max()))
                   : 100000);
}

void RunPanel::updateCapacityUnit() {
    const MechanismInfo& info = mechanismInfo(Mechanism(m_mechanism->currentData().toInt()));
    const QString unit = unitText(info.capacityUnit);
    m_capacity->setSuffix(QLatin1Char(' ') + unit);
    m_capacity->setToolTip(
        tr("How much the channel holds before writers wait, in %1; 0 = the kernel's default")
            .arg(unit));
    m_size->setEnabled(info.carriesPayload);
    m_size->setToolTip(
        info.carriesPayload
            ? tr("Bytes per message, including the 16-byte header (sequence, producer, checksum)")
            : tr("Semaphore tokens carry no data"));
}

void RunPanel::revalidate() {
    const auto result = validateConfig(config(), m_limits);
    const bool valid = result.ok();
    QPalette pal = m_message->palette();
    if (!valid) {
        m_problem = QString::fromStdString(result.error().message);
        m_message->setText(tr("Cannot run: %1").arg(m_problem));
        pal.setColor(QPalette::WindowText, QColor(0xc0, 0x39, 0x2b));
    } else {
        m_problem.clear();
        QStringList warnings;
        for (const auto& w : *result) {
            warnings << QString::fromStdString(w);
        }
        m_message->setText(
            warnings.isEmpty() ? QString() : tr("Note: %1").arg(warnings.join(QLatin1Char('\n'))));
        pal.setColor(QPalette::WindowText, QColor(0xb3, 0x6b, 0x00));
    }
    m_message->setPalette(pal);
    if (valid != m_valid) {
        m_valid = valid;
        Q_EMIT validityChanged(valid);
    }
}

void RunPanel::loadSettings() {
    QSettings s;
    s.beginGroup(QStringLiteral("run"));
    if (!s.contains(QStringLiteral("mechanism"))) {
        return;
    }
    RunConfig c;
    c.mechanism = parseMechanism(s.value(QStringLiteral("mechanism")).toString().toStdString())
                      .value_or(Mechanism::Pipe);
    c.producers = s.value(QStringLiteral("producers"), 1).toUInt();
    c.consumers = s.value(QStringLiteral("consumers"), 1).toUInt();
    c.messageSize = s.value(QStringLiteral("size"), 64).toUInt();
    c.producerRate = s.value(QStringLiteral("rate"), 0).toDouble();
    c.consumerRate = s.value(QStringLiteral("consumerRate"), 0).toDouble();
    if (const auto cap = s.value(QStringLiteral("capacity"), 0).toULongLong(); cap > 0) {
        c.capacity = cap;
    }
    if (s.value(QStringLiteral("byMessages"), false).toBool()) {
        c.messages = s.value(QStringLiteral("messages"), 100000).toULongLong();
    } else {
        c.durationS = s.value(QStringLiteral("duration"), 10.0).toDouble();
    }
    setConfig(c);
}

void RunPanel::saveSettings() const {
    const RunConfig c = config();
    QSettings s;
    s.beginGroup(QStringLiteral("run"));
    s.setValue(QStringLiteral("mechanism"),
               QString::fromUtf8(mechanismInfo(c.mechanism).name.data()));
    s.setValue(QStringLiteral("producers"), c.producers);
    s.setValue(QStringLiteral("consumers"), c.consumers);
    s.setValue(QStringLiteral("size"), c.messageSize);
    s.setValue(QStringLiteral("rate"), c.producerRate);
    s.setValue(QStringLiteral("consumerRate"), c.consumerRate);
    s.setValue(QStringLiteral("capacity"), qulonglong(c.capacity.value_or(0)));
    s.setValue(QStringLiteral("byMessages"), c.messages.has_value());
    s.setValue(QStringLiteral("messages"), qulonglong(c.messages.value_or(100000)));
    s.setValue(QStringLiteral("duration"), c.durationS.value_or(10.0));
}

} // namespace ipcscope

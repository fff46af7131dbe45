#include "runviews/eventlogmodel.h"

#include "common/corestrings.h"

#include <QBrush>
#include <QColor>
#include <QEvent>

#include <algorithm>
#include <limits>

namespace ipcscope {

EventLogModel::EventLogModel(QObject* parent)
    : QAbstractTableModel(parent) {}

void EventLogModel::clear() {
    beginResetModel();
    m_rows.clear();
    m_workers.clear();
    m_lastTimeS = 0;
    m_omitted = 0;
    endResetModel();
}

void EventLogModel::retranslate() {
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (rowCount() > 0) {
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    }
}

bool EventLogModel::event(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
    return QAbstractTableModel::event(event);
}

QString EventLogModel::workerText(const Row& r) const {
    if (r.worker < 0 || std::size_t(r.worker) >= m_workers.size()) {
        return {};
    }
    const WorkerName& w = m_workers[std::size_t(r.worker)];
    return tr("%1 (%2)").arg(processName(w.worker, w.command, w.pid)).arg(w.pid);
}

void EventLogModel::append(const std::vector<RunEvent>& events,
                           const std::vector<ProcessFrame>& processes) {
    std::vector<Row> rows;
    for (const auto& e : events) {
        if (e.kind == EventKind::Exit && e.value == 0) {
            continue; // a clean exit is shown in the worker table
        }
        int worker = -1;
        if (e.worker >= 0 && std::size_t(e.worker) < processes.size()) {
            const ProcessFrame& w = processes[std::size_t(e.worker)];
            const WorkerName name{w.worker, w.command, w.pid};
            const auto it = std::find(m_workers.begin(), m_workers.end(), name);
            worker = int(it - m_workers.begin());
            if (it == m_workers.end()) {
                m_workers.push_back(name);
            }
        }
        const bool serious = e.kind == EventKind::Error || e.kind == EventKind::Corrupted ||
                             e.kind == EventKind::None;
        rows.push_back({double(e.timeNs) / 1e9, worker, QString::fromStdString(e.text), serious});
        m_lastTimeS = rows.back().timeS;
    }
    appendRows(std::move(rows));
}

void EventLogModel::appendText(const QString& text) {
    appendRows({{m_lastTimeS, -1, text, false}});
}

QString EventLogModel::omittedText() const {
    const int n = int(std::min<std::uint64_t>(m_omitted, std::numeric_limits<int>::max()));
    return tr("… and %n earlier event(s) not listed (the log keeps the last %1)", nullptr, n)
        .arg(kMaxRows - 1);
}

void EventLogModel::appendRows(std::vector<Row> rows) {
    if (rows.empty()) {
        return;
    }
    const std::size_t total = m_rows.size() + rows.size();
    if (m_omitted > 0 || total > std::size_t(kMaxRows)) {
        // Once anything is dropped, the first row says so and kMaxRows - 1 rows stay.
        const std::size_t keep = std::size_t(kMaxRows) - 1;
        const std::size_t drop = total > keep ? total - keep : 0;
        const std::size_t dropOld = std::min(drop, m_rows.size());
        const std::size_t dropNew = drop - dropOld;
        if (dropOld > 0) {
            const int first = firstEventRow();
            beginRemoveRows({}, first, first + int(dropOld) - 1);
            m_rows.erase(m_rows.begin(), m_rows.begin() + std::ptrdiff_t(dropOld));
            endRemoveRows();
        }
        rows.erase(rows.begin(), rows.begin() + std::ptrdiff_t(dropNew));
        if (m_omitted == 0 && drop > 0) {
            beginInsertRows({}, 0, 0);
            m_omitted = drop;
            endInsertRows();
        } else if (drop > 0) {
            m_omitted += drop;
            Q_EMIT dataChanged(index(0, 0), index(0, ColumnCount - 1));
        }
        if (rows.empty()) {
            return;
        }
    }
    const int first = rowCount();
    beginInsertRows({}, first, first + int(rows.size()) - 1);
    for (auto& r : rows) {
        m_rows.push_back(std::move(r));
    }
    endInsertRows();
}

int EventLogModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : firstEventRow() + int(m_rows.size());
}

int EventLogModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventLogModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    if (index.row() < firstEventRow()) {
        const bool shown = role == Qt::DisplayRole || role == Qt::ToolTipRole;
        return shown && index.column() == TextColumn ? QVariant(omittedText()) : QVariant();
    }
    const Row& r = m_rows[std::size_t(index.row() - firstEventRow())];
    if (role == Qt::ForegroundRole && r.serious) {
        return QBrush(QColor(0xc0, 0x39, 0x2b));
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole) {
        return {};
    }
    switch (index.column()) {
    case TimeColumn:
        return tr("%1 s").arg(r.timeS, 0, 'f', 3);
    case WorkerColumn:
        return workerText(r);
    case TextColumn:
        return r.text;
    }
    return {};
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case WorkerColumn:
        return tr("Worker");
    case TextColumn:
        return tr("Event");
    }
    return {};
}

} // namespace ipcscope

#include "observe/flowtablemodel.h"

#include "common/corestrings.h"

#include "base/format.h"

#include <QEvent>
#include <QPalette>

#include <tuple>

namespace ipcscope {

namespace {

auto keyOf(const FlowRow& r) {
    return std::tie(r.pid, r.channel, r.direction);
}

} // namespace

FlowTableModel::FlowTableModel(QObject* parent)
    : SortedRowsModel(parent) {}

std::vector<FlowRow> FlowTableModel::flowsOf(const Frame& f) {
    std::vector<FlowRow> rows;
    for (const EndpointFrame& e : f.endpoints) {
        if (e.process >= f.processes.size() || e.channel >= f.channels.size()) {
            continue;
        }
        const ProcessFrame& p = f.processes[e.process];
        const ChannelFrame& c = f.channels[e.channel];
        FlowRow r;
        r.pid = p.pid;
        r.command = processName(p);
        r.channel =
            QStringLiteral("%1 %2").arg(channelTitle(c.kind), QString::fromStdString(c.identity));
        r.direction = e.direction;
        r.messages = e.messages;
        r.bytes = e.bytes;
        r.messagesPerS = e.messagesPerS;
        r.bytesPerS = e.bytesPerS;
        r.estimated = e.estimated;
        rows.push_back(std::move(r));
    }
    return rows;
}

void FlowTableModel::setFrame(const Frame& frame) {
    std::vector<FlowRow> rows = flowsOf(frame);
    // One row per key: the threads of a process share its ends.
    std::sort(rows.begin(), rows.end(),
              [](const FlowRow& a, const FlowRow& b) { return keyOf(a) < keyOf(b); });
    rows.erase(std::unique(rows.begin(), rows.end(),
                           [](const FlowRow& a, const FlowRow& b) { return keyOf(a) == keyOf(b); }),
               rows.end());
    mergeRows(std::move(rows),
              [](const FlowRow& a, const FlowRow& b) { return keyOf(a) < keyOf(b); });
}

int FlowTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FlowTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const FlowRow& r = m_rows[std::size_t(index.row())];
    if (role == EstimatedRole) {
        return r.estimated;
    }
    const int column = index.column();
    const bool figure = column >= MessagesColumn && column <= ByteRateColumn;
    if (role == SortRole && figure) {
        switch (column) {
        case MessagesColumn:
            return qulonglong(r.messages);
        case BytesColumn:
            return qulonglong(r.bytes);
        case MessageRateColumn:
            return r.messagesPerS;
        default:
            return r.bytesPerS;
        }
    }
    if (role == Qt::DisplayRole || role == SortRole) {
        if (figure && !r.counted()) {
            return tr("—");
        }
        const auto marked = [&](const std::string& text) {
            const QString t = QString::fromStdString(text);
            return r.estimated ? tr("≈ %1").arg(t) : t;
        };
        switch (column) {
        case PidColumn:
            return int(r.pid);
        case CommandColumn:
            return r.command;
        case ChannelColumn:
            return r.channel;
        case DirectionColumn:
            return r.direction == EndpointDirection::Send      ? tr("sends")
                   : r.direction == EndpointDirection::Receive ? tr("receives")
                                                               : tr("both");
        case MessagesColumn:
            return marked(formatCount(double(r.messages)));
        case BytesColumn:
            return marked(formatBytes(double(r.bytes)));
        case MessageRateColumn:
            return marked(formatCount(r.messagesPerS) + "/s");
        case ByteRateColumn:
            return marked(formatRate(r.bytesPerS));
        case FiguresColumn:
            return !r.estimated ? tr("exact") : r.counted() ? tr("estimated") : tr("not counted");
        }
    }
    if (role == Qt::ToolTipRole) {
        if (!r.estimated) {
            return tr("Exact: every call of pid %1 on %2 counted as it happened")
                .arg(r.pid)
                .arg(r.channel);
        }
        return r.counted()
                   ? tr("Estimated from the kernel's counters of %1, sampled: not every call is "
                        "seen")
                         .arg(r.channel)
                   : tr("Not counted: /proc tells who holds %1 but not what moves through each "
                        "end. Turn on Exact flow (eBPF) for the figures.")
                         .arg(r.channel);
    }
    if (role == Qt::ForegroundRole && r.estimated && (figure || column == FiguresColumn)) {
        return QPalette().brush(QPalette::Disabled, QPalette::Text);
    }
    if (role == Qt::TextAlignmentRole && (column == PidColumn || figure)) {
        return int(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant FlowTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) {
        return {};
    }
    if (role == Qt::DisplayRole) {
        switch (section) {
        case PidColumn:
            return tr("PID");
        case CommandColumn:
            return tr("Command");
        case ChannelColumn:
            return tr("Channel");
        case DirectionColumn:
            return tr("Way");
        case MessagesColumn:
            return tr("Messages");
        case BytesColumn:
            return tr("Bytes");
        case MessageRateColumn:
            return tr("Messages/s");
        case ByteRateColumn:
            return tr("Bytes/s");
        case FiguresColumn:
            return tr("Figures");
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case MessagesColumn:
            return tr("Messages moved through this end since observing began (\"≈\": estimated)");
        case BytesColumn:
            return tr("Bytes moved through this end since observing began (\"≈\": estimated)");
        case MessageRateColumn:
        case ByteRateColumn:
            return tr("The recent rate, over the last quarter second or more");
        case FiguresColumn:
            return tr("Exact: counted in the kernel by ipcscope-probe (Exact flow (eBPF)); "
                      "estimated: from the kernel's queue counters, sampled; not counted: "
                      "nothing counts this end without the probe");
        }
    }
    return {};
}

bool FlowTableModel::event(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        announceAllChanged();
    }
    return SortedRowsModel::event(event);
}

} // namespace ipcscope

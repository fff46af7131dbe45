#pragma once

#include <QAbstractTableModel>

#include <algorithm>
#include <vector>

namespace ipcscope {

// A table whose rows are kept sorted by a key and updated by a sorted merge (DESIGN.md §6,
// hotspot's mergeProcesses): rows gone are removed, new ones inserted where they belong, the
// others compared and announced in ranged dataChanged. Never a reset, so views keep their
// selection and scroll position while frames come in.
template <typename Row> class SortedRowsModel : public QAbstractTableModel {
public:
    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex& parent = {}) const override {
        return parent.isValid() ? 0 : int(m_rows.size());
    }

protected:
    // `less` orders rows by their key; rows equal under it are the same row.
    template <typename Less> void mergeRows(std::vector<Row> incoming, Less less) {
        std::sort(incoming.begin(), incoming.end(), less);
        const int columns = columnCount();
        std::size_t next = 0;
        std::size_t row = 0;
        int firstChanged = -1, lastChanged = -1;
        const auto flushChanged = [&] {
            if (firstChanged >= 0) {
                Q_EMIT dataChanged(index(firstChanged, 0), index(lastChanged, columns - 1));
                firstChanged = lastChanged = -1;
            }
        };
        while (row < m_rows.size() || next < incoming.size()) {
            const bool haveOld = row < m_rows.size();
            const bool haveNew = next < incoming.size();
            if (haveOld && (!haveNew || less(m_rows[row], incoming[next]))) {
                flushChanged();
                std::size_t end = row; // the run of rows gone
                while (end + 1 < m_rows.size() &&
                       (!haveNew || less(m_rows[end + 1], incoming[next]))) {
                    ++end;
                }
                beginRemoveRows({}, int(row), int(end));
                m_rows.erase(m_rows.begin() + std::ptrdiff_t(row),
                             m_rows.begin() + std::ptrdiff_t(end + 1));
                endRemoveRows();
            } else if (haveNew && (!haveOld || less(incoming[next], m_rows[row]))) {
                flushChanged();
                std::size_t end = next; // the run of new rows
                while (end + 1 < incoming.size() &&
                       (!haveOld || less(incoming[end + 1], m_rows[row]))) {
                    ++end;
                }
                const std::size_t count = end - next + 1;
                beginInsertRows({}, int(row), int(row + count - 1));
                m_rows.insert(m_rows.begin() + std::ptrdiff_t(row),
                              std::make_move_iterator(incoming.begin() + std::ptrdiff_t(next)),
                              std::make_move_iterator(incoming.begin() + std::ptrdiff_t(end + 1)));
                endInsertRows();
                row += count;
                next = end + 1;
            } else {
                if (!(m_rows[row] == incoming[next])) {
                    m_rows[row] = std::move(incoming[next]);
                    if (firstChanged < 0 || lastChanged != int(row) - 1) {
                        flushChanged();
                        firstChanged = int(row);
                    }
                    lastChanged = int(row);
                }
                ++row;
                ++next;
            }
        }
        flushChanged();
    }

    void clearRows() {
        if (!m_rows.empty()) {
            beginResetModel();
            m_rows.clear();
            endResetModel();
        }
    }

    // Every header and cell changed: texts are made at display time (a language switch).
    void announceAllChanged() {
        Q_EMIT headerDataChanged(Qt::Horizontal, 0, columnCount() - 1);
        if (!m_rows.empty()) {
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
        }
    }

    const Row* rowAt(int row) const {
        return row >= 0 && std::size_t(row) < m_rows.size() ? &m_rows[std::size_t(row)] : nullptr;
    }

    std::vector<Row> m_rows;
};

} // namespace ipcscope

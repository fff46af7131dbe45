#include "classroom/lessonlistmodel.h"

#include <QFont>
#include <QGuiApplication>
#include <QPalette>

namespace ipcscope {

LessonListModel::LessonListModel(QObject* parent)
    : QAbstractListModel(parent) {}

void LessonListModel::setLessons(const std::vector<Lesson>& lessons) {
    beginResetModel();
    m_rows.clear();
    for (std::size_t i = 0; i < lessons.size(); ++i) {
        const Lesson& l = lessons[i];
        if (i == 0 || l.pitfall != lessons[i - 1].pitfall) {
            m_rows.push_back(Row{true, l.pitfall, {}, {}, {}});
        }
        m_rows.push_back(Row{false, l.pitfall, l.id, l.title, l.summary});
    }
    endResetModel();
}

void LessonListModel::setLanguage(const QString& language) {
    m_language = language.toStdString();
    if (!m_rows.empty()) {
        Q_EMIT dataChanged(index(0), index(rowCount() - 1));
    }
}

QModelIndex LessonListModel::indexOf(const QString& lessonId) const {
    const std::string id = lessonId.toStdString();
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        if (!m_rows[i].header && m_rows[i].id == id) {
            return index(int(i));
        }
    }
    return {};
}

QString LessonListModel::lessonId(const QModelIndex& index) const {
    return index.data(LessonIdRole).toString();
}

int LessonListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant LessonListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row& row = m_rows[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        if (row.header) {
            return row.pitfall ? tr("Pitfalls") : tr("Lessons");
        }
        return QString::fromStdString(row.title.in(m_language));
    case Qt::ToolTipRole:
        return row.header ? QVariant() : QString::fromStdString(row.summary.in(m_language));
    case Qt::FontRole:
        if (row.header) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::ForegroundRole:
        // A heading is not selectable, which would draw it disabled (light grey): it is text.
        return row.header ? QVariant(QGuiApplication::palette().text()) : QVariant();
    case LessonIdRole:
        return QString::fromStdString(row.id);
    case PitfallRole:
        return row.pitfall;
    case HeaderRole:
        return row.header;
    default:
        return {};
    }
}

Qt::ItemFlags LessonListModel::flags(const QModelIndex& index) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return Qt::NoItemFlags;
    }
    return m_rows[std::size_t(index.row())].header ? Qt::NoItemFlags
                                                   : Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

} // namespace ipcscope

#pragma once

// The Classroom's list of lessons: a header row ("Lessons", then "Pitfalls") before each
// group, then one row per lesson, titled in the GUI's language with its summary as tooltip.
// Headers cannot be selected.

#include "lessons/lesson.h"

#include <QAbstractListModel>

#include <vector>

namespace ipcscope {

class LessonListModel : public QAbstractListModel {
    Q_OBJECT

public:
    enum Columns { TitleColumn, ColumnCount };
    enum Roles {
        LessonIdRole = Qt::UserRole + 1, // QString, empty on a header
        PitfallRole,                     // bool: the row is (or heads) a pitfall
        HeaderRole,                      // bool: a group's header, not a lesson
    };

    explicit LessonListModel(QObject* parent = nullptr);

    // The lessons in their order (LessonLibrary sorts lessons before pitfalls).
    void setLessons(const std::vector<Lesson>& lessons);
    // "en" or "zh_CN": every row is announced as changed (the headers follow the translator).
    void setLanguage(const QString& language);

    QModelIndex indexOf(const QString& lessonId) const; // invalid when there is no such lesson
    QString lessonId(const QModelIndex& index) const;   // "" for a header or an invalid index

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

private:
    struct Row {
        bool header = false;
        bool pitfall = false;
        std::string id;
        LocalizedText title;
        LocalizedText summary;
    };
    std::vector<Row> m_rows;
    std::string m_language = "en";
};

} // namespace ipcscope

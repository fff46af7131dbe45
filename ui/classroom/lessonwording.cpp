#include "classroom/lessonwording.h"

#include "common/corestrings.h"

#include "base/format.h"

#include <QStringList>

#include <cstring>

namespace ipcscope {

namespace {

QString paragraphs(const std::string& text) {
    QString out;
    for (const QString& p : QString::fromStdString(text).split(QStringLiteral("\n\n"))) {
        out += QStringLiteral("<p>%1</p>").arg(p.toHtmlEscaped());
    }
    return out;
}

QString escaped(const std::string& text) {
    return QString::fromStdString(text).toHtmlEscaped();
}

} // namespace

QString LessonWording::explanation(const Lesson& l, const LessonVariant* v,
                                   const std::string& lang) {
    QString body = QStringLiteral("<h2>%1</h2><p><i>%2</i></p>%3")
                       .arg(escaped(l.title.in(lang)), escaped(l.summary.in(lang)),
                            paragraphs(l.explanation.in(lang)));
    if (v && !v->explanation.en.empty()) {
        body += QStringLiteral("<p><b>%1</b> %2</p>")
                    .arg(escaped(v->title.in(lang)), escaped(v->explanation.in(lang)));
    }
    return body + QStringLiteral("<p><b>%1</b> %2</p>")
                      .arg(tr("What to watch:"), escaped(l.watch.in(lang)));
}

QString LessonWording::noLessons(const std::vector<std::string>& directories) {
    QString dirs;
    for (const auto& d : directories) {
        dirs += QStringLiteral("<li>%1</li>").arg(escaped(d));
    }
    return tr("<p>No lesson is loaded. Lesson files (*.json) are read from:</p>") +
           QStringLiteral("<ul>%1</ul>").arg(dirs);
}

QString LessonWording::seen(const CheckResult& r) {
    const auto& v = r.seen;
    const auto n = [&](std::size_t i) { return i < v.size() ? qint64(v[i]) : 0; };
    switch (r.check.kind) {
    case CheckKind::Clean:
    case CheckKind::IntegrityViolations:
    case CheckKind::LostAtLeast:
        return tr("%1 sent, %2 received, %3 lost, %4 duplicated, %5 corrupted")
            .arg(n(0))
            .arg(n(1))
            .arg(n(2))
            .arg(n(3))
            .arg(n(4));
    case CheckKind::BlockedFor:
    case CheckKind::NotBlockedFor:
        return tr("longest wait of a %1 in %2: %3")
            .arg(roleText(r.check.role), QString::fromUtf8(callName(r.check.call).data()),
                 QString::fromStdString(formatDurationNs(std::uint64_t(n(0)))));
    case CheckKind::EofSeen:
    case CheckKind::NoEof:
        return tr("%1 of %2 saw EOF").arg(n(0)).arg(n(1));
    case CheckKind::Deadlock:
        return v.empty() ? tr("no deadlock was seen")
                         : tr("every process was waiting %1 s into the run, nothing moving")
                               .arg(v[0], 0, 'f', 1);
    case CheckKind::ObjectsOutliveWorkers:
        return tr("%1 object(s) still in the kernel after every process died").arg(n(0));
    case CheckKind::DestroyPending:
        return tr("%1 process(es) attached when IPC_RMID marked it destroy-pending").arg(n(0));
    case CheckKind::ErrorSeen:
        return v.size() < 2
                   ? tr("no %1 failed with %2")
                         .arg(roleText(r.check.role),
                              QString::fromStdString(errorName(r.check.error)))
                   : tr("%1 %2: %3 failed with %4 (%5) %6 into the run")
                         .arg(roleText(r.check.role))
                         .arg(n(3))
                         .arg(v.size() > 2 && CallKind(n(2)) != CallKind::None
                                  ? QString::fromUtf8(callName(CallKind(n(2))).data())
                                  : tr("a call"),
                              QString::fromStdString(errorName(r.check.error)),
                              QString::fromLocal8Bit(std::strerror(r.check.error)),
                              QString::fromStdString(formatDurationNs(std::uint64_t(v[1]))));
    }
    return QString::fromStdString(r.detail);
}

QString LessonWording::check(const LessonCheck& c) {
    const QString role = roleText(c.role);
    const QString call = QString::fromUtf8(callName(c.call).data());
    switch (c.kind) {
    case CheckKind::Clean:
        return tr("every message arrives once and intact");
    case CheckKind::IntegrityViolations:
        return tr("messages are lost, duplicated or corrupted");
    case CheckKind::LostAtLeast:
        return tr("at least %1 message(s) are never received").arg(c.value);
    case CheckKind::BlockedFor:
        return tr("a %1 waits in %2 for at least %3 s at a stretch").arg(role, call).arg(c.value);
    case CheckKind::NotBlockedFor:
        return tr("no %1 waits in %2 for %3 s at a stretch").arg(role, call).arg(c.value);
    case CheckKind::EofSeen:
        return tr("every %1 sees the other side close (EOF)").arg(role);
    case CheckKind::NoEof:
        return tr("no %1 ever sees EOF").arg(role);
    case CheckKind::Deadlock:
        return tr("every process waits for another and nothing moves (deadlock)");
    case CheckKind::ObjectsOutliveWorkers:
        return tr("the kernel objects outlive every process that used them");
    case CheckKind::DestroyPending:
        return tr("the segment, removed while attached, lives on destroy-pending");
    case CheckKind::ErrorSeen:
        return c.call == CallKind::None
                   ? tr("a %1's call fails with %2")
                         .arg(role, QString::fromStdString(errorName(c.error)))
                   : tr("a %1's %2 fails with %3")
                         .arg(role, call, QString::fromStdString(errorName(c.error)));
    }
    return {};
}

QString LessonWording::expectation(const LessonVariant& variant) {
    QStringList checks;
    for (const auto& c : variant.checks) {
        checks << check(c).toHtmlEscaped();
    }
    return tr("This run should show: %1").arg(checks.join(QStringLiteral("; ")));
}

QString LessonWording::verdict(const LessonVerdict& verdict) {
    QString text = verdict.passed() ? tr("<b>The run showed its point:</b>")
                                    : tr("<b>The run did not show its point this time:</b>");
    for (const auto& c : verdict.checks) {
        text += QStringLiteral("<br>%1 %2 — <i>%3</i>")
                    .arg(c.passed ? QStringLiteral("✔") : QStringLiteral("✘"),
                         check(c.check).toHtmlEscaped(), seen(c).toHtmlEscaped());
    }
    return text;
}

} // namespace ipcscope

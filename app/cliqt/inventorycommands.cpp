#include "inventorycommands.h"

#include "commandline.h"

#include "base/naming.h"
#include "inventory/inventory.h"
#include "inventory/removal.h"
#include "runoptions/runoptions.h"

#include <QCommandLineParser>

#include <charconv>
#include <cstdio>
#include <limits>

using namespace ipcscope;

int runRmCommand(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Remove IPC objects safely.\n"
        "  ipcscope-cli rm KIND ID|NAME...      e.g. rm sysv-msg 5 7, rm posix-shm /myshm\n"
        "  ipcscope-cli rm --stale              objects left by ipcscope runs whose lab is gone\n"
        "The object is read again right before removal; with --key/--cuid/--ctime (System V) or\n"
        "--inode/--ctime-ns (POSIX, FIFO) it is removed only if it is still the object you "
        "listed."));
    parser.addHelpOption();
    parser.addPositionalArgument(
        QStringLiteral("KIND"),
        QStringLiteral("sysv-msg sysv-shm sysv-sem posix-mq posix-shm posix-sem fifo"));
    parser.addPositionalArgument(QStringLiteral("ID|NAME"),
                                 QStringLiteral("System V id, POSIX name or FIFO path"),
                                 QStringLiteral("ID|NAME..."));
    const QCommandLineOption stale(QStringLiteral("stale"),
                                   QStringLiteral("Remove what ipcscope runs left behind."));
    const QCommandLineOption dryRun(QStringLiteral("dry-run"),
                                    QStringLiteral("With --stale: only list."));
    const QCommandLineOption key(QStringLiteral("key"),
                                 QStringLiteral("Expected System V key (hex or decimal)."),
                                 QStringLiteral("KEY"));
    const QCommandLineOption cuid(QStringLiteral("cuid"), QStringLiteral("Expected creator uid."),
                                  QStringLiteral("UID"));
    const QCommandLineOption ctime(QStringLiteral("ctime"),
                                   QStringLiteral("Expected change time (s since the epoch)."),
                                   QStringLiteral("SECONDS"));
    const QCommandLineOption inode(QStringLiteral("inode"),
                                   QStringLiteral("Expected inode (POSIX, FIFO)."),
                                   QStringLiteral("INODE"));
    const QCommandLineOption ctimeNs(QStringLiteral("ctime-ns"),
                                     QStringLiteral("Expected ctime in ns (POSIX, FIFO)."),
                                     QStringLiteral("NS"));
    parser.addOptions({stale, dryRun, key, cuid, ctime, inode, ctimeNs});
    QStringList argv = args;
    argv.prepend(QStringLiteral("ipcscope-cli rm"));
    if (!parser.parse(argv)) {
        // "rm sysv-msg -1": the parser takes -1 for an option named "1".
        for (const QString& name : parser.unknownOptionNames()) {
            bool number = false;
            name.toLongLong(&number);
            if (number) {
                return usage("rm", QStringLiteral("'-%1' is not a System V id: ids are whole "
                                                  "numbers from 0, as in the ID column")
                                       .arg(name));
            }
        }
        return usage("rm", parser.errorText());
    }
    if (const auto once = refuseRepeatedOptions(parser); !once) {
        return usage("rm", QString::fromStdString(once.error().message));
    }
    if (printHelpIfAsked(parser, "rm")) {
        return 0;
    }
    const QStringList pos = parser.positionalArguments();
    if (parser.isSet(stale)) {
        if (!pos.isEmpty()) {
            return usage("rm", QStringLiteral("--stale takes no objects"));
        }
        InventoryScanner scanner;
        const StaleReport report = findStale(runtimeBaseDir(), scanner.scan());
        for (const auto& p : report.problems) {
            std::fprintf(stderr, "warning: %s\n", p.c_str());
        }
        if (report.runs.empty() && report.orphans.empty()) {
            std::puts("nothing stale: no leftovers of ipcscope runs");
            return report.problems.empty() ? 0 : 1;
        }
        if (parser.isSet(dryRun)) {
            for (const auto& run : report.runs) {
                std::printf("run of lab pid %d (%s): %zu object(s)\n", int(run.labPid),
                            run.runDir.c_str(), run.manifest.objects.size());
            }
            for (const auto& o : report.orphans) {
                std::printf("orphan %s %s\n", ipcKindName(o.kind).data(), o.displayId().c_str());
            }
            return 0;
        }
        const StaleCleanup done = removeStale(report);
        for (const auto& line : done.lines) {
            std::printf("%s\n", line.c_str());
        }
        for (const auto& e : done.errors) {
            std::fprintf(stderr, "ipcscope-cli rm: %s\n", e.c_str());
        }
        std::printf("%zu removed, %zu not removed\n", done.removed, done.notRemoved);
        // Anything left or ignored wants a person's look: not a clean success.
        return done.notRemoved == 0 && done.errors.empty() && report.problems.empty() ? 0 : 1;
    }
    if (pos.size() < 2) {
        return usage("rm", QStringLiteral(
                               "give a kind and at least one id or name, or --stale (see --help)"));
    }
    const auto kind = parseIpcKind(pos.first().toStdString());
    if (!kind) {
        return usage("rm", QStringLiteral("unknown kind '%1'").arg(pos.first()));
    }
    const bool sysv = isSysv(*kind);
    for (int i = 1; i < pos.size(); ++i) {
        const std::string text = pos[i].toStdString();
        int id = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
        if (sysv && (ec != std::errc() || end != text.data() + text.size() || id < 0)) {
            return usage("rm", QStringLiteral("'%1' is not a System V id: ids are whole numbers "
                                              "from 0, as in the ID column")
                                   .arg(pos[i]));
        }
        const bool posixName =
            *kind == IpcKind::PosixMq || *kind == IpcKind::PosixShm || *kind == IpcKind::PosixSem;
        if (posixName && (pos[i].isEmpty() || pos[i] == QLatin1String("/") ||
                          pos[i].indexOf(QLatin1Char('/'), 1) >= 0)) {
            return usage("rm", QStringLiteral("'%1' is not a POSIX object name: one '/' "
                                              "followed by a name, as in the NAME column")
                                   .arg(pos[i]));
        }
    }
    // Each identity option belongs to the kinds whose identity it is.
    const std::vector<const QCommandLineOption*> foreign =
        sysv ? std::vector<const QCommandLineOption*>{&inode, &ctimeNs}
             : std::vector<const QCommandLineOption*>{&key, &cuid, &ctime};
    for (const QCommandLineOption* o : foreign) {
        if (parser.isSet(*o)) {
            return usage(
                "rm", QStringLiteral("--%1 is for %2 objects, not %3")
                          .arg(o->names().first(),
                               sysv ? QStringLiteral("POSIX and FIFO") : QStringLiteral("System V"),
                               pos.first()));
        }
    }
    if (*kind == IpcKind::PosixMq && parser.isSet(ctimeNs)) {
        return usage("rm", QStringLiteral("--ctime-ns cannot identify a POSIX message queue: its "
                                          "change time moves with every message; give --inode"));
    }
    ObjectIdentity expected;
    QString bad;
    // A whole number in [min, max]; `bad` names the option otherwise.
    const auto number = [&](const QCommandLineOption& o, auto& out, qlonglong min, qulonglong max,
                            int base = 10) {
        if (!bad.isEmpty() || !parser.isSet(o)) {
            return;
        }
        const QString text = parser.value(o);
        bool ok = false;
        const bool negative = text.startsWith(QLatin1Char('-'));
        const qlonglong s = negative ? text.toLongLong(&ok, base) : 0;
        const qulonglong u = negative ? 0 : text.toULongLong(&ok, base);
        if (!ok || (negative ? s < min : u > max)) {
            bad = &o == &key ? QStringLiteral("--key needs a System V key as listed (0x1bc50001 "
                                              "or a 32-bit decimal), got '%1'")
                                   .arg(text)
                             : QStringLiteral("--%1 needs a whole number from %2 to %3, got '%4'")
                                   .arg(o.names().first())
                                   .arg(min)
                                   .arg(max)
                                   .arg(text);
            return;
        }
        using T = typename std::decay_t<decltype(out)>::value_type;
        out = negative ? T(s) : T(u);
    };
    // Keys are listed in hex (ipcs, lsipc, ours) and stored signed in /proc/sysvipc.
    number(key, expected.key, std::numeric_limits<std::int32_t>::min(), 0xffffffffull, 0);
    number(cuid, expected.creatorUid, 0, std::numeric_limits<uid_t>::max() - 1);
    number(ctime, expected.changeTime, 0, std::numeric_limits<std::int64_t>::max());
    number(inode, expected.inode, 0, std::numeric_limits<std::uint64_t>::max());
    number(ctimeNs, expected.ctimeNs, 0, std::numeric_limits<std::int64_t>::max());
    if (!bad.isEmpty()) {
        return usage("rm", bad);
    }
    int failures = 0;
    for (int i = 1; i < pos.size(); ++i) {
        const auto r = removeIpcObject(*kind, pos[i].toStdString(), expected);
        if (r) {
            std::printf("%s\n", r->message.c_str());
        } else {
            std::fprintf(stderr, "ipcscope-cli rm: %s\n", r.error().message.c_str());
            ++failures;
        }
    }
    return failures == 0 ? 0 : 1;
}

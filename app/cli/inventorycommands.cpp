#include "inventorycommands.h"

#include "commandline.h"

#include "base/format.h"
#include "base/jsonwriter.h"
#include "base/naming.h"
#include "inventory/inventory.h"
#include "inventory/removal.h"
#include "observe/objectwaiters.h"
#include "observe/observer.h"
#include "runoptions/runoptions.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <limits>

using namespace ipcscope;

namespace {

QString permsText(std::uint32_t mode) {
    QString s;
    for (int shift : {6, 3, 0}) {
        s += (mode >> shift) & 4 ? QLatin1Char('r') : QLatin1Char('-');
        s += (mode >> shift) & 2 ? QLatin1Char('w') : QLatin1Char('-');
        s += (mode >> shift) & 1 ? QLatin1Char('x') : QLatin1Char('-');
    }
    return s;
}

QString keyText(std::int32_t key) {
    return QString::fromStdString(formatSysvKey(key));
}

QString timeText(const std::optional<std::int64_t>& t) {
    return t ? QDateTime::fromSecsSinceEpoch(*t).toString(Qt::ISODate) : QString();
}

void writeJson(JsonWriter& j, const IpcObject& o, const std::vector<ObjectWaiter>* waiters) {
    j.beginObject();
    j.field("kind", ipcKindName(o.kind));
    if (o.id) {
        j.field("id", *o.id);
    }
    if (o.key) {
        j.field("key", formatSysvKey(*o.key));
    }
    if (!o.name.empty()) {
        j.field("name", std::string_view(o.name));
    }
    const auto number = [&](const char* k, const auto& v) {
        if (v) {
            j.field(k, static_cast<long long>(*v));
        }
    };
    const auto text = [&](const char* k, const std::string& v) {
        if (!v.empty()) {
            j.field(k, std::string_view(v));
        }
    };
    text("owner", o.owner);
    number("uid", o.uid);
    text("group", o.group);
    number("gid", o.gid);
    text("creator", o.creator);
    number("cuid", o.cuid);
    number("cgid", o.cgid);
    if (hasModeAndSize(o.kind)) {
        char perms[8];
        std::snprintf(perms, sizeof perms, "%03o", o.mode & 0777);
        j.field("perms", std::string_view(perms));
        char text[10];
        for (int i = 0; i < 9; ++i) {
            text[i] = (o.mode >> (8 - i)) & 1 ? "rwxrwxrwx"[i] : '-';
        }
        text[9] = '\0';
        j.field("perms_text", std::string_view(text, 9));
        j.field("size_bytes", static_cast<long long>(o.sizeBytes));
    }
    number("messages", o.messages);
    number("queue_limit_bytes", o.queueLimitBytes);
    number("max_messages", o.maxMessages);
    number("max_message_size", o.maxMessageSize);
    number("attached", o.attached);
    if (o.kind == IpcKind::SysvShm) {
        j.field("destroy_pending", o.destroyPending);
    }
    number("rss_bytes", o.rssBytes);
    number("swap_bytes", o.swapBytes);
    number("semaphores", o.semaphores);
    if (!o.semaphoreValues.empty()) {
        j.key("semaphore_values");
        j.beginArray();
        for (const auto& v : o.semaphoreValues) {
            j.beginObject();
            j.field("value", v.value);
            j.field("waiting_for_increase", v.waitingForIncrease);
            j.field("waiting_for_zero", v.waitingForZero);
            j.field("last_pid", int(v.lastPid));
            j.endObject();
        }
        j.endArray();
    }
    number("value", o.posixSemValue);
    number("waiters", o.posixSemWaiters);
    number("creator_pid", o.creatorPid);
    number("last_pid", o.lastPid);
    number("last_receiver_pid", o.lastReceiverPid);
    number("change_time", o.changeTime);
    number("last_send", o.lastSend);
    number("last_receive", o.lastReceive);
    number("last_attach", o.lastAttach);
    number("last_detach", o.lastDetach);
    number("last_operation", o.lastOperation);
    number("inode", o.inode);
    number("ctime_ns", o.ctimeNs);
    const auto processes = [&](const char* k, const std::vector<ProcessUse>& users) {
        if (users.empty()) {
            return;
        }
        j.key(k);
        j.beginArray();
        for (const auto& u : users) {
            j.beginObject();
            j.field("pid", int(u.pid));
            j.field("command", std::string_view(u.command));
            j.field("how", std::string_view(u.how));
            if (u.fd >= 0) {
                j.field("fd", u.fd);
            }
            j.endObject();
        }
        j.endArray();
    };
    if (isUnixSocket(o.kind)) {
        text("state", o.socketState);
        number("peer_inode", o.peerInode);
        if (o.peerClosed) {
            j.field("peer_closed", true);
        }
        number("awaiting_accept_by", o.awaitingAcceptBy);
        processes("peer_users", o.peerUsers);
        // A datagram socket's receive queue length is the next datagram's size (SIOCINQ).
        number(o.kind == IpcKind::UnixDgram ? "next_datagram_bytes" : "receive_queue_bytes",
               o.receiveQueue);
        number("send_buffer_bytes", o.sendQueue);
        if (o.socketState == "listening") {
            j.field("pending_connections", static_cast<long long>(o.pendingConnections.size()));
            j.key("pending_inodes");
            j.beginArray();
            for (std::uint64_t inode : o.pendingConnections) {
                j.value(static_cast<long long>(inode));
            }
            j.endArray();
        }
        number("backlog_limit", o.backlogLimit);
    }
    j.field("ipcscope", o.ours);
    processes("users", o.users);
    if (waiters && !waiters->empty()) {
        j.key("waiters");
        j.beginArray();
        for (const auto& w : *waiters) {
            j.beginObject();
            j.field("pid", int(w.pid));
            j.field("tid", int(w.tid));
            j.field("command", std::string_view(w.command));
            j.field("call", std::string_view(w.call));
            if (!w.detail.empty()) {
                j.field("detail", std::string_view(w.detail));
            }
            j.endObject();
        }
        j.endArray();
    }
    j.endObject();
}

QString processesText(const std::vector<ProcessUse>& users) {
    QStringList list;
    for (const auto& u : users) {
        list << QStringLiteral("%1 %2").arg(u.pid).arg(QString::fromStdString(u.command));
    }
    list.removeDuplicates();
    return list.join(QStringLiteral(", "));
}

// The other end of a Unix socket, with who holds it when known: "socket:[88] (pid 12 nginx)".
QString peerText(const IpcObject& o) {
    const auto socket = [](std::uint64_t inode) {
        return QStringLiteral("socket:[%1]").arg(inode);
    };
    const QString holders = o.peerUsers.empty()
                                ? QString()
                                : QStringLiteral(" (pid %1)").arg(processesText(o.peerUsers));
    if (o.peerInode) {
        return socket(*o.peerInode) + holders;
    }
    if (o.awaitingAcceptBy) {
        return QStringLiteral("not accepted yet by %1%2").arg(socket(*o.awaitingAcceptBy), holders);
    }
    return o.peerClosed ? QStringLiteral("closed") : QString();
}

QString queueText(const IpcObject& o) {
    if (o.socketState == "listening") {
        return QStringLiteral("%1 waiting to be accepted (backlog %2)")
            .arg(o.pendingConnections.size())
            .arg(o.backlogLimit.value_or(0));
    }
    const std::uint32_t queued = o.receiveQueue.value_or(0);
    if (o.kind == IpcKind::UnixDgram) {
        return queued == 0 ? QStringLiteral("nothing queued")
                           : QStringLiteral("next datagram %1")
                                 .arg(QString::fromStdString(formatBytes(double(queued))));
    }
    return QStringLiteral("%1 queued").arg(QString::fromStdString(formatBytes(double(queued))));
}

// What clients find by name: listening sockets and bound datagram sockets without a peer.
bool isUnixServer(const IpcObject& o) {
    return o.socketState == "listening" ||
           (o.kind == IpcKind::UnixDgram && !o.peerInode && !o.name.starts_with("socket:["));
}

QString kindNames() {
    QStringList names;
    for (IpcKind k : kAllIpcKinds) {
        names << QString::fromUtf8(ipcKindName(k).data());
    }
    return names.join(QLatin1Char(' '));
}

QString usageText(const IpcObject& o) {
    switch (o.kind) {
    case IpcKind::SysvMsg:
        return QStringLiteral("%1 msgs, %2 of %3")
            .arg(o.messages.value_or(0))
            .arg(QString::fromStdString(formatBytes(double(o.sizeBytes))))
            .arg(o.queueLimitBytes ? QString::fromStdString(formatBytes(double(*o.queueLimitBytes)))
                                   : QStringLiteral("?"));
    case IpcKind::SysvShm:
        return QStringLiteral("%1 attached%2")
            .arg(o.attached.value_or(0))
            .arg(o.destroyPending ? QStringLiteral(", destroy pending") : QString());
    case IpcKind::SysvSem: {
        QString s = QStringLiteral("%1 sems").arg(o.semaphores.value_or(0));
        if (!o.semaphoreValues.empty()) {
            s += QStringLiteral(" [%1]").arg(QString::fromStdString(o.semaphoreValuesText()));
        }
        return s;
    }
    case IpcKind::PosixMq:
        return o.messages
                   ? QStringLiteral("%1 of %2 msgs").arg(*o.messages).arg(o.maxMessages.value_or(0))
                   : QStringLiteral("%1 queued")
                         .arg(QString::fromStdString(formatBytes(double(o.sizeBytes))));
    case IpcKind::PosixSem:
        return o.posixSemValue ? QStringLiteral("value %1").arg(*o.posixSemValue) : QString();
    case IpcKind::Pipe:
    case IpcKind::Fifo: {
        const auto ends = o.ends();
        return QStringLiteral("%1 reader(s), %2 writer(s)").arg(ends.readers).arg(ends.writers);
    }
    default:
        return QString();
    }
}

// Columns padded to their widest cell.
void printTable(const QList<QStringList>& rows) {
    QList<int> widths;
    for (const auto& row : rows) {
        for (int i = 0; i < row.size(); ++i) {
            if (widths.size() <= i) {
                widths.append(0);
            }
            widths[i] = std::max(widths[i], int(row[i].size()));
        }
    }
    for (const auto& row : rows) {
        QString line;
        for (int i = 0; i < row.size(); ++i) {
            line += i + 1 < row.size() ? row[i].leftJustified(widths[i] + 2) : row[i];
        }
        std::printf("%s\n", qPrintable(line));
    }
}

} // namespace

int runLsCommand(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "List the IPC objects on this system: System V queues, shared memory and semaphores, POSIX "
        "queues, shared memory and named semaphores, open pipes and FIFOs, and Unix domain "
        "sockets.\n"
        "Without --kind: every System V and POSIX object and the Unix sockets clients find by "
        "name (listening sockets, bound datagram sockets). Pipes, FIFOs and every other Unix "
        "socket (connections, socketpairs) are many: they are listed with --users, or all of a "
        "kind with --kind (as `ss -x` lists every Unix socket), each with the processes holding "
        "it. Unix sockets are those of ipcscope's own network namespace.\n"
        "Field names of --json: see docs/inventory.md."));
    parser.addHelpOption();
    const QCommandLineOption kind(
        QStringLiteral("kind"), QStringLiteral("Only this kind (repeatable): %1.").arg(kindNames()),
        QStringLiteral("KIND"));
    const QCommandLineOption json(
        QStringLiteral("json"), QStringLiteral("Print {\"objects\": [...], \"warnings\": [...]}."));
    const QCommandLineOption users(
        QStringLiteral("users"),
        QStringLiteral("Also show the processes using each object (reads /proc/PID), and list "
                       "every pipe, FIFO and Unix socket."));
    const QCommandLineOption details(
        QStringLiteral("details"),
        QStringLiteral(
            "Also ask the kernel what /proc does not say: each System V queue's byte limit "
            "(msg_qbytes), each semaphore's value and waiters, POSIX queues' message counts."));
    const QCommandLineOption nsOption(
        QStringLiteral("namespace"),
        QStringLiteral("List the System V and POSIX objects of the IPC namespace of process PID "
                       "(a container's) instead of ours."),
        QStringLiteral("PID"));
    parser.addOptions({kind, json, users, details, nsOption});
    if (!parseArguments(parser, "ls", args, {QStringLiteral("kind")})) {
        return 2;
    }
    if (printHelpIfAsked(parser)) {
        return 0;
    }
    if (!parser.positionalArguments().isEmpty()) {
        return usage(
            "ls",
            QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()));
    }
    InventoryOptions options;
    for (const QString& k : parser.values(kind)) {
        const auto parsed = parseIpcKind(k.toStdString());
        if (!parsed) {
            return usage("ls", QStringLiteral("unknown kind '%1'; kinds: %2").arg(k, kindNames()));
        }
        options.kinds.insert(*parsed);
    }
    const bool byKind = !options.kinds.empty();
    if (!byKind) {
        // Pipes and FIFOs are many and need a walk through /proc: only when asked or with --users.
        // Unix sockets come from one netlink dump: the servers always, the rest with --users.
        options.kinds = {IpcKind::SysvMsg,    IpcKind::SysvShm,   IpcKind::SysvSem,
                         IpcKind::PosixMq,    IpcKind::PosixShm,  IpcKind::PosixSem,
                         IpcKind::UnixStream, IpcKind::UnixDgram, IpcKind::UnixSeqpacket};
        if (parser.isSet(users)) {
            options.kinds.insert(IpcKind::Pipe);
            options.kinds.insert(IpcKind::Fifo);
        }
    }
    options.users = parser.isSet(users);
    // Asked for by kind, a socket comes with its holders (as a pipe does); the plain listing of
    // servers does not walk /proc.
    options.socketHolders = byKind || options.users;
    // One system call per object for details /proc lacks: only when asked (lsipc does not ask).
    options.details = parser.isSet(details);
    options.semaphoreValues = parser.isSet(details);
    std::optional<pid_t> nsMember;
    if (parser.isSet(nsOption)) {
        bool ok = false;
        const int pid = parser.value(nsOption).toInt(&ok);
        if (!ok || pid <= 0 || !QFileInfo::exists(QStringLiteral("/proc/%1").arg(pid))) {
            return usage("ls", QStringLiteral("--namespace needs the pid of a running process, "
                                              "got '%1'")
                                   .arg(parser.value(nsOption)));
        }
        if (parser.isSet(users)) {
            return usage("ls", QStringLiteral("--users is not available with --namespace: ids "
                                              "and names mean other objects in another namespace"));
        }
        const auto namespaced = [](IpcKind k) {
            return isSysv(k) || k == IpcKind::PosixMq || k == IpcKind::PosixShm ||
                   k == IpcKind::PosixSem;
        };
        for (IpcKind k : options.kinds) {
            if (byKind && !namespaced(k)) {
                return usage("ls", QStringLiteral("--namespace lists System V and POSIX objects; "
                                                  "%1 is not one")
                                       .arg(QLatin1String(ipcKindName(k).data())));
            }
        }
        std::erase_if(options.kinds, [&](IpcKind k) { return !namespaced(k); });
        options.socketHolders = false;
        // POSIX objects are files of that namespace's mounts, seen through its root.
        const std::string root = "/proc/" + std::to_string(pid) + "/root";
        options.shmRoot = root + "/dev/shm";
        options.mqueueRoot = root + "/dev/mqueue";
        nsMember = pid_t(pid);
    }
    InventoryScanner scanner(options);
    Inventory inv;
    if (nsMember) {
        // /proc/sysvipc and the *ctl calls answer for the namespace of the thread that asks.
        if (auto entered = inIpcNamespaceOf(*nsMember, [&] { inv = scanner.scan(); }); !entered) {
            std::fprintf(stderr, "ipcscope-cli ls: %s\n", entered.error().message.c_str());
            return 1;
        }
    } else {
        inv = scanner.scan();
    }
    if (!byKind && !options.users) {
        std::erase_if(inv.objects,
                      [](const IpcObject& o) { return isUnixSocket(o.kind) && !isUnixServer(o); });
    }
    const bool sockets = std::any_of(inv.objects.begin(), inv.objects.end(),
                                     [](const IpcObject& o) { return isUnixSocket(o.kind); });
    const bool holders = options.users || options.socketHolders;
    // Queue and semaphore waiters hold nothing /proc lists per object: find them by their call.
    ObjectWaiters waiters;
    if (options.users && !nsMember) {
        WaitTracker tracker;
        std::string problem;
        waiters = findObjectWaiters(inv, tracker, std::chrono::milliseconds(100), 64, &problem);
        if (!problem.empty()) {
            inv.warnings.push_back(problem);
        }
    }
    const auto waitersOf = [&](const IpcObject& o) -> const std::vector<ObjectWaiter>* {
        const auto it = waiters.find(waiterKey(o.kind, o.id, o.name));
        return it == waiters.end() ? nullptr : &it->second;
    };
    if (parser.isSet(json)) {
        JsonWriter j;
        j.beginObject();
        j.key("objects");
        j.beginArray();
        for (const auto& o : inv.objects) {
            writeJson(j, o, waitersOf(o));
        }
        j.endArray();
        j.key("warnings");
        j.beginArray();
        for (const auto& w : inv.warnings) {
            j.value(std::string_view(w));
        }
        j.endArray();
        j.endObject();
        const std::string out = j.str();
        std::fwrite(out.data(), 1, out.size(), stdout);
        std::fputs("\n", stdout);
        return 0;
    }
    QStringList header{QStringLiteral("KIND"),  QStringLiteral("ID/NAME"), QStringLiteral("KEY"),
                       QStringLiteral("OWNER"), QStringLiteral("PERMS"),   QStringLiteral("SIZE"),
                       QStringLiteral("USAGE"), QStringLiteral("CHANGED")};
    if (sockets) {
        header << QStringLiteral("INODE") << QStringLiteral("STATE") << QStringLiteral("PEER")
               << QStringLiteral("QUEUE");
    }
    header << (holders ? QStringLiteral("USED BY") : QString());
    QList<QStringList> rows{header};
    for (const auto& o : inv.objects) {
        QStringList users;
        for (const auto& u : o.users) {
            users << QStringLiteral("%1 %2%3")
                         .arg(u.pid)
                         .arg(QString::fromStdString(u.command))
                         .arg(u.how == "attached" || u.how == "mapped" || u.how == "open"
                                  ? QString()
                                  : QStringLiteral(" (%1)").arg(QString::fromStdString(u.how)));
        }
        if (const auto* w = waitersOf(o)) {
            for (const auto& waiter : *w) {
                users << QStringLiteral("%1 %2 (waits in %3%4)")
                             .arg(waiter.pid)
                             .arg(QString::fromStdString(waiter.command))
                             .arg(QString::fromStdString(waiter.call))
                             .arg(waiter.detail.empty()
                                      ? QString()
                                      : QStringLiteral(", ") +
                                            QString::fromStdString(waiter.detail));
            }
        }
        // Names may hold newlines or control characters: show them escaped, on one line.
        QString name = QString::fromStdString(o.displayId());
        name.replace(QLatin1Char('\n'), QStringLiteral("\\n"))
            .replace(QLatin1Char('\t'), QStringLiteral("\\t"));
        const bool modeAndSize = hasModeAndSize(o.kind);
        QStringList row{QString::fromUtf8(ipcKindName(o.kind).data()),
                        name,
                        o.key ? keyText(*o.key) : QString(),
                        QString::fromStdString(o.owner),
                        modeAndSize ? QStringLiteral("%1 %2")
                                          .arg(o.mode & 0777, 3, 8, QLatin1Char('0'))
                                          .arg(permsText(o.mode))
                                    : QString(),
                        modeAndSize ? QString::fromStdString(formatBytes(double(o.sizeBytes)))
                                    : QString(),
                        usageText(o),
                        timeText(o.changeTime)};
        if (sockets) {
            const bool socket = isUnixSocket(o.kind);
            row << (socket && o.inode ? QString::number(*o.inode) : QString())
                << QString::fromStdString(o.socketState) << (socket ? peerText(o) : QString())
                << (socket ? queueText(o) : QString());
        }
        row << users.join(QStringLiteral(", "));
        rows.append(row);
    }
    printTable(rows);
    if (inv.objects.empty()) {
        std::puts("(no IPC objects of these kinds)");
    }
    for (const auto& w : inv.warnings) {
        std::fprintf(stderr, "warning: %s\n", w.c_str());
    }
    return 0;
}

int runLimitsCommand(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Show the kernel's IPC limits and how much of each is used."));
    parser.addHelpOption();
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON."));
    parser.addOption(json);
    if (!parseArguments(parser, "limits", args)) {
        return 2;
    }
    if (printHelpIfAsked(parser)) {
        return 0;
    }
    InventoryOptions options;
    options.kinds = {IpcKind::SysvMsg, IpcKind::SysvShm, IpcKind::SysvSem, IpcKind::PosixMq};
    InventoryScanner scanner(options);
    const Inventory inv = scanner.scan();
    const auto limits = limitsWithUsage(KernelLimits::read(), inv);
    if (parser.isSet(json)) {
        QJsonArray rows;
        for (const auto& l : limits) {
            QJsonObject r{{QStringLiteral("resource"), QString::fromStdString(l.resource)},
                          {QStringLiteral("description"), QString::fromStdString(l.description)},
                          {QStringLiteral("unit"), QString::fromStdString(l.unit)}};
            r[QStringLiteral("limit")] = l.limit ? QJsonValue(double(*l.limit)) : QJsonValue();
            r[QStringLiteral("used")] = l.used ? QJsonValue(qint64(*l.used)) : QJsonValue();
            r[QStringLiteral("percent")] = l.percent() ? QJsonValue(*l.percent()) : QJsonValue();
            rows.append(r);
        }
        QJsonArray warnings;
        for (const auto& w : inv.warnings) {
            warnings.append(QString::fromStdString(w));
        }
        std::fputs(QJsonDocument(QJsonObject{{QStringLiteral("limits"), rows},
                                             {QStringLiteral("warnings"), warnings}})
                       .toJson(QJsonDocument::Compact)
                       .constData(),
                   stdout);
        std::fputs("\n", stdout);
        return 0;
    }
    QList<QStringList> rows{{QStringLiteral("RESOURCE"), QStringLiteral("DESCRIPTION"),
                             QStringLiteral("LIMIT"), QStringLiteral("USED"),
                             QStringLiteral("USE%")}};
    for (const auto& l : limits) {
        const QString limit = !l.limit ? QStringLiteral("?")
                              : l.unit == "bytes"
                                  ? QString::fromStdString(formatBytes(double(*l.limit)))
                                  : QString::number(*l.limit);
        rows.append({QString::fromStdString(l.resource), QString::fromStdString(l.description),
                     limit, l.used ? QString::number(*l.used) : QStringLiteral("-"),
                     l.percent() ? QStringLiteral("%1%").arg(*l.percent(), 0, 'f', 2)
                                 : QStringLiteral("-")});
    }
    printTable(rows);
    for (const auto& w : inv.warnings) {
        std::fprintf(stderr, "warning: %s\n", w.c_str());
    }
    return 0;
}

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
    if (printHelpIfAsked(parser)) {
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

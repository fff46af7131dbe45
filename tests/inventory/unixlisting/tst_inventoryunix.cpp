// Unix domain sockets in the inventory and in `ipcscope-cli ls`, against sockets the test makes
// in its own process (abstract names with the pid, paths in a private directory removed after):
// which are listed by default and which by kind, their peers and holders, the JSON fields, and
// that removing one is refused in words.

#include "../common/inventoryfixture.h"

#include "base/uniquefd.h"

#include <QScopeGuard>

#include <csignal>
#include <sched.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/un.h>

using namespace ipcscope;
using namespace inventorytests;
using namespace testsupport;

namespace {

std::uint64_t inodeOf(int fd) {
    struct stat st {};
    return ::fstat(fd, &st) == 0 ? std::uint64_t(st.st_ino) : 0;
}

sockaddr_un addressOf(const std::string& name, bool abstract, socklen_t& length) {
    sockaddr_un a{};
    a.sun_family = AF_UNIX;
    std::memcpy(a.sun_path + (abstract ? 1 : 0), name.data(), name.size());
    length = socklen_t(offsetof(sockaddr_un, sun_path) + name.size() + 1);
    return a;
}

// A socket of `type` bound to `name` (listening when stream), or connected to it.
UniqueFd unixSocket(int type, const std::string& name, bool abstract, bool bind) {
    UniqueFd fd(::socket(AF_UNIX, type | SOCK_CLOEXEC, 0));
    socklen_t length = 0;
    const sockaddr_un a = addressOf(name, abstract, length);
    const auto* at = reinterpret_cast<const sockaddr*>(&a);
    const bool ok = bind ? ::bind(fd.get(), at, length) == 0 &&
                               (type != SOCK_STREAM || ::listen(fd.get(), 8) == 0)
                         : ::connect(fd.get(), at, length) == 0;
    return ok ? std::move(fd) : UniqueFd();
}

QJsonObject lsJson(const QStringList& args) {
    return QJsonDocument::fromJson(run(cliPath(), QStringList{QStringLiteral("ls")} + args +
                                                      QStringList{QStringLiteral("--json")}))
        .object();
}

QJsonObject objectWithInode(const QJsonObject& listing, std::uint64_t inode) {
    for (const auto& v : listing.value(QStringLiteral("objects")).toArray()) {
        if (v.toObject().value(QStringLiteral("inode")).toInteger() == qint64(inode)) {
            return v.toObject();
        }
    }
    return {};
}

bool holds(const QJsonArray& users, int fd) {
    for (const auto& u : users) {
        if (u.toObject().value(QStringLiteral("pid")).toInt() == ::getpid() &&
            u.toObject().value(QStringLiteral("fd")).toInt() == fd) {
            return true;
        }
    }
    return false;
}

bool holds(const std::vector<ProcessUse>& users, int fd) {
    return std::any_of(users.begin(), users.end(),
                       [&](const ProcessUse& u) { return u.pid == ::getpid() && u.fd == fd; });
}

const IpcObject* findByInode(const Inventory& inv, std::uint64_t inode) {
    for (const auto& o : inv.objects) {
        if (isUnixSocket(o.kind) && o.inode == inode) {
            return &o;
        }
    }
    return nullptr;
}

} // namespace

class TestInventoryUnix : public QObject {
    Q_OBJECT

    std::string m_abstract = "tst_inventoryunix." + std::to_string(::getpid());

private Q_SLOTS:
    // `ls --kind unix-stream --json`: both ends of the test's socketpair, pointing at each
    // other, each held by this process (with the fd), with the bytes queued; nothing else.
    void lsListsASocketPairByKind() {
        int pair[2] = {-1, -1};
        QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair), 0);
        const UniqueFd a(pair[0]), b(pair[1]);
        QCOMPARE(::write(a.get(), "abc", 3), ssize_t(3));
        const std::uint64_t ia = inodeOf(a.get()), ib = inodeOf(b.get());
        const QJsonObject listing =
            lsJson({QStringLiteral("--kind"), QStringLiteral("unix-stream")});
        for (const auto& v : listing.value(QStringLiteral("objects")).toArray()) {
            QCOMPARE(v.toObject().value(QStringLiteral("kind")).toString(),
                     QStringLiteral("unix-stream"));
        }
        const QJsonObject oa = objectWithInode(listing, ia);
        const QJsonObject ob = objectWithInode(listing, ib);
        QVERIFY2(!oa.isEmpty() && !ob.isEmpty(), "ls does not list the test's socketpair");
        QCOMPARE(oa.value(QStringLiteral("name")).toString(),
                 QStringLiteral("socket:[%1]").arg(ia));
        QCOMPARE(oa.value(QStringLiteral("state")).toString(), QStringLiteral("connected"));
        QCOMPARE(oa.value(QStringLiteral("peer_inode")).toInteger(), qint64(ib));
        QCOMPARE(ob.value(QStringLiteral("peer_inode")).toInteger(), qint64(ia));
        QVERIFY(holds(oa.value(QStringLiteral("users")).toArray(), a.get()));
        QVERIFY(holds(oa.value(QStringLiteral("peer_users")).toArray(), b.get()));
        QVERIFY(holds(ob.value(QStringLiteral("users")).toArray(), b.get()));
        QCOMPARE(ob.value(QStringLiteral("receive_queue_bytes")).toInteger(), 3);
        QCOMPARE(oa.value(QStringLiteral("receive_queue_bytes")).toInteger(), 0);
        QVERIFY(!oa.contains(QStringLiteral("perms"))); // a socket has no mode or size to list

        // The table names the peer and its holder in words.
        const QString table =
            QString::fromUtf8(run(cliPath(), {QStringLiteral("ls"), QStringLiteral("--kind"),
                                              QStringLiteral("unix-stream")}));
        QVERIFY2(table.contains(QStringLiteral("PEER")) && table.contains(QStringLiteral("QUEUE")),
                 qPrintable(table));
        QVERIFY2(table.contains(QStringLiteral("socket:[%1] (pid %2 ").arg(ib).arg(::getpid())),
                 qPrintable(table));
    }

    // Plain `ls` lists the sockets clients find by name (a listener, a bound datagram socket)
    // without walking /proc, and not the many connections and socketpairs; --users lists those
    // too.
    void plainLsListsServersOnly() {
        const std::string name = m_abstract + ".server";
        const UniqueFd listener = unixSocket(SOCK_STREAM, name, true, true);
        QVERIFY(listener);
        const UniqueFd client = unixSocket(SOCK_STREAM, name, true, false);
        QVERIFY(client);
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("dgram.sock")).toStdString();
        const UniqueFd receiver = unixSocket(SOCK_DGRAM, path, false, true);
        QVERIFY(receiver);
        int pair[2] = {-1, -1};
        QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair), 0);
        const UniqueFd a(pair[0]), b(pair[1]);

        const QJsonObject plain = lsJson({});
        const QJsonObject server = objectWithInode(plain, inodeOf(listener.get()));
        QVERIFY2(!server.isEmpty(), "plain ls does not list a listening socket");
        QCOMPARE(server.value(QStringLiteral("name")).toString(),
                 QStringLiteral("@") + QString::fromStdString(name));
        QCOMPARE(server.value(QStringLiteral("state")).toString(), QStringLiteral("listening"));
        QCOMPARE(server.value(QStringLiteral("pending_connections")).toInt(), 1);
        QCOMPARE(server.value(QStringLiteral("pending_inodes")).toArray().first().toInteger(),
                 qint64(inodeOf(client.get())));
        QCOMPARE(server.value(QStringLiteral("backlog_limit")).toInt(), 8);
        QVERIFY(!server.contains(QStringLiteral("users"))); // no walk through /proc
        const QJsonObject dgram = objectWithInode(plain, inodeOf(receiver.get()));
        QCOMPARE(dgram.value(QStringLiteral("kind")).toString(), QStringLiteral("unix-dgram"));
        QCOMPARE(dgram.value(QStringLiteral("name")).toString(), QString::fromStdString(path));
        QVERIFY(objectWithInode(plain, inodeOf(a.get())).isEmpty());
        QVERIFY(objectWithInode(plain, inodeOf(client.get())).isEmpty());

        const QJsonObject withUsers = lsJson({QStringLiteral("--users")});
        QVERIFY(holds(
            objectWithInode(withUsers, inodeOf(a.get())).value(QStringLiteral("users")).toArray(),
            a.get()));
        QVERIFY(holds(objectWithInode(withUsers, inodeOf(listener.get()))
                          .value(QStringLiteral("users"))
                          .toArray(),
                      listener.get()));
    }

    // The scanner: a listener's pending client, the client waiting for it, and who holds what.
    void scannerPairsClientsWithTheirListener() {
        const std::string name = m_abstract + ".scanner";
        const UniqueFd listener = unixSocket(SOCK_STREAM, name, true, true);
        const UniqueFd client = unixSocket(SOCK_STREAM, name, true, false);
        QVERIFY(listener && client);
        const std::uint64_t l = inodeOf(listener.get()), c = inodeOf(client.get());
        const Inventory inv = InventoryScanner(optionsFor(IpcKind::UnixStream)).scan();
        const IpcObject* server = findByInode(inv, l);
        const IpcObject* waiting = findByInode(inv, c);
        QVERIFY(server && waiting);
        QCOMPARE(server->socketState, std::string("listening"));
        QCOMPARE(server->pendingConnections, std::vector<std::uint64_t>{c});
        QCOMPARE(server->receiveQueue, std::nullopt);
        QVERIFY(holds(server->users, listener.get()));
        QCOMPARE(waiting->awaitingAcceptBy, std::optional<std::uint64_t>(l));
        QCOMPARE(waiting->peerInode, std::nullopt);
        QVERIFY(holds(waiting->users, client.get()));
        QVERIFY(holds(waiting->peerUsers, listener.get())); // who could accept it
        QCOMPARE(waiting->owner, userName(::geteuid()));
        for (const auto& o : inv.objects) {
            QCOMPARE(o.kind, IpcKind::UnixStream);
        }
    }

    // A process in another network namespace: its sockets are not in the table, and the
    // listing names the process instead of leaving the gap unexplained.
    void otherNetworkNamespaceIsSaid() {
        int ready[2] = {-1, -1}, hold[2] = {-1, -1};
        QCOMPARE(::pipe2(ready, O_CLOEXEC), 0);
        QCOMPARE(::pipe2(hold, O_CLOEXEC), 0);
        const pid_t child = ::fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);
            ::close(ready[0]);
            ::close(hold[1]);
            int pair[2] = {-1, -1};
            std::uint64_t inode = 0; // 0: could not make a network namespace
            if (::unshare(CLONE_NEWNET) == 0 && ::socketpair(AF_UNIX, SOCK_STREAM, 0, pair) == 0) {
                inode = inodeOf(pair[0]);
            }
            (void)!::write(ready[1], &inode, sizeof inode);
            char c;
            (void)!::read(hold[0], &c, 1); // until the test closes its end
            ::_exit(0);
        }
        ::close(ready[1]);
        ::close(hold[0]);
        const UniqueFd readyEnd(ready[0]), holdEnd(hold[1]);
        const auto reap = qScopeGuard([&] {
            ::kill(child, SIGKILL);
            ::waitpid(child, nullptr, 0);
        });
        std::uint64_t inode = 0;
        QCOMPARE(::read(readyEnd.get(), &inode, sizeof inode), ssize_t(sizeof inode));
        if (inode == 0) {
            QSKIP("cannot make a network namespace here (unshare(CLONE_NEWNET) needs root)");
        }
        const Inventory inv = InventoryScanner(optionsFor(IpcKind::UnixStream)).scan();
        QCOMPARE(findByInode(inv, inode), nullptr);
        const std::string pid = std::to_string(child);
        QVERIFY2(std::any_of(inv.warnings.begin(), inv.warnings.end(),
                             [&](const std::string& w) {
                                 return w.find("another network namespace") != std::string::npos &&
                                        w.find(pid) != std::string::npos;
                             }),
                 "the listing must name the process whose sockets it cannot see");
    }

    // A socket cannot be removed from outside: `rm` and the core refuse in words, and a bound
    // socket's file stays.
    void removingASocketIsRefused() {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("bound.sock")).toStdString();
        const UniqueFd receiver = unixSocket(SOCK_DGRAM, path, false, true);
        QVERIFY(receiver);
        const auto refused = removeIpcObject(IpcKind::UnixDgram, path, {});
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.find("cannot be removed from outside") !=
                         std::string::npos &&
                     refused.error().message.find("does not close the socket") != std::string::npos,
                 refused.error().message.c_str());
        QVERIFY(QFileInfo::exists(QString::fromStdString(path)));

        QProcess rm;
        rm.start(cliPath(), {QStringLiteral("rm"), QStringLiteral("unix-dgram"),
                             QString::fromStdString(path)});
        QVERIFY(rm.waitForFinished(30000));
        QCOMPARE(rm.exitCode(), 1);
        QVERIFY2(rm.readAllStandardError().contains("cannot be removed from outside"),
                 "rm of a socket must say why it refuses");
        QVERIFY(QFileInfo::exists(QString::fromStdString(path)));
    }
};

QTEST_GUILESS_MAIN(TestInventoryUnix)
#include "tst_inventoryunix.moc"

// The Unix socket table (NETLINK_SOCK_DIAG) against real sockets this test makes in its own
// process: socketpairs, a listener with clients it has not accepted, datagram and seqpacket
// sockets, abstract names with the pid in them and paths in a private directory removed after.

#include "inventory/unixsockets.h"

#include "base/uniquefd.h"

#include <QTemporaryDir>
#include <QtTest>

#include <set>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

using namespace ipcscope;

namespace {

std::uint64_t inodeOf(int fd) {
    struct stat st {};
    return ::fstat(fd, &st) == 0 ? std::uint64_t(st.st_ino) : 0;
}

struct Pair {
    UniqueFd a, b;
};

Pair socketPair(int type) {
    int fds[2] = {-1, -1};
    if (::socketpair(AF_UNIX, type | SOCK_CLOEXEC, 0, fds) != 0) {
        return {};
    }
    return {UniqueFd(fds[0]), UniqueFd(fds[1])};
}

// An abstract name ("\0name") unique to this run: nothing to remove afterwards.
std::string abstractName(const char* role) {
    return "tst_unixsockets." + std::to_string(::getpid()) + "." + role;
}

sockaddr_un address(const std::string& name, bool abstract, socklen_t& length) {
    sockaddr_un a{};
    a.sun_family = AF_UNIX;
    const std::size_t at = abstract ? 1 : 0;
    std::memcpy(a.sun_path + at, name.data(), std::min(name.size(), sizeof a.sun_path - 1 - at));
    length = socklen_t(offsetof(sockaddr_un, sun_path) + at + name.size() + (abstract ? 0 : 1));
    return a;
}

// A socket bound to the name (Bind) or connected to it (Connect).
enum class To { Bind, Connect };
UniqueFd socketAt(To to, int type, const std::string& name, bool abstract) {
    UniqueFd fd(::socket(AF_UNIX, type | SOCK_CLOEXEC, 0));
    socklen_t length = 0;
    const sockaddr_un a = address(name, abstract, length);
    const auto* at = reinterpret_cast<const sockaddr*>(&a);
    if (!fd ||
        (to == To::Bind ? ::bind(fd.get(), at, length) : ::connect(fd.get(), at, length)) != 0) {
        return {};
    }
    return fd;
}
UniqueFd boundSocket(int type, const std::string& name, bool abstract) {
    return socketAt(To::Bind, type, name, abstract);
}
UniqueFd connectedTo(int type, const std::string& name, bool abstract) {
    return socketAt(To::Connect, type, name, abstract);
}

UnixSocketTable readTable() {
    auto table = UnixSocketTable::read();
    if (!table) {
        qFatal("UnixSocketTable::read failed: %s", table.error().message.c_str());
    }
    return std::move(table).value();
}

} // namespace

class TestUnixSockets : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // A socketpair's two ends point at each other: stream, connected, unnamed.
    void socketPairPointsAtEachOther() {
        const Pair p = socketPair(SOCK_STREAM);
        QVERIFY(p.a && p.b);
        const std::uint64_t a = inodeOf(p.a.get()), b = inodeOf(p.b.get());
        const UnixSocketTable table = readTable();
        const UnixSocketInfo* sa = table.find(a);
        const UnixSocketInfo* sb = table.find(b);
        QVERIFY(sa && sb);
        QCOMPARE(sa->kind, IpcKind::UnixStream);
        QCOMPARE(sb->kind, IpcKind::UnixStream);
        QCOMPARE(sa->state, std::string("connected"));
        QCOMPARE(sb->state, std::string("connected"));
        QCOMPARE(sa->peerInode, std::optional<std::uint64_t>(b));
        QCOMPARE(sb->peerInode, std::optional<std::uint64_t>(a));
        QCOMPARE(sa->name, std::string());
        QVERIFY(!sa->peerClosed);
        QCOMPARE(sa->uid, std::optional<uid_t>(::geteuid()));
    }

    // Bytes written and not read are in the reader's receive queue, exactly; reading some
    // leaves the rest; the writer's send buffer holds them until read.
    void unreadBytesShowInThePeersReceiveQueue() {
        const Pair p = socketPair(SOCK_STREAM);
        QVERIFY(p.a && p.b);
        const std::uint64_t a = inodeOf(p.a.get()), b = inodeOf(p.b.get());
        const std::string data(1234, 'x');
        QCOMPARE(::write(p.a.get(), data.data(), data.size()), ssize_t(data.size()));
        UnixSocketTable table = readTable();
        QCOMPARE(table.find(b)->receiveQueue, 1234u);
        QCOMPARE(table.find(a)->receiveQueue, 0u);
        QVERIFY(table.find(a)->sendQueue >= 1234u); // memory, overhead included
        char buffer[1000];
        QCOMPARE(::read(p.b.get(), buffer, sizeof buffer), ssize_t(sizeof buffer));
        table = readTable();
        QCOMPARE(table.find(b)->receiveQueue, 234u);
    }

    // A listener with two clients it has not accepted: 2 pending, the clients' inodes, its
    // backlog; the clients are connected and wait for it. After accept() the pair is whole.
    void listenerShowsConnectionsWaitingToBeAccepted() {
        const std::string name = abstractName("listen");
        const UniqueFd listener = boundSocket(SOCK_STREAM, name, true);
        QVERIFY(listener);
        QCOMPARE(::listen(listener.get(), 7), 0);
        const UniqueFd first = connectedTo(SOCK_STREAM, name, true);
        const UniqueFd second = connectedTo(SOCK_STREAM, name, true);
        QVERIFY(first && second);
        const std::uint64_t l = inodeOf(listener.get());
        const std::uint64_t c1 = inodeOf(first.get()), c2 = inodeOf(second.get());

        UnixSocketTable table = readTable();
        const UnixSocketInfo* s = table.find(l);
        QVERIFY(s);
        QCOMPARE(s->state, std::string("listening"));
        QVERIFY(s->listening());
        QCOMPARE(s->name, "@" + name);
        QCOMPARE(s->receiveQueue, 2u);
        QCOMPARE(s->pendingConnections.size(), std::size_t(2));
        QCOMPARE(
            std::set<std::uint64_t>(s->pendingConnections.begin(), s->pendingConnections.end()),
            (std::set<std::uint64_t>{c1, c2}));
        QCOMPARE(s->backlogLimit, std::optional<std::uint32_t>(7));
        QCOMPARE(s->peerInode, std::nullopt);
        for (std::uint64_t c : {c1, c2}) {
            const UnixSocketInfo* client = table.find(c);
            QVERIFY(client);
            QCOMPARE(client->state, std::string("connected"));
            QCOMPARE(client->awaitingAcceptBy, std::optional<std::uint64_t>(l));
            QVERIFY(!client->peerClosed);
            QCOMPARE(client->name, std::string()); // the client did not bind
        }

        const UniqueFd accepted(::accept4(listener.get(), nullptr, nullptr, SOCK_CLOEXEC));
        QVERIFY(accepted);
        const std::uint64_t server = inodeOf(accepted.get());
        table = readTable();
        QCOMPARE(table.find(l)->receiveQueue, 1u);
        QCOMPARE(table.find(l)->pendingConnections.size(), std::size_t(1));
        // The accepted end carries the listener's name; it and its client point at each other.
        const UnixSocketInfo* acceptedEnd = table.find(server);
        QVERIFY(acceptedEnd);
        QCOMPARE(acceptedEnd->name, "@" + name);
        QVERIFY(acceptedEnd->peerInode == c1 || acceptedEnd->peerInode == c2);
        QCOMPARE(table.find(*acceptedEnd->peerInode)->peerInode,
                 std::optional<std::uint64_t>(server));
        QCOMPARE(table.find(*acceptedEnd->peerInode)->awaitingAcceptBy, std::nullopt);
    }

    // A datagram receiver bound to a path, a sender connected to it: the path, the socket
    // file's inode, the next datagram's size, unconnected vs connected.
    void datagramSocketsWithAPath() {
        QTemporaryDir dir; // private, removed with the socket file in it
        QVERIFY(dir.isValid());
        const std::string path = dir.filePath(QStringLiteral("receiver.sock")).toStdString();
        const UniqueFd receiver = boundSocket(SOCK_DGRAM, path, false);
        QVERIFY(receiver);
        const std::uint64_t r = inodeOf(receiver.get());
        QCOMPARE(readTable().find(r)->state, std::string("unconnected"));
        const UniqueFd sender = connectedTo(SOCK_DGRAM, path, false);
        QVERIFY(sender);
        QCOMPARE(::send(sender.get(), "0123456789", 10, 0), ssize_t(10));
        QCOMPARE(::send(sender.get(), "01234567890123456789", 20, 0), ssize_t(20));
        const std::uint64_t s = inodeOf(sender.get());
        struct stat file {};
        QCOMPARE(::stat(path.c_str(), &file), 0);

        const UnixSocketTable table = readTable();
        const UnixSocketInfo* in = table.find(r);
        const UnixSocketInfo* out = table.find(s);
        QVERIFY(in && out);
        QCOMPARE(in->kind, IpcKind::UnixDgram);
        // Newer kernels mark a datagram socket connected when another connects to it.
        QVERIFY2(in->state == "unconnected" || in->state == "connected", in->state.c_str());
        QCOMPARE(in->peerInode, std::nullopt);
        QCOMPARE(in->name, path);
        QCOMPARE(in->fileInode, std::optional<std::uint32_t>(std::uint32_t(file.st_ino)));
        QCOMPARE(in->receiveQueue, 10u); // the kernel tells the next datagram's size only
        QCOMPARE(out->kind, IpcKind::UnixDgram);
        QCOMPARE(out->state, std::string("connected"));
        QCOMPARE(out->peerInode, std::optional<std::uint64_t>(r));
        QCOMPARE(out->name, std::string());
        QCOMPARE(out->fileInode, std::nullopt);
    }

    // Seqpacket pairs are their own kind, with byte counts like streams.
    void seqpacketPair() {
        const Pair p = socketPair(SOCK_SEQPACKET);
        QVERIFY(p.a && p.b);
        QCOMPARE(::write(p.a.get(), "abc", 3), ssize_t(3));
        QCOMPARE(::write(p.a.get(), "defg", 4), ssize_t(4));
        const std::uint64_t a = inodeOf(p.a.get()), b = inodeOf(p.b.get());
        const UnixSocketTable table = readTable();
        QCOMPARE(table.find(a)->kind, IpcKind::UnixSeqpacket);
        QCOMPARE(table.find(b)->kind, IpcKind::UnixSeqpacket);
        QCOMPARE(table.find(b)->peerInode, std::optional<std::uint64_t>(a));
        QCOMPARE(table.find(b)->receiveQueue, 7u);
    }

    // An abstract name with a NUL inside shows it as '@', as `ss -x` does; a path ends at its
    // NUL.
    void abstractNamesWithNuls() {
        const std::string name = abstractName("nul") + std::string(1, '\0') + "tail";
        const UniqueFd bound = boundSocket(SOCK_DGRAM, name, true);
        QVERIFY(bound);
        const UnixSocketTable table = readTable();
        QCOMPARE(table.find(inodeOf(bound.get()))->name, "@" + abstractName("nul") + "@tail");
    }

    // When one end of a pair is closed, the other still says connected, with its peer closed.
    void closedPeerIsSaid() {
        Pair p = socketPair(SOCK_STREAM);
        QVERIFY(p.a && p.b);
        const std::uint64_t a = inodeOf(p.a.get()), b = inodeOf(p.b.get());
        p.b.reset();
        const UnixSocketTable table = readTable();
        QCOMPARE(table.find(b), nullptr);
        const UnixSocketInfo* left = table.find(a);
        QVERIFY(left);
        QCOMPARE(left->peerInode, std::nullopt);
        QVERIFY(left->peerClosed);
        QCOMPARE(left->awaitingAcceptBy, std::nullopt);
    }

    void fromListAndFind() {
        UnixSocketInfo one;
        one.inode = 11;
        one.state = "listening";
        UnixSocketInfo two;
        two.inode = 12;
        two.kind = IpcKind::UnixDgram;
        two.peerInode = 11;
        const UnixSocketTable table = UnixSocketTable::fromList({one, two});
        QCOMPARE(table.all().size(), std::size_t(2));
        QVERIFY(table.find(11));
        QVERIFY(table.find(11)->listening());
        QCOMPARE(*table.find(12), two);
        QCOMPARE(table.find(13), nullptr);
        QCOMPARE(UnixSocketTable::fromList({}).find(11), nullptr);
    }

    void stateNames() {
        QCOMPARE(unixSocketStateName(10), std::string("listening"));  // TCP_LISTEN
        QCOMPARE(unixSocketStateName(1), std::string("connected"));   // TCP_ESTABLISHED
        QCOMPARE(unixSocketStateName(7), std::string("unconnected")); // TCP_CLOSE
        QCOMPARE(unixSocketStateName(2), std::string("connecting"));  // TCP_SYN_SENT
        QCOMPARE(unixSocketStateName(99), std::string("state 99"));
    }
};

QTEST_GUILESS_MAIN(TestUnixSockets)
#include "tst_unixsockets.moc"

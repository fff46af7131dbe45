// The worker's command line: what the lab writes, the worker's parser reads back equal, and
// what no lab writes is refused (core/workerargs).

#include "mechanisms/validate.h"
#include "workerargs/workerargs.h"

#include <QStringList>
#include <QtTest>

#include <cmath>

using namespace ipcscope;

class TestWorkerArgs : public QObject {
    Q_OBJECT

private:
    // The worker's parser fed a command line as exec gives it (argv[0] first).
    static Result<WorkerArgs> parseArgv(std::vector<std::string> args) {
        args.insert(args.begin(), "ipcscope-worker");
        std::vector<char*> argv;
        for (auto& a : args) {
            argv.push_back(a.data());
        }
        return parseWorkerArgs(int(argv.size()), argv.data());
    }

private Q_SLOTS:
    // Every argument the lab gives a worker comes back equal from the worker's parser, extreme
    // values included.
    void workerArgsRoundTrip_data() {
        QTest::addColumn<int>("which");
        for (int i = 0; i < 6; ++i) {
            QTest::addRow("%d", i) << i;
        }
    }

    void workerArgsRoundTrip() {
        QFETCH(int, which);
        WorkerArgs a;
        switch (which) {
        case 0:
            break; // defaults
        case 1:
            // the largest of everything
            a.mechanism = Mechanism::UnixDgram;
            a.role = Role::Consumer;
            a.index = UINT32_MAX;
            a.slot = UINT32_MAX;
            a.intervalNs = UINT64_MAX;
            a.quota = UINT64_MAX;
            a.messageTypes = UINT32_MAX;
            a.checkOrder = true;
            a.raw = true;
            a.startDelayNs = UINT64_MAX;
            a.holdWindows = UINT32_MAX;
            a.params.messageSize = UINT32_MAX;
            a.params.producerCount = UINT32_MAX;
            a.params.receiveType = LONG_MIN;
            for (int fd = 0; fd < kMaxChannelFds; ++fd) {
                a.params.fds.push_back(kFirstChannelFd + fd);
            }
            break;
        case 2: // tiny and huge rates, a delay, parameters with '=' and empty values
            a.mechanism = Mechanism::SysvMsg;
            a.intervalNs = intervalNsForRate(0.0000004);
            a.startDelayNs = 1;
            a.quota = 9007199254740991;
            a.params.receiveType = LONG_MAX;
            a.params.values = {{"key", "0x1bc50001"}, {"path", "/tmp/a=b c"}, {"empty", ""}};
            a.params.fds = {kFirstChannelFd};
            break;
        case 3:
            a.mechanism = Mechanism::PosixMq;
            a.role = Role::Consumer;
            a.intervalNs = intervalNsForRate(1e9);
            a.params.receiveType = -3;
            break;
        case 4:
            a.mechanism = Mechanism::SysvSem;
            a.intervalNs = intervalNsForRate(5e-324); // the smallest double
            break;
        case 5: { // what the lab writes for a real configuration
            RunConfig c;
            c.mechanism = Mechanism::SysvMsg;
            c.producers = 3;
            c.messageSize = 4096;
            c.producerRate = 0.0000004;
            c.consumerRate = 123456.789;
            c.messages = 10;
            c.messageTypes = 4;
            c.receiveTypes = {-2, 3};
            c.scenario.producerStartDelayS = 0.1;
            c.scenario.holdFirstMessageWindows = 2;
            const EndpointSpec spec{{17, 18}, {{"id", "42"}}};
            const WorkerArgs producer = workerArgsFor(c, Role::Producer, 1, 1, spec);
            QCOMPARE(producer.intervalNs, std::uint64_t(2'500'000'000'000'000));
            QCOMPARE(producer.quota, std::uint64_t(3)); // 10 = 4 + 3 + 3
            QCOMPARE(producer.startDelayNs, std::uint64_t(100'000'000));
            QCOMPARE(producer.holdWindows, 0u);
            QCOMPARE(producer.params.fds, (std::vector<int>{kFirstChannelFd, kFirstChannelFd + 1}));
            const WorkerArgs consumer = workerArgsFor(c, Role::Consumer, 0, 3, spec);
            QCOMPARE(consumer.intervalNs, std::uint64_t(8100)); // 1e9 / 123456.789 = 8100.0007
            QCOMPARE(consumer.params.receiveType, -2L);
            QCOMPARE(consumer.holdWindows, 2u);
            QCOMPARE(consumer.startDelayNs, std::uint64_t(0));
            QVERIFY(!consumer.checkOrder); // several types: no order promised
            a = consumer;
            break;
        }
        }
        const auto parsed = parseArgv(writeWorkerArgs(a));
        QVERIFY2(parsed, parsed ? "" : parsed.error().message.c_str());
        QVERIFY(*parsed == a);
    }

    void rateIntervals() {
        QCOMPARE(intervalNsForRate(0), std::uint64_t(0));
        QCOMPARE(intervalNsForRate(-1), std::uint64_t(0));
        QCOMPARE(intervalNsForRate(std::nan("")), std::uint64_t(0));
        QCOMPARE(intervalNsForRate(3), std::uint64_t(333'333'333));
        QCOMPARE(intervalNsForRate(0.0000004), std::uint64_t(2'500'000'000'000'000));
        QCOMPARE(intervalNsForRate(kMaxRate), std::uint64_t(1));
        QCOMPARE(intervalNsForRate(1e-300), std::uint64_t(1) << 62);
    }

    void badWorkerArgsAreRefused_data() {
        QTest::addColumn<QStringList>("args");
        const QStringList base{QStringLiteral("--mechanism"), QStringLiteral("pipe"),
                               QStringLiteral("--role"), QStringLiteral("producer")};
        QTest::newRow("negative interval")
            << base + QStringList{QStringLiteral("--interval-ns"), QStringLiteral("-1")};
        QTest::newRow("fractional interval")
            << base + QStringList{QStringLiteral("--interval-ns"), QStringLiteral("2.5")};
        QTest::newRow("quota beyond 64 bits")
            << base +
                   QStringList{QStringLiteral("--quota"), QStringLiteral("18446744073709551616")};
        QTest::newRow("flag not 0 or 1")
            << base + QStringList{QStringLiteral("--raw"), QStringLiteral("yes")};
        QTest::newRow("too many fds")
            << base + QStringList{QStringLiteral("--fds"), QStringLiteral("16")};
        QTest::newRow("unknown option")
            << base + QStringList{QStringLiteral("--rate"), QStringLiteral("5")};
        QTest::newRow("no role") << QStringList{QStringLiteral("--mechanism"),
                                                QStringLiteral("pipe")};
    }

    void badWorkerArgsAreRefused() {
        QFETCH(QStringList, args);
        std::vector<std::string> strings;
        for (const QString& a : args) {
            strings.push_back(a.toStdString());
        }
        const auto parsed = parseArgv(strings);
        QVERIFY(!parsed);
        QVERIFY(!parsed.error().message.empty());
    }
};

QTEST_GUILESS_MAIN(TestWorkerArgs)
#include "tst_workerargs.moc"

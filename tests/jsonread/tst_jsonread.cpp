// The JSON field reader lesson files and recordings share: whole numbers checked against their
// range, problems worded for who wrote the file, the line of a field, and one RunConfig reader
// for both spellings of a run.

#include "../common/framesamples.h"

#include "base/jsonwriter.h"
#include "jsonread/jsonfields.h"
#include "jsonread/jsonlocator.h"
#include "jsonread/runconfigreader.h"
#include "lab/report.h"

#include <QJsonDocument>
#include <QtTest>

using namespace ipcscope;
using namespace testsupport;

namespace {

QJsonObject parse(const char* json) {
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

} // namespace

class TestJsonRead : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void wholeNumbersAreCheckedNotTruncated() {
        QCOMPARE(wholeNumber(QJsonValue(42.0)), std::optional<std::int64_t>(42));
        QCOMPARE(wholeNumber(QJsonValue(1.5)), std::nullopt);
        QCOMPARE(wholeNumber(QJsonValue(1e300)), std::nullopt); // toInteger() says 0
        QCOMPARE(wholeNumber(QJsonValue(QStringLiteral("7"))), std::nullopt);
        QCOMPARE(numberText(QJsonValue(1e300)), std::string("1e+300"));
        QCOMPARE(numberText(QJsonValue(-5.0)), std::string("-5"));
        QCOMPARE(numberText(QJsonValue(QStringLiteral("x"))), std::string("a string"));
    }

    // The same mistakes, worded for a program's file and for a person's.
    void problemsAreWordedForTheAuthor_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("program");
        QTest::addColumn<QString>("person");
        QTest::newRow("out of range")
            << QByteArray("{\"n\": 1e300}")
            << QStringLiteral("field \"a.n\" should be a whole number from 1 to 64, got 1e+300")
            << QStringLiteral("f.json: line 1: a.n: must be between 1 and 64, got 1e+300");
        QTest::newRow("fraction")
            << QByteArray("{\"n\": 1.5}")
            << QStringLiteral("field \"a.n\" should be a whole number from 1 to 64, got 1.5")
            << QStringLiteral("f.json: line 1: a.n: must be a whole number between 1 and 64, "
                              "got 1.5");
        QTest::newRow("not a number")
            << QByteArray("{\"n\": \"two\"}")
            << QStringLiteral("field \"a.n\" should be a whole number from 1 to 64, got a string")
            << QStringLiteral("f.json: line 1: a.n: must be a number");
        QTest::newRow("missing") << QByteArray("{}") << QStringLiteral("field \"a.n\" is missing")
                                 << QStringLiteral("f.json: line 1: a.n: missing");
        // A program writes null for a value left unset; to a person null is no number.
        QTest::newRow("null") << QByteArray("{\"n\": null}")
                              << QStringLiteral("field \"a.n\" is missing")
                              << QStringLiteral("f.json: line 1: a.n: must be a number");
    }

    void problemsAreWordedForTheAuthor() {
        QFETCH(QByteArray, json);
        QFETCH(QString, program);
        QFETCH(QString, person);
        const QJsonObject o = QJsonDocument::fromJson(json).object();
        std::string problem;
        JsonFields byProgram(o, "a", problem);
        QCOMPARE(byProgram.optI64("n", 1, 64, true), std::nullopt);
        QCOMPARE(QString::fromStdString(problem), program);

        const std::string text = json.toStdString();
        const JsonSource source{JsonSource::Author::Person, "f.json", text};
        problem.clear();
        JsonFields byPerson(o, "a", problem, &source);
        QCOMPARE(byPerson.optI64("n", 1, 64, true), std::nullopt);
        QCOMPARE(QString::fromStdString(problem), person);
    }

    // Only the first problem of a document is kept: a parse function reads straight through.
    void theFirstProblemIsKept() {
        std::string problem;
        JsonFields f(parse("{\"a\": true, \"b\": [1, {\"c\": \"x\"}]}"), "", problem);
        QCOMPARE(f.string("a"), std::string());
        JsonFields c = f.item("b", 1);
        QCOMPARE(c.u64("c"), std::uint64_t(0));
        QCOMPARE(problem, std::string("field \"a\" should be a string"));
        QVERIFY(!c.ok());
    }

    void namesAndKnownKeys() {
        std::string problem;
        JsonFields f(parse("{\"role\": \"consumer\", \"extra\": 1}"), "w", problem);
        QCOMPARE(f.named<Role>("role", 2, roleName, Role::Producer), Role::Consumer);
        QVERIFY(f.ok());
        f.knownKeys({"role"});
        QCOMPARE(problem, std::string("field \"w.extra\" is not a field ipcscope writes"));
    }

    void findsTheLineOfAField() {
        const std::string text = "{\n  \"a\": 1,\n  \"b\": [\n    {\"c\": 2},\n    {\n      \"c\": "
                                 "3\n    }\n  ]\n}\n";
        QCOMPARE(jsonLineOf(text, "a"), std::size_t(2));
        QCOMPARE(jsonLineOf(text, "b[1].c"), std::size_t(6));
        QCOMPARE(jsonLineOf(text, "b[1].missing"), std::size_t(5)); // its object
        QCOMPARE(jsonLineOf(text, ""), std::size_t(1));
    }

    // What writeRunConfigJson() writes, readRunConfig() reads back.
    void recordedRunConfigRoundTrips() {
        RunConfig c = richConfig(); // every field away from its default
        c.raw = true;
        c.scenario.crashAfterS = 2.5;
        c.paceIntervalNs = 1000;
        c.startInStepMode = true;
        JsonWriter j;
        writeRunConfigJson(j, c);
        std::string problem;
        JsonFields f(parse(j.str().c_str()), "config", problem);
        const RunConfig back = readRunConfig(f, RunConfigSpelling::Recording);
        QCOMPARE(problem, std::string());
        QCOMPARE(back.mechanism, c.mechanism);
        QCOMPARE(back.producers, c.producers);
        QCOMPARE(back.consumers, c.consumers);
        QCOMPARE(back.messageSize, c.messageSize);
        QCOMPARE(back.producerRate, c.producerRate);
        QCOMPARE(back.capacity, c.capacity);
        QCOMPARE(back.messages, c.messages);
        QCOMPARE(back.durationS, std::nullopt); // written as null next to a message count
        QCOMPARE(back.messageTypes, c.messageTypes);
        QCOMPARE(back.receiveTypes, c.receiveTypes);
        QCOMPARE(back.raw, c.raw);
        QCOMPARE(back.scenario.crashAfterS, c.scenario.crashAfterS);
        QCOMPARE(back.paceIntervalNs, c.paceIntervalNs);
        QCOMPARE(back.startInStepMode, c.startInStepMode);
    }

    // A lesson's run: "size", defaults for what is left out, its own bounds, no unknown field.
    void lessonRunConfigHasDefaultsAndBounds() {
        const std::string text = "{\"mechanism\": \"fifo\", \"messages\": 6}";
        const JsonSource source{JsonSource::Author::Person, "l.json", text};
        std::string problem;
        JsonFields f(parse(text.c_str()), "run", problem, &source);
        const RunConfig c = readRunConfig(f, RunConfigSpelling::Lesson);
        QCOMPARE(problem, std::string());
        QCOMPARE(c.mechanism, Mechanism::Fifo);
        QCOMPARE(c.producers, 1u);
        QCOMPARE(c.consumers, 1u);
        QCOMPARE(c.messageSize, 64u);
        QCOMPARE(c.messages, std::optional<std::uint64_t>(6));

        for (const auto& [json, expected] :
             {std::pair{"{\"mechanism\": \"pipe\", \"messages\": 6, \"raw\": true}",
                        "run.raw: unknown field"},
              std::pair{"{\"mechanism\": \"pipe\"}", "needs messages or duration_s"},
              std::pair{"{\"mechanism\": \"pipe\", \"messages\": 6, \"rate\": 1e8}",
                        "run.rate: must be between 0 and 10000000, got 100000000"},
              std::pair{"{\"mechanism\": \"tin-can\", \"messages\": 6}",
                        "run.mechanism: names an unknown mechanism 'tin-can'"}}) {
            const std::string bad = json;
            const JsonSource badSource{JsonSource::Author::Person, "l.json", bad};
            problem.clear();
            JsonFields b(parse(json), "run", problem, &badSource);
            readRunConfig(b, RunConfigSpelling::Lesson);
            QVERIFY2(problem.find(expected) != std::string::npos, problem.c_str());
        }
    }
};

QTEST_GUILESS_MAIN(TestJsonRead)
#include "tst_jsonread.moc"

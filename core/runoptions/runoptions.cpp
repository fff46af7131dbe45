#include "runoptions.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <limits>
#include <type_traits>

namespace ipcscope {

namespace {

enum Index { Producers, Consumers, Size, Rate, ConsumerRate, Capacity, Duration, Messages, Types, ReceiveType, Raw };

enum class Parsed { Ok, NotANumber, OutOfRange };

bool allDigits(const QString& text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), [](QChar c) { return c.isDigit(); });
}

template <typename T>
Parsed parseUnsigned(const QString& text, T& out)
{
    bool ok = false;
    const qulonglong v = text.toULongLong(&ok);
    if (!allDigits(text.trimmed())) {
        return Parsed::NotANumber;
    }
    if (!ok || v > qulonglong(std::numeric_limits<T>::max())) {
        return Parsed::OutOfRange;
    }
    out = T(v);
    return Parsed::Ok;
}

Parsed parseDouble(const QString& text, double& out)
{
    bool ok = false;
    out = text.toDouble(&ok);
    if (ok) {
        return Parsed::Ok;
    }
    // Qt says only "not ok": tell a number too large or too small for a double from a typo.
    const QByteArray latin1 = text.trimmed().toLatin1();
    char* end = nullptr;
    errno = 0;
    std::strtod(latin1.constData(), &end);
    return !latin1.isEmpty() && end == latin1.constData() + latin1.size() && errno == ERANGE ? Parsed::OutOfRange
                                                                                            : Parsed::NotANumber;
}

QString dashed(const QString& name)
{
    return (name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + name;
}

} // namespace

RunOptions::RunOptions()
{
    m_options = {
        {QStringLiteral("producers"), QStringLiteral("Producer processes (default 1)."), QStringLiteral("N")},
        {QStringLiteral("consumers"), QStringLiteral("Consumer processes (default 1)."), QStringLiteral("N")},
        {QStringLiteral("size"), QStringLiteral("Bytes per message, 16-byte header included (default 64)."),
         QStringLiteral("BYTES")},
        {QStringLiteral("rate"), QStringLiteral("Messages per second per producer; 0 = as fast as possible."),
         QStringLiteral("MSGS_PER_S")},
        {QStringLiteral("consumer-rate"), QStringLiteral("Messages per second per consumer; 0 = as fast as possible."),
         QStringLiteral("MSGS_PER_S")},
        {QStringLiteral("capacity"),
         QStringLiteral("Channel capacity in its own unit: pipe/fifo/socket bytes, msg_qbytes, mq_maxmsg, ring "
                        "slots, tokens (see 'ipcscope-cli mechanisms')."),
         QStringLiteral("N")},
        {QStringLiteral("duration"), QStringLiteral("Produce for this many seconds (default 3)."),
         QStringLiteral("SECONDS")},
        {QStringLiteral("messages"), QStringLiteral("Send this many messages in total, then stop."),
         QStringLiteral("N")},
        {QStringLiteral("types"),
         QStringLiteral("sysv-msg: message types 1..N in turn; posix-mq: priorities 0..N-1."), QStringLiteral("N")},
        {QStringLiteral("receive-type"),
         QStringLiteral("sysv-msg: msgtyp for each consumer, comma-separated, used in turn (0 any, >0 exactly, <0 "
                        "lowest up to |T|)."),
         QStringLiteral("T[,T...]")},
        {QStringLiteral("raw"), QStringLiteral("Run the same loops with telemetry compiled out (benchmark baseline).")},
    };
}

void RunOptions::addTo(QCommandLineParser& parser) const
{
    parser.addOptions(m_options);
}

Result<RunConfig> RunOptions::read(const QCommandLineParser& parser, const QString& mechanismName) const
{
    RunConfig config;
    const auto mechanism = parseMechanism(mechanismName.toStdString());
    if (!mechanism) {
        return Error{"unknown mechanism '" + mechanismName.toStdString() + "'; see 'ipcscope-cli mechanisms'"};
    }
    config.mechanism = *mechanism;

    // Reads option i (when given) into out; on failure keeps the sentence in `error`.
    std::optional<Error> error;
    auto read = [&](Index i, auto& out) {
        if (!parser.isSet(m_options[i])) {
            return true;
        }
        const QString text = parser.value(m_options[i]);
        constexpr bool isDouble = std::is_same_v<std::remove_reference_t<decltype(out)>, double>;
        Parsed p;
        if constexpr (isDouble) {
            p = parseDouble(text, out);
        } else {
            p = parseUnsigned(text, out);
        }
        const std::string name = "--" + m_options[i].names().first().toStdString();
        if (p == Parsed::OutOfRange) {
            error = Error{name + " " + text.toStdString() + " is out of range"};
        } else if (p == Parsed::NotANumber) {
            error = Error{name + " needs " + (isDouble ? "a number" : "a whole number >= 0") + ", got '" +
                          text.toStdString() + "'"};
        }
        return p == Parsed::Ok;
    };
    if (auto repeated = refuseRepeatedOptions(parser); !repeated) {
        return repeated.error();
    }
    // Options that only some mechanisms take are refused elsewhere, naming who takes them.
    const MechanismInfo& info = mechanismInfo(config.mechanism);
    if (parser.isSet(m_options[Types]) && config.mechanism != Mechanism::SysvMsg &&
        config.mechanism != Mechanism::PosixMq) {
        return Error{"--types does not apply to " + std::string(info.name) +
                     ": only sysv-msg (message types) and posix-mq (priorities) take it"};
    }
    if (parser.isSet(m_options[ReceiveType]) && config.mechanism != Mechanism::SysvMsg) {
        return Error{"--receive-type does not apply to " + std::string(info.name) +
                     ": only sysv-msg consumers select a message type"};
    }
    if (!info.carriesPayload && parser.isSet(m_options[Size])) {
        return Error{"--size does not apply to " + std::string(info.name) +
                     ": its tokens carry no data (every other mechanism takes it)"};
    }

    if (!read(Producers, config.producers) || !read(Consumers, config.consumers) ||
        !read(Size, config.messageSize) || !read(Types, config.messageTypes) ||
        !read(Rate, config.producerRate) || !read(ConsumerRate, config.consumerRate)) {
        return *error;
    }
    if (parser.isSet(m_options[Capacity])) {
        std::uint64_t v = 0;
        if (!read(Capacity, v)) {
            return *error;
        }
        config.capacity = v;
    }
    if (parser.isSet(m_options[Duration])) {
        double v = 0;
        if (!read(Duration, v)) {
            return *error;
        }
        config.durationS = v;
    }
    if (parser.isSet(m_options[Messages])) {
        std::uint64_t v = 0;
        if (!read(Messages, v)) {
            return *error;
        }
        config.messages = v;
    }
    if (parser.isSet(m_options[ReceiveType])) {
        for (const QString& part : parser.value(m_options[ReceiveType]).split(QLatin1Char(','))) {
            bool ok = false;
            const long t = part.trimmed().toLong(&ok);
            if (!ok) {
                return Error{"--receive-type needs whole numbers, got '" + part.toStdString() + "'"};
            }
            config.receiveTypes.push_back(t);
        }
    }
    config.raw = parser.isSet(m_options[Raw]);
    return config;
}

std::optional<QString> RunOptions::firstSet(const QCommandLineParser& parser) const
{
    for (const QString& found : parser.optionNames()) {
        for (const QCommandLineOption& o : m_options) {
            if (o.names().contains(found)) {
                return dashed(found);
            }
        }
    }
    return std::nullopt;
}

Status refuseRepeatedOptions(const QCommandLineParser& parser, const QStringList& repeatable)
{
    const QStringList found = parser.optionNames(); // in order, repeats included
    for (qsizetype i = 0; i < found.size(); ++i) {
        if (found.indexOf(found[i]) < i && !repeatable.contains(found[i])) {
            return Error{dashed(found[i]).toStdString() + " is given twice; give each option once"};
        }
    }
    return Ok{};
}

} // namespace ipcscope

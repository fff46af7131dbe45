#include "runoptions.h"

#include <limits>

namespace ipcscope {

namespace {

enum Index { Producers, Consumers, Size, Rate, ConsumerRate, Capacity, Duration, Messages, Types, ReceiveType, Raw };

template <typename T>
bool parseUnsigned(const QString& text, T& out)
{
    bool ok = false;
    const qulonglong v = text.toULongLong(&ok);
    if (!ok || text.startsWith(QLatin1Char('-')) || v > qulonglong(std::numeric_limits<T>::max())) {
        return false;
    }
    out = T(v);
    return true;
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

    auto wholeNumberError = [&](Index i) {
        return Error{"--" + m_options[i].names().first().toStdString() + " needs a whole number >= 0, got '" +
                     parser.value(m_options[i]).toStdString() + "'"};
    };
    auto numberError = [&](Index i) {
        return Error{"--" + m_options[i].names().first().toStdString() + " needs a number, got '" +
                     parser.value(m_options[i]).toStdString() + "'"};
    };
    auto readUnsigned = [&](Index i, auto& out) {
        return !parser.isSet(m_options[i]) || parseUnsigned(parser.value(m_options[i]), out);
    };
    auto readDouble = [&](Index i, double& out) {
        if (!parser.isSet(m_options[i])) {
            return true;
        }
        bool ok = false;
        out = parser.value(m_options[i]).toDouble(&ok);
        return ok;
    };

    if (!readUnsigned(Producers, config.producers)) {
        return wholeNumberError(Producers);
    }
    if (!readUnsigned(Consumers, config.consumers)) {
        return wholeNumberError(Consumers);
    }
    if (!readUnsigned(Size, config.messageSize)) {
        return wholeNumberError(Size);
    }
    if (!readUnsigned(Types, config.messageTypes)) {
        return wholeNumberError(Types);
    }
    if (!readDouble(Rate, config.producerRate)) {
        return numberError(Rate);
    }
    if (!readDouble(ConsumerRate, config.consumerRate)) {
        return numberError(ConsumerRate);
    }
    if (parser.isSet(m_options[Capacity])) {
        std::uint64_t v = 0;
        if (!readUnsigned(Capacity, v)) {
            return wholeNumberError(Capacity);
        }
        config.capacity = v;
    }
    if (parser.isSet(m_options[Duration])) {
        double v = 0;
        if (!readDouble(Duration, v)) {
            return numberError(Duration);
        }
        config.durationS = v;
    }
    if (parser.isSet(m_options[Messages])) {
        std::uint64_t v = 0;
        if (!readUnsigned(Messages, v)) {
            return wholeNumberError(Messages);
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
    if (!mechanismInfo(config.mechanism).carriesPayload && parser.isSet(m_options[Size])) {
        return Error{"--size does not apply to " + std::string(mechanismInfo(config.mechanism).name) +
                     ": its tokens carry no data"};
    }
    config.raw = parser.isSet(m_options[Raw]);
    return config;
}

} // namespace ipcscope

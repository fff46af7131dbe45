#include "recording.h"

#include "framelines.h"
#include "jsonfields.h"

#include "lab/report.h"
#include "mechanisms/validate.h"

#include "base/jsonwriter.h"
#include "base/readfile.h"
#include "jsonread/jsonfields.h"
#include "jsonread/runconfigreader.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <limits>
#include <sys/stat.h>
#include <unistd.h>

namespace ipcscope {

using namespace recordingjson;

namespace {

std::string isoNow() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    ::gmtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

} // namespace

// ---- lines ----

std::string recordingHeaderLine(const RunConfig& config, const std::string& created,
                                const std::optional<RecordingLesson>& lesson) {
    JsonWriter j;
    j.beginObject();
    j.field("format", kRecordingFormat);
    j.field("version", kRecordingVersion);
    j.field("created", created);
    j.field("mechanism", mechanismInfo(config.mechanism).name);
    j.key("config");
    writeRunConfigJson(j, config);
    if (lesson) {
        j.key("lesson");
        j.beginObject();
        j.field("id", lesson->id);
        j.field("variant", lesson->variant);
        j.endObject();
    }
    j.endObject();
    return j.str();
}

std::string recordingHeaderLine(const RecordedObservation& observation,
                                const std::string& created) {
    JsonWriter j;
    j.beginObject();
    j.field("format", kRecordingFormat);
    j.field("version", kRecordingVersion);
    j.field("created", created);
    j.key("observation");
    j.beginObject();
    j.key("selection");
    j.beginArray();
    for (const auto& s : observation.selection) {
        j.value(s);
    }
    j.endArray();
    j.field("all_channels", observation.allChannels);
    j.field("interval_ms", observation.intervalMs);
    j.endObject();
    j.endObject();
    return j.str();
}

// ---- writer ----

Result<RecordingWriter> RecordingWriter::create(const std::string& path, const RunConfig& config,
                                                const std::optional<RecordingLesson>& lesson,
                                                std::size_t maxBytes) {
    return createWithHeader(path, recordingHeaderLine(config, isoNow(), lesson), maxBytes);
}

Result<RecordingWriter> RecordingWriter::create(const std::string& path,
                                                const RecordedObservation& observation,
                                                std::size_t maxBytes) {
    return createWithHeader(path, recordingHeaderLine(observation, isoNow()), maxBytes);
}

Result<RecordingWriter> RecordingWriter::createWithHeader(const std::string& path,
                                                          const std::string& header,
                                                          std::size_t maxBytes) {
    // O_NONBLOCK: a FIFO planted at the path must not hang the lab in open(); it is refused
    // below, as is anything else that is not a regular file.
    UniqueFd fd(::open(path.c_str(),
                       O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NONBLOCK | O_NOCTTY, 0644));
    if (!fd) {
        return Error::fromErrno("cannot create the recording " + path);
    }
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) {
        return Error::fromErrno("cannot create the recording " + path);
    }
    if (!S_ISREG(st.st_mode)) {
        return Error{"cannot record to " + path + ": it is not a regular file"};
    }
    RecordingWriter writer(path, std::move(fd), maxBytes);
    if (auto s = writer.writeLine(header, maxBytes); !s) {
        return s.error();
    }
    return writer;
}

Status RecordingWriter::append(const Frame& frame) {
    // Frames leave a sixteenth of the limit for the report line.
    auto s = writeLine(recordingFrameLine(frame), m_maxBytes - m_maxBytes / 16);
    if (s) {
        ++m_frames;
    }
    return s;
}

Status RecordingWriter::finish(const RunReport& report) {
    auto s = writeLine(recordingReportLine(report), m_maxBytes);
    if (s && ::close(m_fd.release()) != 0) {
        return Error::fromErrno("cannot finish the recording " + m_path);
    }
    m_fd.reset();
    return s;
}

Status RecordingWriter::writeLine(std::string line, std::size_t limit) {
    if (!m_fd) {
        return Error{"the recording " + m_path + " is already finished"};
    }
    line += '\n';
    if (m_bytes + line.size() > limit) {
        // Stop before the file grows past what readRecording() accepts: every recording
        // ipcscope writes can be replayed, up to the point where it stopped.
        m_fd.reset();
        return Error{"the recording " + m_path + " has reached the " + formatByteLimit(m_maxBytes) +
                     " a recording may have; it stops here and replays up to this point"};
    }
    // One write per line: a reader (or a crash) never sees two lines interleaved.
    std::size_t done = 0;
    while (done < line.size()) {
        const ssize_t n = ::write(m_fd.get(), line.data() + done, line.size() - done);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return Error::fromErrno("cannot write to the recording " + m_path);
        }
        done += std::size_t(n);
    }
    m_bytes += done;
    return Ok{};
}

// ---- reader ----

Result<Recording> readRecording(const std::string& path, std::size_t maxBytes) {
    auto read = readSmallFile(path, maxBytes, "a recording");
    if (!read) {
        return read.error();
    }
    const std::string& text = *read;
    const auto at = [&path](std::size_t line, const std::string& what) {
        return Error{path + ", line " + std::to_string(line) + ": " + what + "."};
    };
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
        return at(1, "the file is empty, but an ipcscope recording starts with a header line");
    }

    Recording rec;
    bool haveHeader = false;
    int fileVersion = kRecordingVersion;
    std::vector<RateMeter> rates; // exact rates are not in the file: measured as the lab does
    std::size_t lineNo = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        ++lineNo;
        std::size_t end = text.find('\n', pos);
        const bool terminated = end != std::string::npos;
        if (!terminated) {
            end = text.size();
        }
        const std::string_view line(text.data() + pos, end - pos);
        pos = end + 1;
        if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
            continue;
        }
        QJsonParseError parseError{};
        const QJsonDocument doc = QJsonDocument::fromJson(
            QByteArray::fromRawData(line.data(), qsizetype(line.size())), &parseError);
        if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
            // The writer ends every line with a newline; an unterminated last line that does
            // not parse was being written when the lab died.
            if (!terminated && haveHeader) {
                rec.truncated = true;
                break;
            }
            const std::string why = parseError.error != QJsonParseError::NoError
                                        ? parseError.errorString().toStdString() + " at column " +
                                              std::to_string(parseError.offset + 1)
                                        : "a JSON object was expected";
            return at(lineNo, "not valid JSON (" + why + ")");
        }
        const QJsonObject o = doc.object();
        std::string problem;
        if (!haveHeader) {
            if (o.value(QLatin1String("format")).toString().toStdString() != kRecordingFormat) {
                return at(lineNo, "not an ipcscope recording (the first line must have "
                                  "\"format\": \"" +
                                      std::string(kRecordingFormat) + "\")");
            }
            const QJsonValue version = o.value(QLatin1String("version"));
            if (!version.isDouble()) {
                return at(lineNo, "the header has no format version");
            }
            const auto number = wholeNumber(version);
            if (!number || *number < kOldestRecordingVersion || *number > kRecordingVersion) {
                return at(lineNo, "format version " + numberText(version) +
                                      " is not supported (this ipcscope reads versions " +
                                      std::to_string(kOldestRecordingVersion) + " to " +
                                      std::to_string(kRecordingVersion) +
                                      "; a newer ipcscope wrote it?)");
            }
            fileVersion = int(*number);
            Fields f(o, {}, problem);
            rec.created = f.string("created");
            if (fileVersion >= 3 && f.has("observation")) {
                Fields ob(f.object("observation"), f.sub("observation"), problem);
                RecordedObservation observation;
                const QJsonArray selection = ob.array("selection", true);
                for (const QJsonValue& v : selection) {
                    if (!v.isString()) {
                        ob.fail("selection", "should hold strings");
                        break;
                    }
                    observation.selection.push_back(v.toString().toStdString());
                }
                observation.allChannels = ob.boolean("all_channels");
                observation.intervalMs = ob.u64("interval_ms", true, 24 * 3600 * 1000);
                if (!problem.empty()) {
                    return at(lineNo, problem);
                }
                rec.observation = std::move(observation);
                haveHeader = true;
                continue;
            }
            JsonFields config = f.child("config", true);
            rec.config = readRunConfig(config, RunConfigSpelling::Recording);
            // The ranges a run accepts (workers per role, rates, sizes, durations), the same
            // as the lab applies, but against the widest kernel limits: the recording may come
            // from a machine whose limits were raised.
            if (problem.empty()) {
                KernelLimits anyKernel;
                anyKernel.mayExceedSoftLimits = true;
                anyKernel.msgmnb = std::numeric_limits<std::int32_t>::max();
                if (auto valid = validateConfig(rec.config, anyKernel); !valid) {
                    config.failHere("is not a run ipcscope makes: " + valid.error().message);
                }
            }
            if (f.has("lesson")) {
                Fields l(f.object("lesson"), f.sub("lesson"), problem);
                rec.lesson = RecordingLesson{l.string("id", true), l.string("variant", true)};
            }
            if (!problem.empty()) {
                return at(lineNo, problem);
            }
            haveHeader = true;
            continue;
        }
        if (rec.report) {
            return at(lineNo, "more data after the final report");
        }
        const std::string type = o.value(QLatin1String("type")).toString().toStdString();
        if (type == "frame") {
            Frame frame =
                readFrameLine(o, fileVersion, rec.config, problem, rec.observation.has_value());
            if (!problem.empty()) {
                return at(lineNo, problem);
            }
            if (!rec.frames.empty() && frame.elapsedNs < rec.frames.back().elapsedNs) {
                return at(lineNo, "time goes backwards (" +
                                      std::to_string(double(frame.elapsedNs) / 1e9) + " s after " +
                                      std::to_string(double(rec.frames.back().elapsedNs) / 1e9) +
                                      " s)");
            }
            measureEndpointRates(frame, rates); // the exact ones, left out of the file
            rec.frames.push_back(std::move(frame));
        } else if (type == "report" && !rec.observation) {
            RunReport report = readReportLine(o, fileVersion, rec.config, problem);
            if (!problem.empty()) {
                return at(lineNo, problem);
            }
            rec.report = std::move(report);
        } else {
            return at(lineNo, type.empty()       ? "the line has no \"type\" (frame or report)"
                              : type == "report" ? std::string("an observation has no report line")
                                                 : "unknown line type \"" + type + "\"");
        }
    }
    return rec;
}

} // namespace ipcscope

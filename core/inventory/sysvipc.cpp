#include "sysvipc.h"

#include "base/naming.h"

#include <algorithm>
#include <array>
#include <limits>
#include <optional>
#include <sys/shm.h>
#include <type_traits>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace ipcscope {

namespace {

// Calls `take(start, end)` for each run of non-blanks in `line`, in order. The kernel pads every
// column with blanks, so a line is mostly blanks: 16 bytes are classified at a time and fields
// found from where blank turns to text and back (a char at a time, this was a fifth of
// `ls --json` at 10,000 queues).
template <typename Take> void forEachField(std::string_view line, Take&& take) {
    const char* const p = line.data();
    const std::size_t n = line.size();
    std::size_t start = 0;
    bool inField = false;
    std::size_t i = 0;
#ifdef __SSE2__
    const __m128i space = _mm_set1_epi8(' ');
    const __m128i tab = _mm_set1_epi8('\t');
    for (; i + 16 <= n; i += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
        const auto blank = unsigned(
            _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, space), _mm_cmpeq_epi8(v, tab))));
        const unsigned text = ~blank & 0xffffu;
        const unsigned before = (text << 1) | (inField ? 1u : 0u); // text one byte earlier
        unsigned edges = (text & ~before) | (~text & before & 0xffffu);
        while (edges != 0) {
            const std::size_t at = i + std::size_t(__builtin_ctz(edges));
            edges &= edges - 1;
            if (inField) {
                take(start, at);
            } else {
                start = at;
            }
            inField = !inField;
        }
    }
#endif
    for (; i < n; ++i) {
        const bool blank = p[i] == ' ' || p[i] == '\t';
        if (inField && blank) {
            take(start, i);
        } else if (!inField && !blank) {
            start = i;
        }
        inField = !blank;
    }
    if (inField) {
        take(start, n);
    }
}

// [-]digits in `base` (8 or 10) that fit 64 bits, as sign and magnitude: what std::from_chars
// accepts, before the range of the field's type is checked (Line::read).
bool parseNumber(const char* p, const char* end, unsigned base, std::uint64_t& magnitude,
                 bool& negative) {
    negative = *p == '-'; // a field is never empty
    p += negative ? 1 : 0;
    if (p == end) {
        return false;
    }
    std::uint64_t v = 0;
    if (end - p <= 18) { // 10^18 and 8^18 fit: no overflow check per digit
        for (; p != end; ++p) {
            const unsigned digit = unsigned(static_cast<unsigned char>(*p)) - '0';
            if (digit >= base) {
                return false;
            }
            v = v * base + digit;
        }
    } else {
        for (; p != end; ++p) {
            const unsigned digit = unsigned(static_cast<unsigned char>(*p)) - '0';
            if (digit >= base || __builtin_mul_overflow(v, base, &v) ||
                __builtin_add_overflow(v, digit, &v)) {
                return false;
            }
        }
    }
    magnitude = v;
    return true;
}

} // namespace

// The columns this reader knows, found by name in each table's header.
enum class SysvipcTableParser::Column {
    Key,
    Msqid,
    Shmid,
    Semid,
    Perms,
    Uid,
    Gid,
    Cuid,
    Cgid,
    Ctime, // every kind
    Cbytes,
    Qnum,
    Lspid,
    Lrpid,
    Stime,
    Rtime, // msg
    Size,
    Nattch,
    Cpid,
    Lpid,
    Atime,
    Dtime,
    Rss,
    Swap, // shm
    Nsems,
    Otime, // sem
};

namespace {

using Column = SysvipcTableParser::Column;

constexpr std::string_view kColumnNames[] = {
    "key",   "msqid",  "shmid", "semid", "perms", "uid",   "gid",   "cuid",  "cgid",
    "ctime", "cbytes", "qnum",  "lspid", "lrpid", "stime", "rtime", "size",  "nattch",
    "cpid",  "lpid",   "atime", "dtime", "rss",   "swap",  "nsems", "otime",
};
static_assert(std::size(kColumnNames) == SysvipcTableParser::kColumns);

// The numbers of one data line by column, read as the line is scanned: a table can have tens
// of thousands of lines, and a list of fields, then a parse per column read, was most of the
// work of `ls --json`.
struct LineNumbers {
    std::array<std::uint64_t, SysvipcTableParser::kColumns> magnitude;
    std::uint32_t valid = 0;    // a bit per column holding a number
    std::uint32_t negative = 0; // ... with a minus sign
};
static_assert(SysvipcTableParser::kColumns <= 32);

class Line {
public:
    explicit Line(const LineNumbers& numbers)
        : m_numbers(numbers) {}

    // The column's number when it has one that fits T (what std::from_chars into T accepts).
    template <typename T> bool read(Column c, T& out) const {
        const std::uint32_t bit = 1u << unsigned(c);
        if ((m_numbers.valid & bit) == 0) {
            return false;
        }
        const std::uint64_t m = m_numbers.magnitude[std::size_t(c)];
        if ((m_numbers.negative & bit) != 0) {
            if constexpr (std::is_signed_v<T>) {
                if (m > std::uint64_t(std::numeric_limits<T>::max()) + 1) {
                    return false;
                }
                out = T(-static_cast<std::int64_t>(m - 1) - 1); // -m, without overflow at min
                return true;
            } else {
                return false;
            }
        }
        if (m > std::uint64_t(std::numeric_limits<T>::max())) {
            return false;
        }
        out = T(m);
        return true;
    }
    template <typename T> std::optional<T> optional(Column c) const {
        T v{};
        return read(c, v) ? std::optional<T>(v) : std::nullopt;
    }
    // A time in seconds since the epoch; the kernel prints 0 for never.
    std::optional<std::int64_t> time(Column c) const {
        const auto t = optional<std::int64_t>(c);
        return t == 0 ? std::nullopt : t;
    }

private:
    const LineNumbers& m_numbers;
};

Column idColumn(IpcKind kind) {
    switch (kind) {
    case IpcKind::SysvMsg:
        return Column::Msqid;
    case IpcKind::SysvShm:
        return Column::Shmid;
    default:
        return Column::Semid;
    }
}

// The columns every kind has (util-linux's struct ipc_stat): identity, permissions, owner and
// creator, last change.
bool readShared(const Line& line, IpcKind kind, IpcObject& o) {
    int id = 0;
    std::int32_t key = 0;
    std::uint32_t mode = 0;
    if (!line.read(Column::Key, key) || !line.read(idColumn(kind), id) ||
        !line.read(Column::Perms, mode)) {
        return false;
    }
    o.kind = kind;
    o.id = id;
    o.key = key;
    o.mode = mode;
    o.uid = line.optional<uid_t>(Column::Uid);
    o.gid = line.optional<gid_t>(Column::Gid);
    o.cuid = line.optional<uid_t>(Column::Cuid);
    o.cgid = line.optional<gid_t>(Column::Cgid);
    o.changeTime = line.time(Column::Ctime);
    o.ours = isIpcscopeSysvKey(key);
    return true;
}

bool readMessageQueue(const Line& line, IpcObject& o) {
    std::uint64_t cbytes = 0, qnum = 0;
    if (!line.read(Column::Cbytes, cbytes) || !line.read(Column::Qnum, qnum)) {
        return false;
    }
    o.sizeBytes = cbytes;
    o.messages = qnum;
    o.lastPid = line.optional<pid_t>(Column::Lspid);
    o.lastReceiverPid = line.optional<pid_t>(Column::Lrpid);
    o.lastSend = line.time(Column::Stime);
    o.lastReceive = line.time(Column::Rtime);
    return true;
}

bool readSegment(const Line& line, IpcObject& o) {
    std::uint64_t size = 0, nattch = 0;
    if (!line.read(Column::Size, size) || !line.read(Column::Nattch, nattch)) {
        return false;
    }
    o.sizeBytes = size;
    o.attached = nattch;
    o.destroyPending = (o.mode & SHM_DEST) != 0;
    o.creatorPid = line.optional<pid_t>(Column::Cpid);
    o.lastPid = line.optional<pid_t>(Column::Lpid);
    o.lastAttach = line.time(Column::Atime);
    o.lastDetach = line.time(Column::Dtime);
    o.rssBytes = line.optional<std::uint64_t>(Column::Rss);
    o.swapBytes = line.optional<std::uint64_t>(Column::Swap);
    return true;
}

bool readSemaphoreSet(const Line& line, IpcObject& o) {
    std::uint32_t nsems = 0;
    if (!line.read(Column::Nsems, nsems)) {
        return false;
    }
    o.semaphores = nsems;
    o.lastOperation = line.time(Column::Otime);
    return true;
}

bool readLine(const Line& line, IpcKind kind, IpcObject& o) {
    if (!readShared(line, kind, o)) {
        return false;
    }
    switch (kind) {
    case IpcKind::SysvMsg:
        return readMessageQueue(line, o);
    case IpcKind::SysvShm:
        return readSegment(line, o);
    default:
        return readSemaphoreSet(line, o);
    }
}

} // namespace

template <typename ReadLine>
bool SysvipcTableParser::parseLines(std::string_view text, const std::string& path,
                                    std::vector<std::string>& warnings, ReadLine&& readOne,
                                    int& linesGiven) {
    const std::size_t firstEnd = text.find('\n');
    const std::string_view headerLine = text.substr(0, firstEnd);
    m_header.clear();
    forEachField(headerLine, [&](std::size_t start, std::size_t end) {
        m_header.push_back(headerLine.substr(start, end - start));
    });
    if (m_header.empty()) {
        warnings.push_back(path + " has no header line");
        return false;
    }
    // What each field of a line is: the first header field of a known name is that column.
    m_fieldColumns.assign(m_header.size(), -1);
    std::uint32_t named = 0;
    for (std::size_t i = 0; i < m_header.size(); ++i) {
        for (std::size_t c = 0; c < kColumns; ++c) {
            if (m_header[i] == kColumnNames[c] && (named & (1u << c)) == 0) {
                m_fieldColumns[i] = int(c);
                named |= 1u << c;
                break;
            }
        }
    }
    const std::size_t fieldsNamed = m_fieldColumns.size();
    LineNumbers numbers;
    std::size_t pos = firstEnd == std::string_view::npos ? text.size() : firstEnd + 1;
    int lineNo = 1 + linesGiven;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        ++lineNo;
        const char* const line = text.data() + pos;
        numbers.valid = 0;
        numbers.negative = 0;
        std::size_t field = 0;
        forEachField(text.substr(pos, end - pos), [&](std::size_t start, std::size_t stop) {
            const int c = field < fieldsNamed ? m_fieldColumns[field] : -1;
            ++field;
            bool negative = false;
            if (c >= 0 && parseNumber(line + start, line + stop, c == int(Column::Perms) ? 8 : 10,
                                      numbers.magnitude[std::size_t(c)], negative)) {
                numbers.valid |= 1u << c;
                numbers.negative |= negative ? 1u << c : 0u;
            }
        });
        pos = end + 1;
        if (field == 0) {
            continue;
        }
        if (!readOne(Line(numbers))) {
            warnings.push_back(path + " line " + std::to_string(lineNo) + " is malformed; skipped");
        }
    }
    linesGiven = lineNo - 1;
    return true;
}

bool SysvipcTableParser::parse(IpcKind kind, std::string_view text, const std::string& path,
                               std::vector<IpcObject>& out, std::vector<std::string>& warnings) {
    // One object per line: room for them all at once, not a move of every object per growth.
    out.reserve(out.size() + std::size_t(std::count(text.begin(), text.end(), '\n')));
    int lines = 0;
    return parseLines(
        text, path, warnings,
        [&](const Line& line) {
            // Built in place: an IpcObject is large, and a copy per line showed in profiles.
            if (readLine(line, kind, out.emplace_back())) {
                return true;
            }
            out.pop_back();
            return false;
        },
        lines);
}

bool SysvipcTableParser::parseEach(IpcKind kind, std::string_view text, const std::string& path,
                                   const std::function<void(IpcObject&)>& each,
                                   std::vector<std::string>& warnings, int& linesGiven) {
    return parseLines(
        text, path, warnings,
        [&](const Line& line) {
            // A new object per line, not a reset one: assigning a blank object to it moved every
            // member one by one, and cost more than the line's parse.
            IpcObject o;
            if (!readLine(line, kind, o)) {
                return false;
            }
            each(o);
            return true;
        },
        linesGiven);
}

} // namespace ipcscope

#include "observer.h"

#include "exacttier.h"
#include "kernelview.h"
#include "unixsockets.h"
#include "waitgraph.h"

#include "base/clock.h"
#include "base/format.h"
#include "base/uniquefd.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <mqueue.h>
#include <sched.h>
#include <set>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <thread>
#include <tuple>
#include <unistd.h>
#include <unordered_map>

#ifndef MSG_COPY
#define MSG_COPY 040000 // linux/msg.h: copy the message, leave it in the queue
#endif

namespace ipcscope {

namespace {

// ---- System V counters, read in one IPC namespace ----

struct QueueState {
    msqid_ds ds{}; // IPC_STAT
    std::vector<std::pair<long, std::uint64_t>> byType;
    std::optional<std::string> peekProblem;
};

struct SemState {
    std::int32_t key = 0;
    std::vector<int> values;
    std::vector<int> waitingForIncrease; // GETNCNT
    std::vector<int> waitingForZero;     // GETZCNT
    std::vector<pid_t> lastPids;         // GETPID
};

struct SegmentState {
    std::int32_t key = 0;
    std::uint64_t size = 0;
    std::uint64_t attached = 0;
};

// What to read: ids by kind, and the queues to count by type (a msgrcv waits on them).
struct SysvWanted {
    std::set<int> queues, sems, segments, peek;
    bool empty() const { return queues.empty() && sems.empty() && segments.empty(); }
};

struct SysvState {
    std::map<int, QueueState> queues;
    std::map<int, SemState> sems;
    std::map<int, SegmentState> segments;
    std::map<std::pair<IpcKind, int>, std::string> problems; // why an object could not be read
};

std::string errnoText(int err) {
    return std::strerror(err);
}

// Counts the queue's messages by type without taking any: msgrcv(MSG_COPY) copies the message
// at position i and leaves the queue, its times and lrpid as they were (ipc/msg.c).
void peekQueue(int id, QueueState& q, std::size_t most) {
    // MSG_COPY copies at most msgmax bytes, and refuses a buffer smaller than the message:
    // cbytes holds every message there is.
    const std::size_t size =
        std::min<std::uint64_t>(std::max<std::uint64_t>(q.ds.__msg_cbytes, 1), 1 << 20);
    std::vector<char> buf(sizeof(long) + size);
    std::map<long, std::uint64_t> byType;
    for (std::size_t i = 0; i < most; ++i) {
        const ssize_t n =
            ::msgrcv(id, buf.data(), size, long(i), MSG_COPY | IPC_NOWAIT | MSG_NOERROR);
        if (n < 0) {
            const int err = errno;
            if (err == ENOMSG) {
                break;
            }
            if (err == ENOSYS) {
                q.peekProblem =
                    "MSG_COPY is not available (kernel without CONFIG_CHECKPOINT_RESTORE): "
                    "messages by type unknown";
            } else if (err == EACCES || err == EPERM) {
                q.peekProblem = "not allowed to read the queue's messages (" + errnoText(err) +
                                "): messages by type unknown";
            } else {
                q.peekProblem =
                    "messages by type unknown: msgrcv(MSG_COPY) failed (" + errnoText(err) + ")";
            }
            return;
        }
        long type = 0;
        std::memcpy(&type, buf.data(), sizeof type);
        ++byType[type];
        if (i + 1 == most) {
            q.peekProblem =
                "only the first " + std::to_string(most) + " messages were counted by type";
        }
    }
    q.byType.assign(byType.begin(), byType.end());
}

// IPC_STAT, GETALL and friends: read only, in the calling thread's IPC namespace.
SysvState readSysv(const SysvWanted& wanted, std::size_t mostPeeked) {
    SysvState out;
    for (int id : wanted.queues) {
        msqid_ds ds{};
        if (::msgctl(id, IPC_STAT, &ds) != 0) {
            out.problems[{IpcKind::SysvMsg, id}] = "msgctl(IPC_STAT): " + errnoText(errno);
            continue;
        }
        QueueState q{ds, {}, {}};
        if (wanted.peek.contains(id) && ds.msg_qnum > 0) {
            peekQueue(id, q, mostPeeked);
        }
        out.queues.emplace(id, std::move(q));
    }
    for (int id : wanted.sems) {
        semid_ds ds{};
        if (::semctl(id, 0, IPC_STAT, &ds) != 0) {
            out.problems[{IpcKind::SysvSem, id}] = "semctl(IPC_STAT): " + errnoText(errno);
            continue;
        }
        SemState s;
        s.key = std::int32_t(ds.sem_perm.__key);
        const std::size_t n = ds.sem_nsems;
        std::vector<unsigned short> values(n);
        if (n > 0 && ::semctl(id, 0, GETALL, values.data()) != 0) {
            out.problems[{IpcKind::SysvSem, id}] = "semctl(GETALL): " + errnoText(errno);
            continue;
        }
        for (std::size_t i = 0; i < n; ++i) {
            s.values.push_back(values[i]);
            s.waitingForIncrease.push_back(::semctl(id, int(i), GETNCNT));
            s.waitingForZero.push_back(::semctl(id, int(i), GETZCNT));
            s.lastPids.push_back(pid_t(::semctl(id, int(i), GETPID)));
        }
        out.sems.emplace(id, std::move(s));
    }
    for (int id : wanted.segments) {
        shmid_ds ds{};
        if (::shmctl(id, IPC_STAT, &ds) != 0) {
            out.problems[{IpcKind::SysvShm, id}] = "shmctl(IPC_STAT): " + errnoText(errno);
            continue;
        }
        out.segments.emplace(
            id, SegmentState{std::int32_t(ds.shm_perm.__key), ds.shm_segsz, ds.shm_nattch});
    }
    return out;
}

// The same in another IPC namespace.
Result<SysvState> readSysvIn(pid_t member, const SysvWanted& wanted, std::size_t mostPeeked,
                             const std::string& procRoot) {
    SysvState state;
    auto entered = inIpcNamespaceOf(
        member, [&] { state = readSysv(wanted, mostPeeked); }, procRoot);
    if (!entered) {
        return entered.error();
    }
    return state;
}

std::uint64_t ownIpcNamespace(const std::string& procRoot) {
    struct stat st {};
    if (::stat((procRoot + "/self/ns/ipc").c_str(), &st) != 0) {
        return 0;
    }
    return st.st_ino;
}

// A POSIX queue's count and limit, in the calling thread's IPC namespace.
void readPosixQueue(ObservedChannel& c) {
    const mqd_t mq = ::mq_open(c.object.name.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (mq == mqd_t(-1)) {
        c.peekProblem = "queue not read: " + errnoText(errno);
        return;
    }
    mq_attr attr{};
    if (::mq_getattr(mq, &attr) == 0) {
        c.messages = std::uint64_t(attr.mq_curmsgs);
        c.capacityMessages = std::uint64_t(attr.mq_maxmsg);
    } else {
        c.peekProblem = "queue not read: mq_getattr: " + errnoText(errno);
    }
    ::mq_close(mq);
}

// ---- channels ----

// The end a call shows a process to hold: a listener accepting receives connections.
EndpointDirection callDirection(const std::string& call) {
    if (call == "accept" || call == "accept4") {
        return EndpointDirection::Receive;
    }
    return dataDirectionOfCall(call).value_or(EndpointDirection::Both);
}

EndpointDirection merge(EndpointDirection a, EndpointDirection b) {
    return a == b ? a : EndpointDirection::Both;
}

bool hasDescriptor(IpcKind kind) {
    return kind != IpcKind::SysvMsg && kind != IpcKind::SysvSem && kind != IpcKind::SysvShm;
}

// Objects a process holds are of the observer's namespace unless the process is in another.
void tagNamespace(ObjectRef& ref, std::uint64_t processNs, std::uint64_t ownNs) {
    const bool namespaced = isSysv(ref.kind) || ref.kind == IpcKind::PosixMq ||
                            ref.kind == IpcKind::PosixShm || ref.kind == IpcKind::PosixSem;
    if (namespaced && processNs != 0 && processNs != ownNs && !ref.ipcNamespace) {
        ref.ipcNamespace = processNs;
    }
}

void tagNamespaces(ObservedProcess& p, std::uint64_t ownNs) {
    for (auto& fd : p.fds) {
        tagNamespace(fd.object, p.ipcNamespace, ownNs);
    }
    for (auto& m : p.mappings) {
        tagNamespace(m, p.ipcNamespace, ownNs);
    }
    for (auto& r : p.mappedRanges) {
        tagNamespace(r.object, p.ipcNamespace, ownNs);
    }
    for (auto& t : p.threads) {
        if (t.object) {
            tagNamespace(*t.object, p.ipcNamespace, ownNs);
        }
        for (auto& o : t.also) {
            tagNamespace(o, p.ipcNamespace, ownNs);
        }
    }
}

// An end already there for this pid and fd is merged into. With `sameProcessAtTail` the ends of
// end.pid can only be the last ones (ends added process by process): only those are searched,
// or a stdout pipe that hundreds of processes hold would be searched once per holder.
void addEnd(ObservedChannel& c, const ChannelEnd& end, bool sameProcessAtTail) {
    for (auto e = c.ends.rbegin(); e != c.ends.rend(); ++e) {
        if (e->pid == end.pid && e->fd == end.fd) {
            e->direction = merge(e->direction, end.direction);
            e->seenInCall = e->seenInCall && end.seenInCall;
            return;
        }
        if (sameProcessAtTail && e->pid != end.pid) {
            break;
        }
    }
    c.ends.push_back(end);
}

std::optional<std::int64_t> nonZeroTime(std::int64_t t) {
    return t != 0 ? std::optional<std::int64_t>(t) : std::nullopt;
}

std::optional<pid_t> nonZeroPid(pid_t p) {
    return p > 0 ? std::optional<pid_t>(p) : std::nullopt;
}

// One end of a channel as buildChannels finds it, before ends are gathered by object.
struct ChannelEntry {
    const ObjectRef* object;
    ChannelEnd end;
    bool sameProcessAtTail; // for addEnd
};

// ---- between full scans ----

// A /proc file read again each sample: kept open and read with pread() at offset 0 (a fresh
// text each time, a third of the cost of open+read+close), while the observer may keep
// descriptors; otherwise opened for each read. An open /proc/PID/task/TID file refers to that
// very thread: once it has exited the read fails, so a reused pid is never mistaken for it.
class ProcFile {
public:
    explicit ProcFile(std::string path, bool keepOpen)
        : m_path(std::move(path))
        , m_keepOpen(keepOpen) {}

    std::optional<std::string_view> read() {
        if (!m_fd && m_keepOpen) {
            m_fd.reset(::open(m_path.c_str(), O_RDONLY | O_CLOEXEC));
            if (!m_fd) {
                return std::nullopt;
            }
        }
        UniqueFd once;
        const int fd = m_fd
                           ? m_fd.get()
                           : (once.reset(::open(m_path.c_str(), O_RDONLY | O_CLOEXEC)), once.get());
        if (fd < 0) {
            return std::nullopt;
        }
        const ssize_t n = ::pread(fd, m_buffer.data(), m_buffer.size(), 0);
        if (n <= 0) {
            return std::nullopt;
        }
        return std::string_view(m_buffer.data(), std::size_t(n));
    }

private:
    std::string m_path;
    bool m_keepOpen;
    UniqueFd m_fd;
    std::array<char, 2048> m_buffer{};
};

// What a thread's call, with these arguments, waits on: decoded by a full scan, reused while the
// thread is seen in the same call with the same arguments again.
// Only the arguments the call takes count: /proc/PID/syscall prints all six registers, and the
// unused ones hold whatever was left in them.
using CallSignature = std::tuple<pid_t, long, std::array<std::uint64_t, 6>>;

CallSignature signatureOf(const ObservedThread& t) {
    std::size_t used = 3; // what names the object: fd, id, address (and the buffer, length)
    if (t.call == "msgrcv") {
        used = 4; // and the type asked for
    }
    std::array<std::uint64_t, 6> args{};
    std::copy_n(t.args.begin(), used, args.begin());
    return {t.tid, t.syscall.value_or(-1), args};
}

struct KnownProcess {
    ObservedProcess scanned; // the last full scan
    std::uint64_t scannedAt = 0;
    struct ThreadFiles {
        pid_t tid = 0;
        std::unique_ptr<ProcFile> syscall, schedstat, stat;
        bool kept = false; // its files stay open (counted in Observer::Private::filesKept)
    };
    std::vector<ThreadFiles> files;
    static constexpr std::size_t kFilesPerThread = 3;
    std::size_t keptFiles() const {
        return kFilesPerThread *
               std::size_t(std::count_if(files.begin(), files.end(),
                                         [](const ThreadFiles& f) { return f.kept; }));
    }
    std::map<CallSignature, ObservedThread> decoded;
    // The threads as the previous quick scan left them: a thread not given a CPU since is still
    // in that very call, and its syscall file need not be read again.
    std::vector<ObservedThread> lastThreads;
};

// How many times the thread has been given a CPU: the third field of its schedstat.
std::optional<std::uint64_t> timesRun(std::optional<std::string_view> schedstat) {
    if (!schedstat) {
        return std::nullopt;
    }
    std::string_view s = *schedstat;
    for (int skip = 0; skip < 2; ++skip) {
        const auto space = s.find(' ');
        if (space == std::string_view::npos) {
            return std::nullopt;
        }
        s.remove_prefix(space + 1);
    }
    std::uint64_t n = 0;
    if (std::from_chars(s.data(), s.data() + s.size(), n).ec != std::errc()) {
        return std::nullopt;
    }
    return n;
}

// The part of a thread a full scan decodes from its call: what it waits on.
void takeDecodedCall(ObservedThread& t, const ObservedThread& from) {
    t.call = from.call;
    t.object = from.object;
    t.also = from.also;
    t.fd = from.fd;
    t.detail = from.detail;
    t.msgType = from.msgType;
    t.wchan = from.wchan;
}

} // namespace

struct Observer::Private {
    ObserveOptions options;
    WaitTracker tracker;
    std::uint64_t startNs = monotonicNs();
    std::uint64_t ownNs = 0;
    std::uint64_t samples = 0;
    std::vector<pid_t> selected;
    std::map<pid_t, KnownProcess> known;
    std::size_t filesKept = 0;
    // Per thread: how often it had run at the last sample, and a count of the samples at which
    // it had run since the one before. The count stands in for the voluntary context switches
    // the WaitTracker compares (it only asks whether the thread ran in between), so threads
    // between full scans need their small schedstat file instead of their status.
    struct Runs {
        std::uint64_t lastTimesRun = 0;
        std::uint64_t changes = 0;
        std::uint64_t seenAt = 0;
    };
    std::unordered_map<pid_t, Runs> runs;
    bool noteRuns(ObservedThread& t, std::optional<std::uint64_t> timesRun);
    // Ends known only from a call a process was seen in (System V queues and semaphores have
    // no descriptor): kept for the whole observation, by process identity (pid, start time).
    std::map<ObjectRef, std::map<std::pair<pid_t, std::uint64_t>, EndpointDirection>> seen;
    std::vector<ChannelEntry> channelEntries; // buildChannels' scratch, kept for its storage

    // Each fills `into` (reusing its strings' and vectors' storage); false when the process is
    // gone, or (quickScan) when it needs a full scan.
    bool observe(pid_t pid, const ProcScanOptions& scan, ObservedProcess& into);
    bool fullScan(pid_t pid, const ProcScanOptions& scan, ObservedProcess& into);
    bool quickScan(KnownProcess& k, ObservedProcess& p);
    void buildChannels(Observation& obs);
    void addKernelCounters(Observation& obs);
    void keepRelevant(Observation& obs) const;
    // The eBPF tier (exacttier.h), created at the first sample when asked for.
    std::unique_ptr<ExactTier> exact;
    std::optional<Error> exactFailure; // Required mode: why the last sample is not exact
};

namespace {
// Samples between full scans of one process (its descriptors, mappings, command line, threads):
// at 10 Hz every 10 s, spread over the samples by pid. Between them, each thread's call is read
// from its syscall file and whether it ran from its schedstat; a call with arguments not seen
// before (a new descriptor, a new queue) makes a full scan at once.
constexpr std::uint64_t kFullScanEvery = 100;
// /proc files the observer keeps open at most (three per thread), well under the usual 1024.
constexpr std::size_t kMaxKeptFiles = 768;
} // namespace

bool Observer::Private::fullScan(pid_t pid, const ProcScanOptions& scan, ObservedProcess& into) {
    auto p = scanProcess(pid, scan);
    std::map<CallSignature, ObservedThread> earlier;
    std::vector<KnownProcess::ThreadFiles> earlierFiles; // kept open: reused, not reopened
    if (auto it = known.find(pid); it != known.end()) {
        filesKept -= it->second.keptFiles();
        if (p && p->startTicks == it->second.scanned.startTicks) {
            earlier = std::move(it->second.decoded);
            earlierFiles = std::move(it->second.files);
        }
        known.erase(it);
    }
    if (!p) {
        return false; // gone
    }
    if (!p->problems.empty()) {
        into = std::move(*p); // partly read: scanned in full again next time
        return true;
    }
    KnownProcess& k = known[pid];
    k.scanned = *p;
    k.scannedAt = samples;
    const std::string task = scan.procRoot + "/" + std::to_string(pid) + "/task/";
    const auto freshFiles = [&](pid_t tid) {
        const bool keep = filesKept + KnownProcess::kFilesPerThread <= kMaxKeptFiles;
        filesKept += keep ? KnownProcess::kFilesPerThread : 0;
        const std::string base = task + std::to_string(tid) + "/";
        return KnownProcess::ThreadFiles{tid, std::make_unique<ProcFile>(base + "syscall", keep),
                                         std::make_unique<ProcFile>(base + "schedstat", keep),
                                         std::make_unique<ProcFile>(base + "stat", keep), keep};
    };
    for (const auto& t : p->threads) {
        // The files a thread's earlier scan kept open still refer to it, if it still lives
        // (checked by the read below).
        const auto reused =
            std::find_if(earlierFiles.begin(), earlierFiles.end(),
                         [&](const KnownProcess::ThreadFiles& f) { return f.tid == t.tid; });
        if (reused != earlierFiles.end() && reused->kept &&
            filesKept + KnownProcess::kFilesPerThread <= kMaxKeptFiles) {
            filesKept += KnownProcess::kFilesPerThread;
            k.files.push_back(std::move(*reused));
        } else {
            k.files.push_back(freshFiles(t.tid));
        }
        if (t.syscall) {
            k.decoded[signatureOf(t)] = t;
        }
    }
    // Calls decoded by earlier scans stay known (a thread running at this scan will wait in its
    // usual call again), their descriptor looked up again in this scan.
    for (auto& [signature, t] : earlier) {
        const bool threadLives =
            std::any_of(p->threads.begin(), p->threads.end(),
                        [&](const ObservedThread& x) { return x.tid == t.tid; });
        if (!threadLives || k.decoded.contains(signature)) {
            continue;
        }
        if (t.fd) {
            const auto use = std::find_if(p->fds.begin(), p->fds.end(),
                                          [&](const FdUse& u) { return u.fd == *t.fd; });
            if (use == p->fds.end()) {
                continue;
            }
            t.object = use->object;
            t.also.clear();
        }
        k.decoded.emplace(signature, std::move(t));
    }
    for (std::size_t i = 0; i < p->threads.size(); ++i) {
        auto run = timesRun(k.files[i].schedstat->read()); // opens the kept ones
        if (!run && k.files[i].kept) { // a reused file of a thread gone, its tid taken again
            filesKept -= KnownProcess::kFilesPerThread;
            k.files[i] = freshFiles(p->threads[i].tid);
            run = timesRun(k.files[i].schedstat->read());
        }
        noteRuns(p->threads[i], run);
        k.scanned.threads[i].voluntarySwitches = p->threads[i].voluntarySwitches;
    }
    into = std::move(*p);
    return true;
}

// The threads' calls and states now, the rest as the last full scan saw it; false when a full
// scan is needed (a thread ended, or is in a call with arguments not decoded before).
bool Observer::Private::quickScan(KnownProcess& k, ObservedProcess& p) {
    p = k.scanned; // assigned, not constructed: the last sample's strings and vectors are reused
    for (std::size_t i = 0; i < p.threads.size(); ++i) {
        ObservedThread& t = p.threads[i];
        const auto run = timesRun(k.files[i].schedstat->read());
        if (!run) {
            return false;
        }
        const bool ran = noteRuns(t, run);
        if (!ran && i < k.lastThreads.size() && k.lastThreads[i].tid == t.tid &&
            k.lastThreads[i].syscall) {
            const std::uint64_t switches = t.voluntarySwitches;
            t = k.lastThreads[i]; // most watched threads wait: one read each per sample
            t.voluntarySwitches = switches;
            continue;
        }
        const auto syscall = k.files[i].syscall->read();
        if (!syscall || !parseSyscallLine(*syscall, t.syscall, t.args)) {
            return false;
        }
        if (ran || !t.syscall) {
            // The small stat file, not status, which the kernel takes far longer to format.
            const auto stat = k.files[i].stat->read();
            const auto state = stat ? stateOfStatLine(*stat) : std::nullopt;
            if (!state) {
                return false;
            }
            t.state = *state;
        } else if (t.state != 'D') {
            t.state = 'S'; // in a call and not given a CPU since the last sample: it sleeps
        }
        if (!t.syscall) {
            takeDecodedCall(t, ObservedThread{});
            continue;
        }
        t.call = syscallName(*t.syscall); // for the signature; the decoded call replaces it
        const auto decoded = k.decoded.find(signatureOf(t));
        if (decoded == k.decoded.end()) {
            return false;
        }
        takeDecodedCall(t, decoded->second);
    }
    k.lastThreads = p.threads;
    return true;
}

bool Observer::Private::noteRuns(ObservedThread& t, std::optional<std::uint64_t> timesRun) {
    auto [it, fresh] = runs.try_emplace(t.tid);
    Runs& r = it->second;
    const bool ran = fresh || !timesRun || *timesRun != r.lastTimesRun;
    if (ran) {
        ++r.changes;
    }
    r.lastTimesRun = timesRun.value_or(0);
    r.seenAt = samples;
    t.voluntarySwitches = r.changes;
    return ran;
}

bool Observer::Private::observe(pid_t pid, const ProcScanOptions& scan, ObservedProcess& into) {
    const auto it = known.find(pid);
    const bool due = it == known.end() || samples - it->second.scannedAt >= kFullScanEvery ||
                     (samples + std::uint64_t(pid)) % kFullScanEvery == 0;
    if (!due && quickScan(it->second, into)) {
        return true;
    }
    return fullScan(pid, scan, into);
}

Observer::Observer(ObserveOptions options)
    : d(std::make_unique<Private>()) {
    d->options = std::move(options);
    d->options.scan.readContextSwitches = false; // noteRuns counts runs from schedstat instead
    d->ownNs = ownIpcNamespace(d->options.scan.procRoot);
}

Observer::~Observer() = default;

const ObserveOptions& Observer::options() const {
    return d->options;
}

Observation Observer::sample() {
    Observation obs;
    sample(obs);
    return obs;
}

void Observer::sample(Observation& obs) {
    const std::uint64_t now = monotonicNs();
    obs.elapsedNs = now - d->startNs;
    obs.warnings.clear();

    ProcScanOptions scan = d->options.scan;
    // The Unix socket table: read at most once per sample, and only when a full scan meets a
    // socket or a channel is one (quick scans do not look at descriptors).
    std::optional<Result<UnixSocketTable>> sockets;
    const auto socketTable = [&]() -> const UnixSocketTable* {
        if (!sockets) {
            sockets.emplace(UnixSocketTable::read());
            if (!*sockets) {
                obs.warnings.push_back("Unix sockets not shown: " + sockets->error().message);
            }
        }
        return *sockets ? &**sockets : nullptr;
    };
    scan.sockets = nullptr;
    scan.socketTable = socketTable;
    // Selecting by tree, command or object reads every process: every tenth sample (a second
    // at 10 Hz) finds the processes that joined; one that ended drops out at once (its thread
    // files fail).
    const ProcessSelection& selection = d->options.selection;
    const bool pidsOnly = selection.commands.empty() && selection.trees.empty() &&
                          selection.objects.empty() && !selection.all;
    if (pidsOnly) {
        d->selected = selection.pids; // one that does not exist (any more) is not found
        std::sort(d->selected.begin(), d->selected.end());
        d->selected.erase(std::unique(d->selected.begin(), d->selected.end()), d->selected.end());
    } else if (d->samples % 10 == 0) {
        d->selected = selectPids(selection, scan);
        std::sort(d->selected.begin(), d->selected.end());
    }
    std::erase_if(d->known, [&](const auto& entry) {
        const bool dropped =
            !std::binary_search(d->selected.begin(), d->selected.end(), entry.first);
        d->filesKept -= dropped ? entry.second.keptFiles() : 0;
        return dropped;
    });
    std::size_t observed = 0; // the entries of obs.processes filled so far, reused in place
    for (pid_t pid : d->selected) {
        if (observed == obs.processes.size()) {
            obs.processes.emplace_back();
        }
        ObservedProcess& p = obs.processes[observed];
        if (!d->observe(pid, scan, p)) { // it exited meanwhile
            continue;
        }
        ++observed;
        tagNamespaces(p, d->ownNs);
        for (const auto& problem : p.problems) {
            obs.warnings.push_back("pid " + std::to_string(p.pid) + " (" + p.comm +
                                   "): " + problem);
        }
    }
    obs.processes.resize(observed);
    std::erase_if(d->runs, [&](const auto& entry) { return entry.second.seenAt != d->samples; });
    ++d->samples;
    d->tracker.update(obs.processes, now);
    d->buildChannels(obs);
    for (auto& c : obs.channels) {
        if (!isUnixSocket(c.object.kind) || !c.object.inode) {
            continue;
        }
        if (const UnixSocketTable* table = socketTable()) {
            if (const UnixSocketInfo* s = table->find(*c.object.inode)) {
                c.peerInode = s->peerInode;
                c.socketState = s->state;
                if (c.object.name.empty()) {
                    c.object.name = s->name;
                }
                if (s->listening()) {
                    c.pendingConnections = s->receiveQueue;
                } else {
                    c.bytes = s->receiveQueue;
                }
            }
        }
    }
    d->keepRelevant(obs); // after the peers are known: a socket's relevance counts its peer's
    d->addKernelCounters(obs);
    d->exactFailure.reset();
    if (d->options.exactFlow != ExactFlowMode::Off) {
        if (!d->exact) {
            d->exact = std::make_unique<ExactTier>(d->options, d->ownNs, d->startNs);
        }
        if (auto s = d->exact->update(obs, d->selected, !selection.trees.empty()); !s) {
            d->exactFailure = s.error();
        }
    }
    analyseWaits(obs);
}

Result<Observation> Observer::trySample() {
    Observation obs;
    if (auto s = trySample(obs); !s) {
        return s.error();
    }
    return obs;
}

Status Observer::trySample(Observation& into) {
    sample(into);
    if (d->exactFailure) {
        return *d->exactFailure;
    }
    return Ok{};
}

std::map<ObjectRef, ExactFlow> Observer::exactTotals() const {
    return d->exact ? d->exact->totals() : std::map<ObjectRef, ExactFlow>{};
}

std::map<pid_t, ExactFlow> Observer::exactProcessTotals() const {
    return d->exact ? d->exact->processTotals() : std::map<pid_t, ExactFlow>{};
}

void Observer::Private::buildChannels(Observation& obs) {
    // Every end found, then sorted by object (stably: each channel's ends in the order found)
    // and gathered into channels; no map, and obs.channels' entries are reused in place.
    std::vector<ChannelEntry>& entries = channelEntries;
    entries.clear();
    for (const auto& p : obs.processes) {
        for (const auto& fd : p.fds) {
            entries.push_back(
                {&fd.object, ChannelEnd{p.pid, fd.fd, fd.direction, false, {}}, true});
        }
        for (const auto& m : p.mappings) {
            entries.push_back(
                {&m, ChannelEnd{p.pid, -1, EndpointDirection::Both, false, {}}, true});
        }
        for (const auto& t : p.threads) {
            if (!t.object) {
                continue;
            }
            const bool held =
                std::any_of(p.fds.begin(), p.fds.end(),
                            [&](const FdUse& u) { return u.object == *t.object; }) ||
                std::find(p.mappings.begin(), p.mappings.end(), *t.object) != p.mappings.end();
            if (!held || !hasDescriptor(t.object->kind)) {
                auto& dir = seen[*t.object]
                                .try_emplace({p.pid, p.startTicks}, callDirection(t.call))
                                .first->second;
                dir = merge(dir, callDirection(t.call));
            }
        }
    }
    // Sticky ends: a process once seen in msgsnd on a queue stays one of its ends while it lives
    // (obs.processes is in pid order).
    const auto alive = [&](pid_t pid, std::uint64_t startTicks) {
        const auto it =
            std::lower_bound(obs.processes.begin(), obs.processes.end(), pid,
                             [](const ObservedProcess& p, pid_t wanted) { return p.pid < wanted; });
        return it != obs.processes.end() && it->pid == pid && it->startTicks == startTicks;
    };
    for (const auto& [ref, byProcess] : seen) {
        for (const auto& [who, direction] : byProcess) {
            if (alive(who.first, who.second)) {
                entries.push_back({&ref, ChannelEnd{who.first, -1, direction, true, {}}, false});
            }
        }
    }
    std::stable_sort(
        entries.begin(), entries.end(),
        [](const ChannelEntry& a, const ChannelEntry& b) { return *a.object < *b.object; });
    std::size_t filled = 0;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (i == 0 || *entries[i - 1].object != *entries[i].object) {
            if (filled == obs.channels.size()) {
                obs.channels.emplace_back();
            }
            ObservedChannel& c = obs.channels[filled++];
            std::vector<ChannelEnd> ends = std::move(c.ends);
            ends.clear();
            c = ObservedChannel{};
            c.ends = std::move(ends);
            c.object = *entries[i].object; // the first one found names it
        }
        addEnd(obs.channels[filled - 1], entries[i].end, entries[i].sameProcessAtTail);
    }
    obs.channels.resize(filled);
}

// By default only what joins selected processes or what a selected thread waits on: a process
// often holds dozens of unrelated pipes and sockets.
void Observer::Private::keepRelevant(Observation& obs) const {
    if (options.allChannels) {
        return;
    }
    std::vector<const ObjectRef*> waitedOn; // sorted, for binary search
    for (const auto& p : obs.processes) {
        for (const auto& t : p.threads) {
            if (t.waiting() && t.object) {
                waitedOn.push_back(&*t.object);
                for (const auto& o : t.also) {
                    waitedOn.push_back(&o);
                }
            }
        }
    }
    const auto byObject = [](const ObjectRef* a, const ObjectRef* b) { return *a < *b; };
    std::sort(waitedOn.begin(), waitedOn.end(), byObject);
    // Socket inode → the pids holding it, so a connected pair counts both sides.
    std::map<std::uint64_t, std::set<pid_t>> socketHolders;
    for (const auto& c : obs.channels) {
        if (isUnixSocket(c.object.kind) && c.object.inode) {
            for (const auto& e : c.ends) {
                socketHolders[*c.object.inode].insert(e.pid);
            }
        }
    }
    const auto relevant = [&](const ObservedChannel& c) {
        if (std::binary_search(waitedOn.begin(), waitedOn.end(), &c.object, byObject)) {
            return true;
        }
        if (isUnixSocket(c.object.kind)) { // both sides of a connection count
            std::set<pid_t> pids;
            for (const auto& e : c.ends) {
                pids.insert(e.pid);
            }
            if (c.peerInode) {
                if (auto it = socketHolders.find(*c.peerInode); it != socketHolders.end()) {
                    pids.insert(it->second.begin(), it->second.end());
                }
            }
            return pids.size() >= 2;
        }
        // One process can send and another receive: a stdout pipe that two processes both
        // write to (their shared terminal or log) joins nobody. Up to two distinct senders and
        // receivers tell (one pass: such a pipe can have hundreds of ends).
        std::array<pid_t, 2> senders{}, receivers{};
        std::size_t sendersFound = 0, receiversFound = 0;
        const auto note = [](std::array<pid_t, 2>& pids, std::size_t& found, pid_t pid) {
            if (found < 2 && (found == 0 || pids[0] != pid)) {
                pids[found++] = pid;
            }
        };
        for (const auto& e : c.ends) {
            if (e.direction != EndpointDirection::Receive) {
                note(senders, sendersFound, e.pid);
            }
            if (e.direction != EndpointDirection::Send) {
                note(receivers, receiversFound, e.pid);
            }
        }
        return sendersFound > 0 && receiversFound > 0 &&
               (sendersFound > 1 || receiversFound > 1 || senders[0] != receivers[0]);
    };
    // Kept ones moved to the front by swapping, not move-assigning: every entry keeps its
    // vectors' storage for the next sample.
    std::size_t kept = 0;
    for (std::size_t i = 0; i < obs.channels.size(); ++i) {
        if (relevant(obs.channels[i])) {
            if (kept != i) {
                std::swap(obs.channels[kept], obs.channels[i]);
            }
            ++kept;
        }
    }
    obs.channels.resize(kept);
}

void Observer::Private::addKernelCounters(Observation& obs) {
    // System V objects by namespace (0: the observer's own), read where they live.
    std::map<std::uint64_t, SysvWanted> wanted;
    for (const auto& c : obs.channels) {
        if (!c.object.id) {
            continue;
        }
        SysvWanted& w = wanted[c.object.ipcNamespace.value_or(0)];
        if (c.object.kind == IpcKind::SysvMsg) {
            w.queues.insert(*c.object.id);
        } else if (c.object.kind == IpcKind::SysvSem) {
            w.sems.insert(*c.object.id);
        } else if (c.object.kind == IpcKind::SysvShm) {
            w.segments.insert(*c.object.id);
        }
    }
    for (const auto& p : obs.processes) {
        for (const auto& t : p.threads) {
            if (t.waiting() && t.call == "msgrcv" && t.object &&
                t.object->kind == IpcKind::SysvMsg && t.object->id) {
                wanted[t.object->ipcNamespace.value_or(0)].peek.insert(*t.object->id);
            }
        }
    }
    std::map<std::uint64_t, SysvState> states;
    for (const auto& [ns, w] : wanted) {
        if (w.empty()) {
            continue;
        }
        if (ns == 0) {
            states[ns] = readSysv(w, options.maxPeekedMessages);
            continue;
        }
        const auto member =
            std::find_if(obs.processes.begin(), obs.processes.end(),
                         [ns = ns](const ObservedProcess& p) { return p.ipcNamespace == ns; });
        if (member == obs.processes.end()) {
            continue;
        }
        auto state = readSysvIn(member->pid, w, options.maxPeekedMessages, options.scan.procRoot);
        if (state) {
            states[ns] = std::move(*state);
        } else {
            obs.warnings.push_back("System V objects of IPC namespace " + std::to_string(ns) +
                                   " not read: " + state.error().message);
        }
    }

    for (auto& c : obs.channels) {
        const ObjectRef& ref = c.object;
        if (!ref.id) {
            continue;
        }
        const auto st = states.find(ref.ipcNamespace.value_or(0));
        if (st == states.end()) {
            continue;
        }
        const SysvState& s = st->second;
        if (const auto problem = s.problems.find({ref.kind, *ref.id});
            problem != s.problems.end()) {
            c.peekProblem = problem->second;
            continue;
        }
        if (ref.kind == IpcKind::SysvMsg) {
            if (const auto q = s.queues.find(*ref.id); q != s.queues.end()) {
                const msqid_ds& ds = q->second.ds;
                c.object.key = std::int32_t(ds.msg_perm.__key);
                c.messages = ds.msg_qnum;
                c.bytes = ds.__msg_cbytes;
                c.capacityBytes = ds.msg_qbytes;
                c.lastSendS = nonZeroTime(ds.msg_stime);
                c.lastReceiveS = nonZeroTime(ds.msg_rtime);
                c.lastSender = nonZeroPid(ds.msg_lspid);
                c.lastReceiver = nonZeroPid(ds.msg_lrpid);
                c.messagesByType = q->second.byType;
                c.peekProblem = q->second.peekProblem;
            }
        } else if (ref.kind == IpcKind::SysvSem) {
            if (const auto sem = s.sems.find(*ref.id); sem != s.sems.end()) {
                c.object.key = sem->second.key;
                c.semaphoreValues = sem->second.values;
                // The last process to operate on the set (GETPID of its semaphores: one only
                // when they agree).
                std::set<pid_t> last(sem->second.lastPids.begin(), sem->second.lastPids.end());
                last.erase(0);
                if (last.size() == 1) {
                    c.lastSender = *last.begin();
                }
            }
        } else if (ref.kind == IpcKind::SysvShm) {
            if (const auto seg = s.segments.find(*ref.id); seg != s.segments.end()) {
                c.object.key = seg->second.key;
                c.capacityBytes = seg->second.size;
            }
        }
    }

    // POSIX queues: mq_getattr on a descriptor of our own, closed at once; another namespace's
    // from a thread inside it (mq_open names a queue in the calling thread's IPC namespace's own
    // mqueue mount, whatever the mount namespace). Not the file's QSIZE line: reading
    // /dev/mqueue/NAME rewrites the queue's atime and ctime (mqueue_read_file); mq_open +
    // mq_getattr leave both alone (the inventory measured it, tst_observer checks it). The count
    // is known, the bytes are not.
    std::map<std::uint64_t, std::vector<ObservedChannel*>> queuesByNamespace;
    for (auto& c : obs.channels) {
        if (c.object.kind == IpcKind::PosixMq) {
            queuesByNamespace[c.object.ipcNamespace.value_or(0)].push_back(&c);
        }
    }
    for (const auto& [ns, queues] : queuesByNamespace) {
        const auto readAll = [&queues = queues] {
            for (ObservedChannel* c : queues) {
                readPosixQueue(*c);
            }
        };
        if (ns == 0) {
            readAll();
            continue;
        }
        const auto member =
            std::find_if(obs.processes.begin(), obs.processes.end(),
                         [ns = ns](const ObservedProcess& p) { return p.ipcNamespace == ns; });
        const auto entered = member == obs.processes.end()
                                 ? Status(Error{"no observed process is in it"})
                                 : inIpcNamespaceOf(member->pid, readAll, options.scan.procRoot);
        if (!entered) {
            for (ObservedChannel* c : queues) {
                c->peekProblem = "queue not read: " + entered.error().message;
            }
        }
    }
}

Status inIpcNamespaceOf(pid_t member, const std::function<void()>& work,
                        const std::string& procRoot) {
    std::optional<Error> failure;
    // No process is forked from a program that may be multi-threaded (the GUI): a thread enters.
    std::thread inside([&] {
        const std::string path = procRoot + "/" + std::to_string(member) + "/ns/ipc";
        UniqueFd ns(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
        if (!ns) {
            failure = Error::fromErrno("cannot open " + path);
            return;
        }
        if (::setns(ns.get(), CLONE_NEWIPC) != 0) {
            failure =
                Error::fromErrno("cannot enter the IPC namespace of pid " + std::to_string(member));
            return;
        }
        work();
    });
    inside.join();
    if (failure) {
        return *failure;
    }
    return Ok{};
}

// ---- words ----

std::string describeWait(const ObservedThread& t) {
    if (!t.waiting()) {
        return {};
    }
    std::string s =
        "waits in " + (t.call.empty() ? "system call " + std::to_string(*t.syscall) : t.call);
    if (t.call == "msgrcv" && t.msgType) {
        s += *t.msgType == 0 ? " for any type" : " for type " + std::to_string(*t.msgType);
    } else if (!t.detail.empty()) {
        s += " (" + t.detail + ")";
    }
    if (t.object) {
        s += " on " + t.object->text();
    }
    for (const auto& o : t.also) {
        s += ", " + o.text();
    }
    s += " · at least " + formatDurationNs(t.waitingNs);
    return s;
}

// ---- frame ----

namespace {

CallKind callKindOf(const ObservedThread& t) {
    const std::string& c = t.call;
    if (c == "read" || c == "readv" || c == "pread64") {
        return CallKind::Read;
    }
    if (c == "write" || c == "writev" || c == "pwrite64") {
        return CallKind::Write;
    }
    if (c == "msgsnd") {
        return CallKind::Msgsnd;
    }
    if (c == "msgrcv") {
        return CallKind::Msgrcv;
    }
    if (c == "semop" || c == "semtimedop") {
        return CallKind::Semop;
    }
    if (c == "mq_timedsend") {
        return CallKind::MqSend;
    }
    if (c == "mq_timedreceive") {
        return CallKind::MqReceive;
    }
    if (c == "futex" && t.object && t.object->kind == IpcKind::PosixSem) {
        return CallKind::SemWait;
    }
    if (c == "sendto" || c == "sendmsg" || c == "send") {
        return CallKind::Send;
    }
    if (c == "recvfrom" || c == "recvmsg" || c == "recv") {
        return CallKind::Recv;
    }
    if ((c == "open" || c == "openat") && t.object && t.object->kind == IpcKind::Fifo) {
        return CallKind::Open;
    }
    return CallKind::None;
}

// A system call's CallKind where one fits (the eBPF tier's blocked time per call).
CallKind callKindOfNumber(long nr) {
    ObservedThread t;
    t.call = syscallName(nr);
    if (t.call == "futex") {
        return CallKind::SemWait; // attributed futex waits are on POSIX semaphores or shm
    }
    return callKindOf(t);
}

// The eBPF tier's figures for one end, in the endpoint's direction.
void addExact(EndpointFrame& ep, const ExactFlow& f) {
    if (ep.sends()) {
        ep.messages += f.messagesSent;
        ep.bytes += f.bytesSent;
        ep.messagesPerS += f.messagesSentPerS;
        ep.bytesPerS += f.bytesSentPerS;
    }
    if (ep.receives()) {
        ep.messages += f.messagesReceived;
        ep.bytes += f.bytesReceived;
        ep.messagesPerS += f.messagesReceivedPerS;
        ep.bytesPerS += f.bytesReceivedPerS;
    }
    ep.estimated = false;
}

void takeExact(ProcessFrame& pf, const ObservedProcess& p) {
    if (!p.exact) {
        return;
    }
    pf.messages = p.exact->messagesSent + p.exact->messagesReceived;
    pf.bytes = p.exact->bytesSent + p.exact->bytesReceived;
    pf.blocks = p.exact->waits;
    pf.blockedNs = {};
    for (const auto& [nr, ns] : p.exactWaitNsByCall) {
        pf.blockedNs[std::size_t(callKindOfNumber(nr))] += ns;
    }
}

WorkerState stateOf(const ObservedThread& t) {
    if (t.state == 'Z' || t.state == 'X') {
        return WorkerState::Exited;
    }
    return t.waiting() ? WorkerState::Blocked : WorkerState::Running;
}

std::string capacityUnit(IpcKind kind) {
    switch (kind) {
    case IpcKind::SysvSem:
    case IpcKind::PosixSem:
        return "value";
    default:
        return "bytes";
    }
}

WakeFrame wakeFrameOf(const WakeEdge& w) {
    WakeFrame f;
    f.endedNs = w.endedNs;
    f.waitedNs = w.durationNs;
    f.wakeePid = w.waiterPid;
    f.wakeeTid = w.waiterTid;
    f.wakerPid = w.wakerPid;
    f.wakerTid = w.wakerTid;
    f.wakerCommand = w.wakerComm;
    f.call = w.call;
    if (w.object) {
        f.objectName = w.object->text();
    }
    return f;
}

} // namespace

Frame observationFrame(const Observation& obs) {
    Frame frame;
    observationFrame(obs, frame);
    return frame;
}

void observationFrame(const Observation& obs, Frame& frame) {
    // A fresh frame, but for the vectors' storage and the process entries (reused in place
    // below, their strings' storage with them).
    {
        std::vector<ProcessFrame> processes = std::move(frame.processes);
        std::vector<ChannelFrame> channels = std::move(frame.channels);
        std::vector<EndpointFrame> endpoints = std::move(frame.endpoints);
        std::vector<DeadlockFrame> deadlocks = std::move(frame.deadlocks);
        std::vector<std::string> waitNotes = std::move(frame.waitNotes);
        frame = Frame{};
        channels.clear();
        endpoints.clear();
        deadlocks.clear();
        waitNotes.clear();
        frame.processes = std::move(processes);
        frame.channels = std::move(channels);
        frame.endpoints = std::move(endpoints);
        frame.deadlocks = std::move(deadlocks);
        frame.waitNotes = std::move(waitNotes);
    }
    frame.elapsedNs = obs.elapsedNs;
    frame.phase = RunPhase::Running;
    frame.flowNote = obs.tier == FlowTier::Exact
                         ? "exact: counted in the kernel by ipcscope-probe (eBPF)"
                         : obs.tierNote;
    frame.wakes.clear();
    for (const auto& w : obs.wakes) {
        frame.wakes.push_back(wakeFrameOf(w));
    }
    // Each thread's last measured wake-up, and each process's latest for its tid-0 entry.
    std::map<pid_t, const WakeEdge*> lastByTid, lastByPid;
    for (const auto& w : obs.lastWakes) {
        lastByTid[w.waiterTid] = &w;
        auto& latest = lastByPid[w.waiterPid];
        if (!latest || w.endedNs > latest->endedNs) {
            latest = &w;
        }
    }

    // Channels: one per object, a connected Unix socket pair joined into one.
    std::map<ObjectRef, std::size_t> channelIndex;
    std::map<std::uint64_t, std::size_t> socketChannel; // inode → joined channel
    std::vector<std::vector<const ObservedChannel*>> members;
    for (const auto& c : obs.channels) {
        if (isUnixSocket(c.object.kind) && c.object.inode && c.peerInode) {
            if (auto it = socketChannel.find(*c.peerInode); it != socketChannel.end()) {
                channelIndex[c.object] = it->second;
                socketChannel[*c.object.inode] = it->second;
                members[it->second].push_back(&c);
                continue;
            }
        }
        const std::size_t index = members.size();
        members.push_back({&c});
        channelIndex[c.object] = index;
        if (isUnixSocket(c.object.kind) && c.object.inode) {
            socketChannel[*c.object.inode] = index;
        }
    }
    frame.channels.reserve(members.size());
    for (const auto& group : members) {
        const ObservedChannel& c = *group.front();
        ChannelFrame f;
        f.kind = c.object.kind;
        f.identity = c.object.text();
        if (group.size() > 1 && group[1]->object.inode) {
            f.identity += " ↔ [" + std::to_string(*group[1]->object.inode) + "]";
        }
        f.unit = capacityUnit(c.object.kind);
        if (c.object.kind == IpcKind::PosixMq) { // counted in messages: bytes are not known
            f.unit = "messages";
            f.capacity = c.capacityMessages;
            f.depth = c.messages.value_or(0);
            f.depthFromKernel = c.messages.has_value();
        } else if (c.object.kind == IpcKind::SysvSem) {
            for (std::size_t i = 0; i < c.semaphoreValues.size(); ++i) {
                f.values.emplace_back("sem " + std::to_string(i), c.semaphoreValues[i]);
            }
            f.depthFromKernel = !c.semaphoreValues.empty();
        } else {
            f.capacity = c.capacityBytes;
            std::uint64_t depth = 0;
            bool known = false;
            for (const ObservedChannel* m : group) {
                if (m->bytes) {
                    depth += *m->bytes;
                    known = true;
                }
            }
            f.depth = depth;
            f.depthFromKernel = known;
            if (c.messages) {
                f.values.emplace_back("messages", (long long)*c.messages);
            }
        }
        for (const ObservedChannel* m : group) {
            for (const auto& [type, count] : m->messagesByType) {
                f.values.emplace_back("type " + std::to_string(type), (long long)count);
            }
        }
        if (c.peekProblem) {
            f.problem = c.peekProblem;
        }
        frame.channels.push_back(std::move(f));
    }
    const auto channelOf = [&](const ObjectRef& ref) -> std::optional<std::size_t> {
        if (auto it = channelIndex.find(ref); it != channelIndex.end()) {
            return it->second;
        }
        return std::nullopt;
    };

    // Processes: one entry per thread of a multi-threaded process.
    std::map<pid_t, std::size_t> firstFrameOf;
    std::map<std::pair<pid_t, std::size_t>, std::size_t> waiterOn; // (pid, channel) → entry
    std::size_t entries = 0;                                       // filled so far
    for (const auto& p : obs.processes) {
        const bool perThread = p.threads.size() > 1;
        const auto add = [&](const ObservedThread* t) {
            if (entries == frame.processes.size()) {
                frame.processes.emplace_back();
            }
            const std::size_t index = entries++;
            ProcessFrame& pf = frame.processes[index];
            pf = ProcessFrame{}; // a string assigned a short one keeps its storage
            pf.pid = p.pid;
            pf.tid = perThread && t ? t->tid : 0;
            pf.command = p.command.empty() ? p.comm : p.command;
            pf.state = t ? stateOf(*t) : WorkerState::Running;
            if (t && t->waiting()) {
                pf.call = callKindOf(*t);
                pf.callName = t->call.empty() ? "syscall " + std::to_string(*t->syscall) : t->call;
                pf.waitDetail = t->detail;
                pf.stateForNs = t->waitingNs;
                pf.stateForAtLeast = true;
                if (t->object) {
                    pf.objectName = t->object->text();
                    pf.waitChannel = channelOf(*t->object);
                }
            }
            pf.stopped = t && (t->state == 'T' || t->state == 't');
            const auto& last = pf.tid != 0 ? lastByTid : lastByPid;
            if (auto it = last.find(pf.tid != 0 ? pf.tid : p.pid); it != last.end()) {
                pf.lastWake = wakeFrameOf(*it->second);
            }
            if (firstFrameOf.try_emplace(p.pid, index).second) {
                takeExact(pf, p); // the process's figures, on its first entry only
            }
            if (pf.waitChannel) {
                waiterOn.try_emplace({p.pid, *pf.waitChannel}, index);
            }
        };
        if (p.threads.empty()) {
            add(nullptr);
        }
        for (const auto& t : p.threads) {
            add(&t);
        }
    }
    frame.processes.resize(entries);
    const auto entryOf = [&](pid_t pid,
                             std::optional<std::size_t> channel) -> std::optional<std::size_t> {
        if (channel) {
            if (auto it = waiterOn.find({pid, *channel}); it != waiterOn.end()) {
                return it->second;
            }
        }
        if (auto it = firstFrameOf.find(pid); it != firstFrameOf.end()) {
            return it->second;
        }
        return std::nullopt;
    };
    // Waiters counted per channel, by the direction of their call.
    for (auto& pf : frame.processes) {
        if (!pf.waitChannel || pf.state != WorkerState::Blocked) {
            continue;
        }
        ChannelFrame& c = frame.channels[*pf.waitChannel];
        const EndpointDirection dir = callDirection(pf.callName);
        auto& counter = dir == EndpointDirection::Send ? c.waitingSenders : c.waitingReceivers;
        counter = counter.value_or(0) + 1;
    }
    frame.endpoints.reserve(obs.channels.size() * 2);
    for (const auto& c : obs.channels) {
        const std::size_t channel = channelIndex.at(c.object);
        // A duplicate can only be among this channel's own endpoints, unless it joins a socket
        // pair (whose other side may have been added earlier).
        const std::size_t searchFrom = members[channel].size() > 1 ? 0 : frame.endpoints.size();
        for (const auto& e : c.ends) {
            if (const auto process = entryOf(e.pid, channel)) {
                EndpointFrame ep;
                ep.process = *process;
                ep.channel = channel;
                ep.direction = e.direction;
                ep.estimated = true;
                const auto duplicate =
                    std::find_if(frame.endpoints.begin() + std::ptrdiff_t(searchFrom),
                                 frame.endpoints.end(), [&](const EndpointFrame& x) {
                                     return x.process == ep.process && x.channel == ep.channel &&
                                            x.direction == ep.direction;
                                 });
                if (duplicate != frame.endpoints.end()) {
                    if (e.exact) { // two descriptors on one object: their flows add up
                        addExact(*duplicate, *e.exact);
                    }
                    continue;
                }
                if (e.exact) {
                    addExact(ep, *e.exact);
                }
                frame.endpoints.push_back(ep);
            }
        }
    }
    for (const auto& dl : obs.deadlocks) {
        DeadlockFrame df;
        df.certain = dl.certain;
        df.text = dl.text;
        for (std::size_t i = 0; i < dl.pids.size(); ++i) {
            const auto channel = i < dl.objects.size() ? channelOf(dl.objects[i]) : std::nullopt;
            const auto process = entryOf(dl.pids[i], channel);
            if (process && channel) {
                df.processes.push_back(*process);
                df.channels.push_back(*channel);
            }
        }
        frame.deadlocks.push_back(std::move(df));
    }
    for (const auto& n : obs.notes) {
        frame.waitNotes.push_back(n.text);
    }
}

} // namespace ipcscope

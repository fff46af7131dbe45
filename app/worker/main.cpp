// ipcscope-worker: one real producer or consumer process of a lab run (or a run's guardian).
// Started only by the lab; links no Qt so that it starts in milliseconds.

#include "guardian.h"
#include "textloop.h"
#include "transferloop.h"

#include "mechanisms/posixmq.h"
#include "mechanisms/posixshm.h"
#include "mechanisms/streamendpoint.h"
#include "mechanisms/sysvmsg.h"
#include "mechanisms/sysvsem.h"
#include "mechanisms/sysvshm.h"
#include "telemetry/workerprobe.h"
#include "workerargs/workerargs.h"

#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <string_view>
#include <sys/prctl.h>

using namespace ipcscope;

namespace {

void onWakeSignal(int) {}

void installSignals() {
    // SIGUSR1 is the lab's "look at your flags" nudge: no SA_RESTART, so a blocking call
    // returns EINTR and the loop sees the stop or drain request.
    struct sigaction sa {};
    sa.sa_handler = onWakeSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    sigaction(SIGUSR1, &sa, nullptr);
    sigset_t nudge;
    sigemptyset(&nudge);
    sigaddset(&nudge, SIGUSR1);
    sigprocmask(SIG_UNBLOCK, &nudge, nullptr); // the lab started us with it blocked (spawn.cpp)
    // A write to a pipe without readers must report EPIPE, not kill us silently.
    std::signal(SIGPIPE, SIG_IGN);
    // Ctrl-C in a terminal reaches the whole process group; the lab answers it with a clean stop
    // (producers finish, consumers drain), which must not be cut short by the workers dying.
    std::signal(SIGINT, SIG_IGN);
    std::signal(SIGQUIT, SIG_IGN);
}

// The course notes' writer: `if ((fd == open(PATH, O_WRONLY)) < 0)` opens the FIFO, compares
// the new descriptor with the uninitialised `fd` and drops it. The FIFO stays open (the
// reader's open() has returned, its read() sees no EOF) until the process exits; `fd` keeps
// whatever the stack held. We reproduce that without undefined behaviour: the opened end is
// kept until exit, and `fd` is a descriptor number this process does not have open, the
// harmless case (write and close fail with EBADF; the notes' program could as well have
// written into its own stdout or a file it had open).
int lostDescriptor(int opened) {
    static UniqueFd keptUntilExit;
    keptUntilExit = UniqueFd(opened);
    int unopened = 100;
    while (::fcntl(unopened, F_GETFD) != -1 || errno != EBADF) {
        ++unopened;
    }
    return unopened;
}

template <class Probe>
Result<StreamEndpoint<PipeIo>> openFifo(const WorkerArgs& args, Probe& probe,
                                        TelemetryHeader& header) {
    const auto path = args.params.text("path");
    if (!path) {
        return path.error();
    }
    const int flags = (args.role == Role::Producer ? O_WRONLY : O_RDONLY) | O_CLOEXEC;
    // open(2) on a FIFO waits for the other side: that rendezvous is part of the lesson, so
    // it is shown as a block in open.
    const std::uint64_t start = monotonicNs();
    int fd;
    do {
        if constexpr (Probe::kInstrumented) {
            probe.blockBegin(CallKind::Open);
        }
        fd = ::open(path->c_str(), flags);
        if constexpr (Probe::kInstrumented) {
            probe.blockEnd();
        }
    } while (fd < 0 && errno == EINTR &&
             (args.role == Role::Producer ? header.stopRequested : header.drainRequested).load() ==
                 0);
    if (fd < 0 && errno == EINTR) {
        return Error{"the run ended before the other side opened the FIFO", EINTR};
    }
    if (fd < 0) {
        return Error::fromErrno("cannot open FIFO " + *path);
    }
    if (args.role == Role::Producer) {
        // Hold the stream open until every writer has opened (see fifoWritersOpen).
        auto& open = header.fifoWritersOpen;
        open.fetch_add(1, std::memory_order_acq_rel);
        futexWakeAll(open);
        for (std::uint32_t n;
             (n = open.load(std::memory_order_acquire)) < args.params.producerCount &&
             header.stopRequested.load(std::memory_order_acquire) == 0;) {
            futexWait(open, n, 100'000'000);
        }
    }
    probe.event(EventKind::Opened, CallKind::Open, 0, monotonicNs() - start);
    if (const auto capacity = args.params.number("capacity");
        capacity && args.role == Role::Producer) {
        if (::fcntl(fd, F_SETPIPE_SZ, int(*capacity)) < 0) {
            const int err = errno;
            ::close(fd);
            return Error::fromErrno("cannot set the FIFO capacity", err);
        }
    }
    if (args.role == Role::Producer && args.params.find(kFifoWriterComparesFd)) {
        return StreamEndpoint<PipeIo>(UniqueFd(lostDescriptor(fd)));
    }
    return StreamEndpoint<PipeIo>(UniqueFd(fd));
}

template <class Endpoint, class Probe>
int runRole(Endpoint& endpoint, Probe& probe, const TelemetryView& telemetry,
            const WorkerArgs& args) {
    if (const std::string* text = args.params.find(kTextMessageParam)) {
        // The course notes' text lines (pipes and FIFOs only, validateConfig).
        if constexpr (requires(std::span<std::byte> b, std::size_t n) {
                          endpoint.receiveSome(b, ReceiveMode::Wait, probe, n);
                      }) {
            const bool withNul = *text == textMessageName(TextMessage::TextAndNul);
            return args.role == Role::Producer
                       ? runTextProducer(endpoint, probe, telemetry, args, withNul)
                       : runTextConsumer(endpoint, probe, telemetry, args, withNul);
        } else {
            std::fputs("ipcscope-worker: text messages need a pipe or a FIFO\n", stderr);
            return kExitUsage;
        }
    }
    const bool payload = mechanismInfo(args.mechanism).carriesPayload;
    return args.role == Role::Producer ? runProducer(endpoint, probe, telemetry, args, payload)
                                       : runConsumer(endpoint, probe, telemetry, args, payload);
}

template <class Endpoint, class Probe>
int runOpened(Result<Endpoint> endpoint, Probe& probe, const TelemetryView& telemetry,
              const WorkerArgs& args) {
    if (!endpoint && endpoint.error().errnoValue == EINTR) {
        return kExitOk; // told to stop before the channel was ever open: nothing to do
    }
    if (!endpoint) {
        std::fprintf(stderr, "ipcscope-worker: %s\n", endpoint.error().message.c_str());
        probe.error(CallKind::Open, endpoint.error().errnoValue);
        return kExitChannelError;
    }
    return runRole(*endpoint, probe, telemetry, args);
}

template <class Probe>
int runWorker(const WorkerArgs& args, Probe& probe, const TelemetryView& telemetry) {
    const auto firstFd = [&]() -> UniqueFd {
        return UniqueFd(args.params.fds.empty() ? -1 : args.params.fds[0]);
    };
    switch (args.mechanism) {
    case Mechanism::Pipe: {
        StreamEndpoint<PipeIo> endpoint(firstFd());
        return runRole(endpoint, probe, telemetry, args);
    }
    case Mechanism::Fifo:
        return runOpened(openFifo(args, probe, telemetry.header()), probe, telemetry, args);
    case Mechanism::UnixStream: {
        StreamEndpoint<SocketIo> endpoint(firstFd());
        return runRole(endpoint, probe, telemetry, args);
    }
    case Mechanism::UnixDgram: {
        DatagramEndpoint endpoint(firstFd());
        return runRole(endpoint, probe, telemetry, args);
    }
    case Mechanism::SysvMsg:
        return runOpened(SysvMsgEndpoint::open(args.params, args.role), probe, telemetry, args);
    case Mechanism::PosixMq:
        return runOpened(PosixMqEndpoint::open(args.params, args.role), probe, telemetry, args);
    case Mechanism::SysvShm:
        return runOpened(SysvShmEndpoint::open(args.params, args.role), probe, telemetry, args);
    case Mechanism::PosixShm:
        return runOpened(PosixShmEndpoint::open(args.params, args.role), probe, telemetry, args);
    case Mechanism::SysvSem:
        return runOpened(SysvSemEndpoint::open(args.params, args.role), probe, telemetry, args);
    }
    return kExitUsage;
}

// The classroom's late starter (a FIFO writer that comes a few seconds after the reader): it
// stays "starting"; a stop request ends the wait early (SIGUSR1 interrupts the sleep).
template <class Probe>
void delayStart(const WorkerArgs& args, Probe& probe, const TelemetryHeader& header) {
    if (args.startDelayNs == 0) {
        return;
    }
    probe.setState(WorkerState::Starting);
    const std::uint64_t due = monotonicNs() + args.startDelayNs;
    while (header.stopRequested.load(std::memory_order_acquire) == 0 && !detail::sleepUntil(due)) {
    }
    probe.setState(WorkerState::Starting);
}

template <class Probe> int runWithProbe(const WorkerArgs& args, const TelemetryView& telemetry) {
    Probe probe(telemetry, args.slot);
    delayStart(args, probe, telemetry.header());
    const int code = runWorker(args, probe, telemetry);
    probe.publish();
    WorkerSlot& slot = telemetry.slot(args.slot);
    slot.exitCode.store(std::uint32_t(code), std::memory_order_relaxed);
    if constexpr (Probe::kInstrumented) {
        probe.event(EventKind::Exit, CallKind::None, 0, std::uint64_t(code));
    }
    slot.state.store(StateWord{WorkerState::Exited, CallKind::None, 0,
                               monotonicNs() - telemetry.header().epochNs}
                         .pack(),
                     std::memory_order_release);
    return code;
}

} // namespace

int main(int argc, char** argv) {
    if (argc >= 2 && std::string_view(argv[1]) == "--guardian") {
        return runGuardian(argc, argv);
    }
    if (argc >= 2 &&
        (std::string_view(argv[1]) == "--help" || std::string_view(argv[1]) == "--version")) {
        std::puts("ipcscope-worker: internal helper of ipcscope, started by the lab; not meant to "
                  "be run by hand.");
        return 0;
    }
    // The lab set PR_SET_PDEATHSIG before exec; it survives exec, so we die with the lab.
    installSignals();
    const auto args = parseWorkerArgs(argc, argv);
    if (!args) {
        std::fprintf(stderr, "ipcscope-worker: %s\n", args.error().message.c_str());
        return kExitUsage;
    }
    TelemetryRegion region = TelemetryRegion::attach(kTelemetryFd);
    if (!region.valid()) {
        std::fprintf(stderr, "ipcscope-worker: cannot map the run's telemetry (fd %d): %s\n",
                     kTelemetryFd, std::strerror(errno));
        return kExitUsage;
    }
    const TelemetryView& view = region.view();
    if (args->slot >= view.header().workerCount ||
        args->params.producerCount != view.header().producerCount) {
        std::fputs(
            "ipcscope-worker: worker slot or producer count does not match the telemetry region\n",
            stderr);
        return kExitUsage;
    }
    view.slot(args->slot).pid.store(std::uint32_t(::getpid()), std::memory_order_relaxed);
    return args->raw ? runWithProbe<RawProbe>(*args, view) : runWithProbe<WorkerProbe>(*args, view);
}

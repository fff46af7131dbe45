// ipcscope-probe: the privileged half of Observe's eBPF tier (DESIGN.md §7). It loads
// ipcflow.bpf.c, watches the processes the observer names on stdin, and answers with exact
// counters and long waits on stdout (flowprobe/probeprotocol.h). No Qt: it runs as root, so it
// stays small. Everything it attaches is tied to its own descriptors and goes when it exits or
// is killed; nothing is pinned.
#include "flowprobe/ipcflow.h"
#include "flowprobe/probeprotocol.h"
#include "ipcflow.skel.h"

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <memory>
#include <poll.h>
#include <set>
#include <string>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <vector>

namespace fp = ipcscope::flowprobe;

// The numbers the eBPF program keys on must be this machine's.
static_assert(IPCFLOW_NR_read == SYS_read && IPCFLOW_NR_msgrcv == SYS_msgrcv &&
              IPCFLOW_NR_semtimedop == SYS_semtimedop &&
              IPCFLOW_NR_mq_timedreceive == SYS_mq_timedreceive &&
              IPCFLOW_NR_epoll_pwait2 == SYS_epoll_pwait2 && IPCFLOW_NR_sendmmsg == SYS_sendmmsg &&
              IPCFLOW_NR_futex == SYS_futex);

namespace {

void say(const fp::ProbeMessage& message) {
    const std::string line = fp::formatMessage(message);
    std::fwrite(line.data(), 1, line.size(), stdout);
}

[[noreturn]] void fail(const std::string& sentence) {
    say(fp::ProbeError{sentence});
    std::fflush(stdout);
    std::exit(1);
}

struct SkeletonDeleter {
    void operator()(ipcflow* skel) const { ipcflow::destroy(skel); }
};
using Skeleton = std::unique_ptr<ipcflow, SkeletonDeleter>;

struct LinkDeleter {
    void operator()(bpf_link* link) const { bpf_link__destroy(link); }
};
using Link = std::unique_ptr<bpf_link, LinkDeleter>;

struct RingBufferDeleter {
    void operator()(ring_buffer* rb) const { ring_buffer__free(rb); }
};

std::string whyLoadFailed(int err) {
    if (err == EPERM || err == EACCES) {
        return "the kernel refused to load the eBPF program (permission denied): run "
               "ipcscope-probe as root (the GUI asks through pkexec), or give it CAP_BPF and "
               "CAP_PERFMON";
    }
    return std::string("the kernel refused to load the eBPF program: ") + std::strerror(err);
}

Skeleton loadAndAttach() {
    if (::access("/sys/kernel/btf/vmlinux", R_OK) != 0) {
        fail("this kernel does not describe itself with BTF (/sys/kernel/btf/vmlinux is "
             "missing), which the probe needs: use a kernel built with CONFIG_DEBUG_INFO_BTF=y");
    }
    libbpf_set_print([](libbpf_print_level level, const char* format, va_list args) {
        return level == LIBBPF_WARN && std::getenv("IPCSCOPE_PROBE_DEBUG")
                   ? std::vfprintf(stderr, format, args)
                   : 0;
    });
    Skeleton skel(ipcflow::open());
    if (!skel) {
        fail(std::string("could not open the eBPF program: ") + std::strerror(errno));
    }
    // The system call hooks are attached only while a process is watched (Probe::syncHooks):
    // an attached sys_enter/sys_exit tracepoint puts every task of the machine on the kernel's
    // slower system call path, whatever the program does.
    bpf_program__set_autoattach(skel->progs.on_sys_enter, false);
    bpf_program__set_autoattach(skel->progs.on_sys_exit, false);
    if (int err = ipcflow::load(skel.get()); err != 0) {
        fail(whyLoadFailed(-err));
    }
    if (int err = ipcflow::attach(skel.get()); err != 0) {
        fail(std::string("could not attach to the scheduler and system call tracepoints: ") +
             std::strerror(-err));
    }
    return skel;
}

class Probe {
public:
    static constexpr int kEventPollMs = 100;

    explicit Probe(Skeleton skel)
        : m_skel(std::move(skel))
        , m_cpus(libbpf_num_possible_cpus()) {
        m_events.reset(
            ring_buffer__new(bpf_map__fd(m_skel->maps.events), &Probe::onEvent, nullptr, nullptr));
        if (!m_events) {
            fail(std::string("could not open the eBPF ring buffer: ") + std::strerror(errno));
        }
    }

    int run() {
        say(fp::Ready{fp::kProtocolVersion});
        std::fflush(stdout);
        std::string pending;
        char buffer[4096];
        for (;;) {
            pollfd fds[1] = {{STDIN_FILENO, POLLIN, 0}};
            // The program submits events without waking us (a wake-up from the watched thread's
            // system call exit cost it about 10 µs per event, inside its call as its caller
            // sees it), so the ring is read on every command and every kEventPollMs.
            if (::poll(fds, 1, kEventPollMs) < 0 && errno != EINTR) {
                return 1;
            }
            ring_buffer__consume(m_events.get());
            if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
                const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
                if (n <= 0) {
                    return 0; // the observer is gone: so are we, and with us the program
                }
                pending.append(buffer, std::size_t(n));
                std::size_t newline;
                while ((newline = pending.find('\n')) != std::string::npos) {
                    const std::string line = pending.substr(0, newline);
                    pending.erase(0, newline + 1);
                    if (!handle(line)) {
                        return 0;
                    }
                }
            }
            std::fflush(stdout);
            if (::getppid() == 1) {
                return 0;
            }
        }
    }

private:
    static int onEvent(void* /*context*/, void* data, size_t size) {
        if (size < sizeof(ipcflow_wait_event)) {
            return 0;
        }
        const auto* e = static_cast<const ipcflow_wait_event*>(data);
        say(fp::WaitEvent{pid_t(e->tgid), pid_t(e->tid), e->nr, fp::FlowKind(e->kind), e->id,
                          e->sub, e->start_ns, e->duration_ns, e->ret, pid_t(e->waker_tgid),
                          pid_t(e->waker_tid), e->slept != 0});
        return 0;
    }

    bool handle(const std::string& line) {
        auto command = fp::parseCommand(line);
        if (!command) {
            say(fp::ProbeError{command.error().message});
            return true;
        }
        if (std::holds_alternative<fp::QuitCommand>(*command)) {
            return false;
        }
        if (const auto* c = std::get_if<fp::WatchCommand>(&*command)) {
            watch(c->tgid, c->flags);
            syncHooks();
        } else if (const auto* c = std::get_if<fp::UnwatchCommand>(&*command)) {
            unwatch(c->tgid);
            syncHooks();
        } else if (const auto* c = std::get_if<fp::ConfigCommand>(&*command)) {
            m_skel->data->min_wait_ns = c->minWaitNs;
            m_skel->data->event_threshold_ns = c->eventThresholdNs;
        } else if (const auto* c = std::get_if<fp::SampleCommand>(&*command)) {
            sample(c->seq);
        }
        return true;
    }

    // sys_enter and sys_exit attached while at least one process is watched, detached when none
    // is (children followed from birth are in the map too). A call in flight when they go is
    // never finished; the exit program ignores a record whose call is not the one exiting.
    void syncHooks() {
        const bool wanted = !watchedTgids().empty();
        if (wanted && !m_sysEnter) {
            m_sysEnter.reset(bpf_program__attach(m_skel->progs.on_sys_enter));
            m_sysExit.reset(bpf_program__attach(m_skel->progs.on_sys_exit));
            if (!m_sysEnter || !m_sysExit) {
                fail(std::string("could not attach to the system call tracepoints: ") +
                     std::strerror(errno));
            }
        } else if (!wanted && m_sysEnter) {
            m_sysEnter.reset();
            m_sysExit.reset();
        }
    }

    __u32& slot(pid_t tgid) { return m_skel->bss->watched_slots[__u32(tgid) & IPCFLOW_SLOT_MASK]; }

    void watch(pid_t tgid, std::uint32_t flags) {
        const __u32 key = __u32(tgid);
        const int fd = bpf_map__fd(m_skel->maps.watched);
        const bool known = bpf_map_lookup_elem(fd, &key, &flags) == 0 &&
                           bpf_map_update_elem(fd, &key, &flags, BPF_EXIST) == 0;
        if (!known && bpf_map_update_elem(fd, &key, &flags, BPF_NOEXIST) == 0) {
            __atomic_fetch_add(&slot(tgid), 1, __ATOMIC_SEQ_CST);
            newGeneration();
        }
    }

    // Threads keep their "watched?" answer while the generation stays (ipcflow.bpf.c).
    void newGeneration() {
        __atomic_fetch_add(&m_skel->data->watch_generation, 1, __ATOMIC_SEQ_CST);
    }

    void unwatch(pid_t tgid) {
        const __u32 key = __u32(tgid);
        if (bpf_map_delete_elem(bpf_map__fd(m_skel->maps.watched), &key) == 0) {
            __atomic_fetch_sub(&slot(tgid), 1, __ATOMIC_SEQ_CST);
            newGeneration();
        }
    }

    std::vector<__u32> watchedTgids() const {
        std::vector<__u32> tgids;
        const int fd = bpf_map__fd(m_skel->maps.watched);
        __u32 key = 0;
        __u32 next = 0;
        const __u32* previous = nullptr;
        while (bpf_map_get_next_key(fd, previous, &next) == 0) {
            tgids.push_back(next);
            key = next;
            previous = &key;
        }
        return tgids;
    }

    // Every counter (summed over the CPUs), then processes that have gone: their counters were
    // just told for the last time and are dropped.
    void sample(std::uint64_t seq) {
        ring_buffer__consume(m_events.get()); // waits that ended before now come first
        std::set<__u32> gone;
        for (__u32 tgid : watchedTgids()) {
            if (::kill(pid_t(tgid), 0) != 0 && errno == ESRCH) {
                gone.insert(tgid);
            }
        }
        const int fd = bpf_map__fd(m_skel->maps.counts);
        std::vector<ipcflow_counts> perCpu(static_cast<std::size_t>(m_cpus));
        std::vector<ipcflow_key> dead;
        ipcflow_key key{};
        ipcflow_key next{};
        const ipcflow_key* previous = nullptr;
        while (bpf_map_get_next_key(fd, previous, &next) == 0) {
            key = next;
            previous = &key;
            if (bpf_map_lookup_elem(fd, &key, perCpu.data()) != 0) {
                continue; // removed meanwhile
            }
            fp::FlowCounts sum;
            for (const auto& c : perCpu) {
                sum += fp::FlowCounts{c.bytes_in, c.bytes_out, c.msgs_in, c.msgs_out,   c.calls,
                                      c.errors,   c.waits,     c.wait_ns, c.max_wait_ns};
            }
            say(fp::FlowCounter{{pid_t(key.tgid), fp::FlowKind(key.kind), key.id, key.sub, key.nr},
                                sum});
            if (gone.contains(key.tgid)) {
                dead.push_back(key);
            }
        }
        for (const auto& k : dead) {
            bpf_map_delete_elem(fd, &k);
        }
        for (__u32 tgid : gone) {
            unwatch(pid_t(tgid));
            say(fp::Gone{pid_t(tgid)});
        }
        syncHooks();
        timespec now{};
        ::clock_gettime(CLOCK_MONOTONIC, &now);
        say(fp::SampleEnd{seq,
                          std::uint64_t(now.tv_sec) * 1'000'000'000u + std::uint64_t(now.tv_nsec),
                          m_skel->bss->dropped_counters, m_skel->bss->dropped_events});
    }

    Skeleton m_skel;
    Link m_sysEnter, m_sysExit; // declared after m_skel: destroyed before it
    int m_cpus;
    std::unique_ptr<ring_buffer, RingBufferDeleter> m_events;
};

} // namespace

int main(int argc, char** argv) {
    // Dies with the observer that started it, even if that one is killed.
    const pid_t parent = ::getppid();
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (::getppid() != parent) {
        return 1;
    }
    if (argc > 1 && std::strcmp(argv[1], "--version") == 0) {
        std::printf("ipcscope-probe %s (protocol %d)\n", IPCSCOPE_VERSION, fp::kProtocolVersion);
        return 0;
    }
    if (argc > 1) {
        std::fprintf(stderr,
                     "usage: %s\n"
                     "Started by ipcscope to count the IPC of the processes it observes; it reads "
                     "commands on stdin (see flowprobe/probeprotocol.h).\n",
                     argv[0]);
        return 2;
    }
    std::signal(SIGPIPE, SIG_IGN);
    Probe probe(loadAndAttach());
    return probe.run();
}

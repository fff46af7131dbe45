#include "boundedcall.h"

#include <condition_variable>
#include <fcntl.h>
#include <string_view>
#include <sys/syscall.h>
#include <thread>
#include <unistd.h>
#include <utility>

namespace ipcscope {

void JobProgress::set(std::string step) {
    std::lock_guard lock(m_mutex);
    m_step = std::move(step);
}

std::string JobProgress::get() const {
    std::lock_guard lock(m_mutex);
    return m_step;
}

namespace {

using Clock = std::chrono::steady_clock;

// Past this many stuck workers a scan stops starting new ones: a machine where every /proc
// read hangs must not collect threads without end.
constexpr int kMaxStuckWorkers = 16;
// A runnable worker past its budget is starved, not blocked: it gets up to this many budgets.
constexpr int kMaxStarvedBudgets = 20;

// One job at a time. A worker lives for the process (detached): it may be blocked in a read
// the kernel never ends, so nothing may wait to join it.
struct Worker {
    std::mutex mutex;
    std::condition_variable wake;
    std::function<void()> job;
};

struct Pool {
    std::mutex mutex;
    std::vector<std::shared_ptr<Worker>> idle;
    int stuck = 0;

    static Pool& instance() {
        static Pool* pool = new Pool; // never destroyed: detached workers may outlive main()
        return *pool;
    }

    // false when no worker is idle and too many are stuck to start one more.
    bool start(std::function<void()> job);
};

void workerLoop(std::shared_ptr<Worker> w) {
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock lock(w->mutex);
            w->wake.wait(lock, [&] { return bool(w->job); });
            job = std::exchange(w->job, nullptr);
        }
        job();
        job = nullptr; // release what the job owned
        Pool& pool = Pool::instance();
        std::lock_guard lock(pool.mutex);
        pool.idle.push_back(w);
    }
}

bool Pool::start(std::function<void()> job) {
    std::shared_ptr<Worker> w;
    {
        std::lock_guard lock(mutex);
        if (!idle.empty()) {
            w = std::move(idle.back());
            idle.pop_back();
        } else if (stuck >= kMaxStuckWorkers) {
            return false;
        }
    }
    if (!w) {
        w = std::make_shared<Worker>();
        std::thread(workerLoop, w).detach();
    }
    std::lock_guard lock(w->mutex);
    w->job = std::move(job);
    w->wake.notify_all();
    return true;
}

// One worker's pass through the items from `current` on; the caller watches it.
struct Pass {
    std::mutex mutex;
    std::condition_variable changed;
    std::size_t current = 0;
    Clock::time_point since;
    bool finished = false;
    bool abandoned = false;
    pid_t tid = 0;
    JobProgress progress;
};

char threadState(pid_t tid) {
    const std::string path = "/proc/self/task/" + std::to_string(tid) + "/stat";
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return '?';
    }
    char buf[512];
    const ssize_t n = ::read(fd, buf, sizeof buf - 1);
    ::close(fd);
    if (n <= 0) {
        return '?';
    }
    const std::string_view stat(buf, std::size_t(n));
    const auto close = stat.rfind(')');
    return close != std::string_view::npos && close + 2 < stat.size() ? stat[close + 2] : '?';
}

} // namespace

std::vector<BoundedSkip> forEachBounded(std::size_t count,
                                        std::function<void(std::size_t, JobProgress&)> job,
                                        std::chrono::milliseconds budget) {
    std::vector<BoundedSkip> skipped;
    auto shared = std::make_shared<std::function<void(std::size_t, JobProgress&)>>(std::move(job));
    Pool& pool = Pool::instance();
    std::size_t from = 0;
    while (from < count) {
        auto pass = std::make_shared<Pass>();
        pass->current = from;
        pass->since = Clock::now();
        const bool started = pool.start([pass, shared, from, count] {
            {
                std::lock_guard lock(pass->mutex);
                pass->tid = pid_t(::syscall(SYS_gettid));
            }
            for (std::size_t i = from; i < count; ++i) {
                {
                    std::lock_guard lock(pass->mutex);
                    if (pass->abandoned) {
                        break;
                    }
                    // No wake-up for the watcher: it looks when the item's budget is up.
                    pass->current = i;
                    pass->since = Clock::now();
                }
                pass->progress.set({});
                (*shared)(i, pass->progress);
            }
            bool wasAbandoned = false;
            {
                std::lock_guard lock(pass->mutex);
                pass->finished = true;
                wasAbandoned = pass->abandoned;
                pass->changed.notify_all();
            }
            if (wasAbandoned) {
                Pool& p = Pool::instance();
                std::lock_guard lock(p.mutex);
                --p.stuck;
            }
        });
        if (!started) {
            for (std::size_t i = from; i < count; ++i) {
                skipped.push_back({i, "not read: too many earlier reads are still stuck"});
            }
            break;
        }
        std::unique_lock lock(pass->mutex);
        std::size_t watched = pass->current;
        int budgets = 1;
        for (;;) {
            if (pass->finished) {
                from = count;
                break;
            }
            if (pass->current != watched) {
                watched = pass->current;
                budgets = 1;
            }
            const auto deadline = pass->since + budget * budgets;
            if (pass->changed.wait_until(
                    lock, deadline, [&] { return pass->finished || pass->current != watched; })) {
                continue;
            }
            if (budgets < kMaxStarvedBudgets && (pass->tid == 0 || threadState(pass->tid) == 'R')) {
                ++budgets; // runnable: starved of CPU, not blocked
                continue;
            }
            pass->abandoned = true;
            {
                std::lock_guard poolLock(pool.mutex); // counted before the worker can finish
                ++pool.stuck;
            }
            const std::string step = pass->progress.get();
            skipped.push_back({watched, (step.empty() ? std::string("reading it") : step) +
                                            " took over " + std::to_string(budget.count()) +
                                            " ms"});
            from = watched + 1;
            break;
        }
    }
    return skipped;
}

int stuckBoundedWorkers() {
    Pool& pool = Pool::instance();
    std::lock_guard lock(pool.mutex);
    return pool.stuck;
}

} // namespace ipcscope

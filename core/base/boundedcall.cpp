#include "boundedcall.h"

#include <condition_variable>
#include <fcntl.h>
#include <string>
#include <sys/syscall.h>
#include <thread>
#include <unistd.h>
#include <utility>
#include <vector>

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

// Past this many stuck workers a scan stops starting new ones: a machine where every /proc
// read hangs must not collect threads without end.
constexpr int kMaxStuckWorkers = 16;

// One job at a time; the pool keeps idle workers. A worker lives for the process (detached):
// it may be blocked in a read the kernel never ends, so nothing may wait to join it.
struct Worker {
    std::mutex mutex;
    std::condition_variable wake;
    std::function<void()> job;
    bool done = false;
    bool abandoned = false;
    pid_t tid = 0; // for its state in /proc/self/task
};

struct Pool {
    std::mutex mutex;
    std::vector<std::shared_ptr<Worker>> idle;
    int stuck = 0;

    static Pool& instance() {
        static Pool* pool = new Pool; // never destroyed: detached workers may outlive main()
        return *pool;
    }

    void giveBack(const std::shared_ptr<Worker>& w, bool wasAbandoned) {
        std::lock_guard lock(mutex);
        if (wasAbandoned) {
            --stuck;
        }
        idle.push_back(w);
    }
};

// Past the budget, a worker that is runnable ('R') has not been blocked but starved of CPU by
// a busy machine (65 stress-ng processes on two cores give each of us a slice every ~50 ms):
// its job goes on, up to this many budgets. Only a worker asleep in the kernel is given up.
constexpr int kMaxStarvedBudgets = 20;

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

void workerLoop(std::shared_ptr<Worker> w) {
    {
        std::lock_guard lock(w->mutex);
        w->tid = pid_t(::syscall(SYS_gettid));
        w->wake.notify_all();
    }
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock lock(w->mutex);
            w->wake.wait(lock, [&] { return bool(w->job); });
            job = std::move(w->job);
            w->job = nullptr;
        }
        job();
        job = nullptr; // release what the job owned before saying done
        bool wasAbandoned = false;
        {
            std::lock_guard lock(w->mutex);
            w->done = true;
            wasAbandoned = std::exchange(w->abandoned, false);
            w->wake.notify_all();
        }
        if (wasAbandoned) {
            Pool::instance().giveBack(w, true); // the caller left; we return to the pool
        }
    }
}

} // namespace

BoundedOutcome runBounded(std::function<void()> job, std::chrono::milliseconds budget) {
    Pool& pool = Pool::instance();
    std::shared_ptr<Worker> w;
    {
        std::lock_guard lock(pool.mutex);
        if (!pool.idle.empty()) {
            w = std::move(pool.idle.back());
            pool.idle.pop_back();
        } else if (pool.stuck >= kMaxStuckWorkers) {
            return BoundedOutcome::NoWorker;
        }
    }
    if (!w) {
        w = std::make_shared<Worker>();
        std::thread(workerLoop, w).detach();
    }
    std::unique_lock lock(w->mutex);
    w->done = false;
    w->job = std::move(job);
    w->wake.notify_all();
    w->wake.wait(lock, [&] { return w->tid != 0; });
    bool done = w->wake.wait_for(lock, budget, [&] { return w->done; });
    for (int extra = 1; !done && extra < kMaxStarvedBudgets && threadState(w->tid) == 'R';
         ++extra) {
        done = w->wake.wait_for(lock, budget, [&] { return w->done; });
    }
    if (done) {
        lock.unlock();
        pool.giveBack(w, false);
        return BoundedOutcome::Done;
    }
    w->abandoned = true;
    std::lock_guard poolLock(pool.mutex); // counted before the worker can come back
    ++pool.stuck;
    return BoundedOutcome::TimedOut;
}

int stuckBoundedWorkers() {
    Pool& pool = Pool::instance();
    std::lock_guard lock(pool.mutex);
    return pool.stuck;
}

} // namespace ipcscope

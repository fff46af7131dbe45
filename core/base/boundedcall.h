#pragma once

// Reading /proc of a process can block for as long as that process holds its mmap lock (maps,
// cmdline, environ wait on it), and a path can lead into a hung mount. Such reads cannot be
// interrupted, so a scan of many processes runs each process's reads on a worker thread and
// waits at most a budget for them: past it, the worker is left to finish on its own (it owns
// everything it touches) and the caller goes on without that process. Workers are reused;
// abandoned ones come back when their read finally returns.

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace ipcscope {

// Where a bounded job is: the file it reads now, for the sentence that says why it was skipped.
class JobProgress {
public:
    void set(std::string step);
    std::string get() const;

private:
    mutable std::mutex m_mutex;
    std::string m_step;
};

enum class BoundedOutcome {
    Done,     // the job returned within the budget
    TimedOut, // still running; abandoned to its worker
    NoWorker, // too many workers are stuck in earlier jobs: not started
};

// Runs `job` on a worker thread and waits at most `budget` for it. The job must own what it
// touches (capture by value, shared_ptr): after TimedOut the caller no longer waits for it.
BoundedOutcome runBounded(std::function<void()> job, std::chrono::milliseconds budget);

// How many workers are stuck in jobs that ran past their budget (for tests and warnings).
int stuckBoundedWorkers();

// The value of `fn(progress)` when it returns within `budget`; otherwise nullopt and `why`
// says which step it was in ("/proc/42/maps took over 100 ms").
template <typename T, typename Fn>
std::optional<T> callBounded(Fn fn, std::chrono::milliseconds budget, std::string* why) {
    auto result = std::make_shared<std::optional<T>>();
    auto progress = std::make_shared<JobProgress>();
    const BoundedOutcome outcome = runBounded(
        [result, progress, fn = std::move(fn)]() mutable { *result = fn(*progress); }, budget);
    if (outcome == BoundedOutcome::Done) {
        return std::move(*result);
    }
    if (why) {
        const std::string step = progress->get();
        const std::string ms = std::to_string(budget.count()) + " ms";
        *why = outcome == BoundedOutcome::TimedOut
                   ? (step.empty() ? "reading it" : step) + " took over " + ms
                   : "not read: too many earlier reads are still stuck";
    }
    return std::nullopt;
}

} // namespace ipcscope

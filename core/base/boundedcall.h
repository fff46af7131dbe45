#pragma once

// Reading /proc of a process can block for as long as that process holds its mmap lock (maps,
// cmdline, environ wait on it), and a path can lead into a hung mount. Such reads cannot be
// interrupted, so a scan of many processes runs its reads on a worker thread and watches
// each item: one that takes longer than the budget while its worker sleeps in the kernel is
// left to that worker (which owns everything it touches) and the scan goes on with the next
// item on a fresh worker. A worker that is merely runnable but not running has been starved
// of CPU by a busy machine, not blocked: it is given more time (up to 20 budgets).
// Workers are reused; a left one comes back when its read finally returns.

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

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

struct BoundedSkip {
    std::size_t index = 0;
    std::string why; // "/proc/42/maps took over 100 ms"
};

// Calls job(i, progress) for every i in [0, count), in order, on worker threads, with one
// handover for the whole run (not one per item). Returns the items left out: those that ran
// past `budget` and those not started because too many workers are stuck already. The job
// must own what it touches (capture by value, shared_ptr): a left item's call may still be
// running, and may finish, after this returns.
std::vector<BoundedSkip> forEachBounded(std::size_t count,
                                        std::function<void(std::size_t, JobProgress&)> job,
                                        std::chrono::milliseconds budget);

// How many workers are stuck in items that ran past their budget (for tests and warnings).
int stuckBoundedWorkers();

// The value of `fn(progress)` when it returns within `budget`; otherwise nullopt and `why`
// says which step it was in.
template <typename T, typename Fn>
std::optional<T> callBounded(Fn fn, std::chrono::milliseconds budget, std::string* why) {
    auto result = std::make_shared<std::optional<T>>();
    const auto skipped = forEachBounded(
        1,
        [result, fn = std::move(fn)](std::size_t, JobProgress& progress) mutable {
            *result = fn(progress);
        },
        budget);
    if (skipped.empty()) {
        return std::move(*result);
    }
    if (why) {
        *why = skipped.front().why;
    }
    return std::nullopt;
}

} // namespace ipcscope

#pragma once

// The lab's side of a mechanism: the kernel objects of one run, owned for the run's lifetime
// (the destructor removes them), how each worker reaches them, and the side-effect-free gauge.

#include "base/result.h"
#include "mechanisms/kernellimits.h"
#include "mechanisms/manifest.h"
#include "mechanisms/mechanism.h"

#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ipcscope {

// How one worker reaches the channel: descriptors to inherit, and parameters for its argv.
struct EndpointSpec {
    std::vector<int> fds; // lab-side descriptors; the worker sees them from fd 4 on, in this order
    std::vector<std::pair<std::string, std::string>> values;
};

// What the kernel says about the channel, read without changing what is observed (no extra
// readers, no extra open ends). Empty fields: the mechanism has no such view; the lab then
// derives depth from the workers' counters.
struct ChannelGauge {
    std::optional<std::uint64_t> depth;      // in the capacity unit
    std::optional<std::uint64_t> depthBytes; // payload bytes queued
    std::optional<std::uint32_t> waitingSenders;
    std::optional<std::uint32_t> waitingReceivers;
    std::vector<std::pair<std::string, long long>> values; // e.g. semaphore values by name
    std::optional<std::string> problem; // the object vanished, permission lost, ...

    // Which waits the kernel's state allows at this reading, per object a worker can wait on
    // (the index Channel::objectName takes): a sender waits for room only while there is none,
    // a receiver for data only while there is none, a P() only while the semaphore is 0.
    // A worker says "in mq_send" from before the call until it returns, also while it is woken
    // but has no CPU yet; the lab shows it waiting only where this allows. Absent: cannot tell.
    struct Waits {
        std::optional<bool> sender;
        std::optional<bool> receiver;
        bool operator==(const Waits&) const = default;
    };
    std::vector<Waits> waitsPossible;
    // Semaphores, by value: a P() on one can wait only while it is 0.
    static std::vector<Waits> semaphoreWaits(std::initializer_list<long long> values) {
        std::vector<Waits> waits;
        for (long long v : values) {
            waits.push_back({v <= 0, v <= 0});
        }
        return waits;
    }
};

// Where a run keeps its files and what names its objects get.
struct RunContext {
    std::string runDir; // private directory of this run (FIFOs, manifest)
    pid_t labPid = 0;
    std::uint32_t runId = 0;
    KernelLimits limits;

    // "/ipcscope.<labpid>.<runid>.<role>"
    std::string posixName(std::string_view role) const;
};

class Channel {
public:
    virtual ~Channel() = default;

    virtual EndpointSpec endpoint(Role role, std::uint32_t index) const = 0;
    // Called once every worker has been started: the lab must drop its copies of pipe and
    // socket ends, or EOF never comes (DESIGN.md §3).
    virtual void releaseWorkerEnds() {}
    virtual ChannelGauge gauge() const = 0;
    // The effective capacity, in the mechanism's unit, as the kernel reports it.
    virtual std::uint64_t capacity() const = 0;
    // Channel capacity in messages, to bound the in-flight window of the integrity check.
    virtual std::uint64_t capacityInMessages() const = 0;
    virtual std::vector<ManifestObject> objects() const = 0;
    // Name of the object a blocked worker waits on ("empty", "full", "mutex"); "" when the
    // channel has a single object.
    virtual std::string objectName(std::uint8_t) const { return {}; }
    // The classroom's "remove while attached": marks a System V segment for removal while the
    // workers still use it. Returns how many processes were attached when the kernel confirmed
    // the destroy-pending state.
    virtual Result<std::uint32_t> removeWhileAttached() {
        return Error{"only a System V shared memory segment can be removed while attached"};
    }
};

Result<std::unique_ptr<Channel>> createChannel(const RunConfig& config, const RunContext& context);

} // namespace ipcscope

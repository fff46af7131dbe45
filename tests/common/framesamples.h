#pragma once

// Frames and runs made by hand, for the suites that write, read or draw them (no process runs).

#include "lab/frame.h"
#include "mechanisms/mechanism.h"

namespace testsupport {

using namespace ipcscope;

// A Lab worker's process in `state`, in `call` where it waits; its counters at zero.
inline ProcessFrame workerProcess(WorkerId worker, pid_t pid, WorkerState state,
                                  CallKind call = CallKind::None) {
    ProcessFrame p;
    p.worker = worker;
    p.pid = pid;
    p.state = state;
    p.call = call;
    return p;
}

// A frame with every field set to something other than its default, and a graph beyond a Lab
// run's: two channels (one of unknown capacity, an observed kind), a process the lab did not
// start, a process on two channels.
inline Frame richFrame() {
    Frame f;
    f.elapsedNs = 1'234'567'890;
    f.phase = RunPhase::Draining;
    f.paused = true;
    f.eventsDropped = 3;
    f.control = {true, 250'000'000, 7}; // a Classroom run in step mode, paced
    f.totals = {10, 9, 640, 576, 1, 2, 3, 4};
    ChannelFrame queue;
    queue.kind = Mechanism::SysvMsg;
    queue.identity = "msqid 7";
    queue.capacity = 65536;
    queue.unit = "bytes";
    queue.depth = 4096;
    queue.depthFromKernel = true;
    queue.waitingSenders = 2;
    queue.waitingReceivers = 0;
    queue.values = {{"msg_qnum", 7}, {"negative", -5}};
    queue.problem = "probe said \"no\"\nsecond line";
    ChannelFrame other;
    other.kind = IpcKind::PosixMq;
    other.identity = "/elsewhere";
    other.unit = "messages";
    other.depth = 3;
    f.channels = {queue, other};
    ProcessFrame producer = workerProcess({Role::Producer, 0}, 4000, WorkerState::Running);
    producer.messages = 10;
    producer.bytes = 640;
    ProcessFrame w =
        workerProcess({Role::Consumer, 1}, 4242, WorkerState::Blocked, CallKind::Msgrcv);
    w.waitChannel = 1;
    w.object = 5;
    w.objectName = "queue 5";
    w.stateForNs = 77;
    w.stopped = true;
    w.messages = (std::uint64_t(1) << 40) + 1; // beyond a 32-bit int, exact in a double
    w.bytes = 9'007'199'254'740'993ULL;        // 2^53 + 1: only exact as a 64-bit integer
    w.errors = 1;
    w.blocks = 2;
    w.blockedNs[std::size_t(CallKind::Msgrcv)] = 123;
    w.blockedNs[std::size_t(CallKind::Throttle)] = 456;
    w.blockedNowNs = 789;
    w.corrupted = 1;
    w.duplicated = 2;
    w.reordered = 3;
    w.late = 4;
    w.unchecked = 5;
    w.exit = WorkerExitInfo{true, 0, 9, true, 5555};
    ProcessFrame stranger;
    stranger.pid = 777;
    stranger.command = "cat /tmp/in";
    stranger.state = WorkerState::Blocked;
    stranger.call = CallKind::Read;
    stranger.waitChannel = 0;
    stranger.stateForNs = 2'000'000'000;
    stranger.stateForAtLeast = true;
    f.processes = {producer, w, stranger};
    f.endpoints = {
        // Exact rates are measured again over the frames (none from a single frame); estimated
        // ones are kept as they are, to the last bit.
        {0, 0, EndpointDirection::Send, 10, 640, 0, 0, false},
        {1, 0, EndpointDirection::Receive, 6, 384, 0, 0, false},
        {1, 1, EndpointDirection::Receive, 3, 192, 1234.5678901234567, 160, true},
        {2, 0, EndpointDirection::Both, 0, 0, 1.0 / 3.0, 1e-300, true},
    };
    f.newEvents = {{100, 1, EventKind::LongBlock, CallKind::Msgrcv, 50'000'000, "blocked 50 ms"},
                   {200, -1, EventKind::None, CallKind::None, 0, "lab: stop"}};
    return f;
}

// The run richFrame() belongs to: 2 producers, 3 consumers.
inline RunConfig richConfig() {
    RunConfig c;
    c.mechanism = Mechanism::SysvMsg;
    c.producers = 2;
    c.consumers = 3;
    c.messageSize = 128;
    c.producerRate = 1.5;
    c.capacity = 4096;
    c.messages = 1000;
    c.messageTypes = 4;
    c.receiveTypes = {1, -2};
    return c;
}

} // namespace testsupport

#include "waitgraph.h"

// The rules (DESIGN.md §7). A process is stuck when every thread of it waits in a call that
// needs another process (a sleep or wait4 ends on its own). A wait points at the processes
// that could release it: the holders of the other end of a pipe, FIFO or socket (the waiter
// itself only when it is the only one, or has another thread), a queue's senders or
// receivers, a semaphore's or mapping's other users; lspid/lrpid/sempid count only for
// processes we observe. accept, connect and a FIFO's open may be released by anyone: never
// part of a deadlock. A strongly connected component of stuck processes (a cycle, or one
// process waiting on itself) is a deadlock when no releaser of any member's wait is outside
// it, unless that one is in a deadlock itself or waits too (then the cycle is stuck unless it
// moves: possible); a releaser outside that runs, or one we do not see, may release it.
// Certain when every member's wait has exactly one releaser, seen holding or using the object.

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ipcscope {

namespace {

// ---------------------------------------------------------------------------------------------
// What a call waits for

enum class CallClass {
    Receive,  // read, recv*, msgrcv, mq_timedreceive: released by the other end's holders
    Send,     // write, send*, msgsnd, mq_timedsend on a full channel: released by readers
    Sem,      // semop, futex on a shared mapping: released by the other users
    Poll,     // poll/select/epoll: released by whoever makes one of its objects ready
    Anyone,   // accept, connect, a FIFO's open: any process may release it, none is known
    Sleep,    // nanosleep, wait4, ...: ends on its own, not an IPC wait
    Internal, // a private futex: only a thread of the same process can release it
    Opaque,   // a call or an object we cannot name: someone we do not see may release it
};

bool oneOf(std::string_view call, std::initializer_list<std::string_view> names) {
    return std::find(names.begin(), names.end(), call) != names.end();
}

CallClass classify(const ObservedThread& t) {
    const std::string_view call = t.call;
    if (oneOf(call, {"nanosleep", "clock_nanosleep", "wait4", "waitid"})) {
        return CallClass::Sleep;
    }
    if (!t.object) {
        return call == "futex" ? CallClass::Internal : CallClass::Opaque;
    }
    if (const auto direction = dataDirectionOfCall(call)) {
        return *direction == EndpointDirection::Send ? CallClass::Send : CallClass::Receive;
    }
    if (oneOf(call, {"semop", "semtimedop", "futex"})) {
        return CallClass::Sem;
    }
    if (oneOf(call, {"poll", "ppoll", "select", "pselect6", "epoll_wait", "epoll_pwait",
                     "epoll_pwait2"})) {
        return CallClass::Poll;
    }
    if (oneOf(call, {"accept", "accept4", "connect", "open", "openat", "openat2"})) {
        return CallClass::Anyone;
    }
    return CallClass::Opaque;
}

// Objects held through a descriptor: every holder is in some process's fd table, the waiter's
// own included. Objects named by id or name may be used by anyone who knows the name.
bool heldByDescriptor(IpcKind kind) {
    return kind == IpcKind::Pipe || kind == IpcKind::Fifo || isUnixSocket(kind);
}

// The word for who releases a wait on `kind` in `callClass`, singular and plural.
struct Role {
    std::string one;
    std::string many;
};

Role roleFor(IpcKind kind, CallClass callClass) {
    if (isUnixSocket(kind)) {
        return {"peer", "peers"};
    }
    switch (callClass) {
    case CallClass::Send:
        return kind == IpcKind::Pipe || kind == IpcKind::Fifo ? Role{"reader", "readers"}
                                                              : Role{"receiver", "receivers"};
    case CallClass::Sem:
        switch (kind) {
        case IpcKind::SysvSem:
            return {"other user of the semaphore set", "other users of the semaphore set"};
        case IpcKind::PosixSem:
            return {"other user of the semaphore", "other users of the semaphore"};
        default:
            return {"other user of the shared memory", "other users of the shared memory"};
        }
    default:
        return kind == IpcKind::Pipe || kind == IpcKind::Fifo ? Role{"writer", "writers"}
                                                              : Role{"sender", "senders"};
    }
}

// ---------------------------------------------------------------------------------------------
// The waits and who can release them

struct Releaser {
    std::size_t process = 0; // index in Observation::processes
    bool inferred = false;   // known only from lspid/lrpid/sempid
};

struct Wait {
    std::size_t process = 0;
    const ObservedThread* thread = nullptr;
    CallClass callClass = CallClass::Opaque;
    std::vector<Releaser> releasers;
    // False when who could release it is not known (anyone may, or the object is not in the
    // observation): such a wait keeps its process out of any deadlock.
    bool releasersKnown = false;
    bool guessed = false; // a poll on an end that says not which way: we assume for input
    // Which object's releasing end each releaser holds (a poll waits on any of several).
    std::vector<std::pair<ObjectRef, std::size_t>> releasedThrough;
    // Holders of the releasing end that are not observed processes: they may release it.
    bool releaserOutside = false;
    Role role;
};

class WaitGraph {
public:
    explicit WaitGraph(Observation& observation)
        : m_obs(observation) {
        for (std::size_t i = 0; i < m_obs.processes.size(); ++i) {
            m_processByPid.emplace(m_obs.processes[i].pid, i);
        }
        for (std::size_t i = 0; i < m_obs.channels.size(); ++i) {
            m_channelByObject.emplace(m_obs.channels[i].object, i);
        }
        collectWaits();
    }

    void analyse();

private:
    const ObservedChannel* channelOf(const ObjectRef& object) const {
        const auto it = m_channelByObject.find(object);
        return it == m_channelByObject.end() ? nullptr : &m_obs.channels[it->second];
    }
    const ObservedChannel* peerOf(const ObservedChannel& channel) const;
    std::optional<std::size_t> observed(pid_t pid) const {
        const auto it = m_processByPid.find(pid);
        return it == m_processByPid.end() ? std::nullopt : std::optional(it->second);
    }
    const ObservedProcess& process(std::size_t i) const { return m_obs.processes[i]; }

    void collectWaits();
    void addReleasers(Wait& wait, const ObjectRef& object) const;
    std::optional<bool> pollReceives(const Wait& wait, const ObjectRef& object) const;
    // Every thread waits in a call that needs another process (not a sleep): it cannot move.
    bool stuck(std::size_t process) const;
    // Every thread waits, in any call (a sleep too): it does nothing until woken.
    bool waitsNow(std::size_t process) const;
    std::vector<std::vector<std::size_t>> components() const;
    void judge(const std::vector<std::size_t>& component);
    std::vector<std::size_t> cycleOrder(const std::vector<std::size_t>& component) const;
    const Wait* waitToward(std::size_t from, std::size_t to) const;
    void noteLoneWaits();
    void note(const Wait& wait, std::string text) {
        m_obs.notes.push_back({process(wait.process).pid, wait.thread->tid, std::move(text)});
    }

    // Text, all in one place.
    std::string name(std::size_t process) const;  // "pid 4711 (reader)"
    std::string waitText(const Wait& wait) const; // "pid 4711 (reader) waits in read on ..."
    std::string callText(const ObservedThread& thread) const; // "read on pipe:[88123]"
    std::string releaserList(const Wait& wait, bool withNames, std::size_t self) const;
    std::string cycleText(const std::vector<std::size_t>& order,
                          const std::vector<const Wait*>& waits,
                          const std::vector<std::size_t>& outsiders, bool certain) const;
    std::string msgTypeNote(const Wait& wait, const ObservedChannel& channel) const;

    Observation& m_obs;
    std::map<pid_t, std::size_t> m_processByPid;
    std::map<ObjectRef, std::size_t> m_channelByObject;
    std::vector<Wait> m_waits;
    std::vector<std::vector<std::size_t>> m_waitsOf; // by process: indices in m_waits
    std::vector<std::set<std::size_t>> m_edges;      // by process: processes that can release it
    std::vector<bool> m_deadlocked;                  // by process
};

const ObservedChannel* WaitGraph::peerOf(const ObservedChannel& channel) const {
    if (!channel.peerInode || *channel.peerInode == 0) {
        return nullptr;
    }
    for (const ObservedChannel& c : m_obs.channels) {
        if (c.object.kind == channel.object.kind && c.object.inode == channel.peerInode) {
            return &c;
        }
    }
    return nullptr;
}

bool WaitGraph::stuck(std::size_t i) const {
    const auto& threads = process(i).threads;
    return !threads.empty() && std::all_of(threads.begin(), threads.end(), [](const auto& t) {
        return t.waiting() && classify(t) != CallClass::Sleep;
    });
}

bool WaitGraph::waitsNow(std::size_t i) const {
    const auto& threads = process(i).threads;
    return !threads.empty() &&
           std::all_of(threads.begin(), threads.end(), [](const auto& t) { return t.waiting(); });
}

// What a poll waits for on `object`, from the end its process holds: a pipe's or FIFO's read end
// is polled for input, its write end for room; a socket is released by its peer either way.
// nullopt when the end says not (held both ways, or not seen).
std::optional<bool> WaitGraph::pollReceives(const Wait& wait, const ObjectRef& object) const {
    if (isUnixSocket(object.kind)) {
        return true;
    }
    std::optional<EndpointDirection> own;
    for (const FdUse& f : process(wait.process).fds) {
        if (f.object == object) {
            if (own && *own != f.direction) {
                return std::nullopt;
            }
            own = f.direction;
        }
    }
    if (!own || *own == EndpointDirection::Both) {
        return std::nullopt;
    }
    return *own == EndpointDirection::Receive;
}

void WaitGraph::addReleasers(Wait& wait, const ObjectRef& object) const {
    const ObservedChannel* channel = channelOf(object);
    if (!channel || wait.callClass == CallClass::Anyone) {
        wait.releasersKnown = false;
        return;
    }
    bool receives = wait.callClass == CallClass::Receive;
    if (wait.callClass == CallClass::Poll) {
        const auto polled = pollReceives(wait, object);
        receives = polled.value_or(true);
        wait.guessed = wait.guessed || !polled;
    }
    // Who is at the releasing end: for a socket the holders of its peer, otherwise the holders
    // of the other direction (or, for a semaphore or a mapping, of any).
    const ObservedChannel* holders = channel;
    std::optional<pid_t> lastReleaser;
    bool anyDirection = wait.callClass == CallClass::Sem;
    if (isUnixSocket(object.kind)) {
        holders = peerOf(*channel);
        anyDirection = true;
        if (!holders) {
            if (!channel->peerInode && object.kind == IpcKind::UnixDgram) {
                wait.releasersKnown = false; // unconnected datagram: anyone may send to it
            }
            return; // no peer we can see: nobody known
        }
    } else if (wait.callClass == CallClass::Sem) {
        lastReleaser = channel->lastSender; // sempid: the last to operate on the set
    } else {
        lastReleaser = receives ? channel->lastSender : channel->lastReceiver;
    }
    auto add = [&](pid_t pid, bool inferred) {
        const auto index = observed(pid);
        if (!index) {
            wait.releaserOutside = true;
            return;
        }
        wait.releasedThrough.emplace_back(object, *index);
        for (Releaser& r : wait.releasers) {
            if (r.process == *index) {
                r.inferred = r.inferred && inferred;
                return;
            }
        }
        wait.releasers.push_back({*index, inferred});
    };
    for (const ChannelEnd& end : holders->ends) {
        const bool releases =
            anyDirection || end.direction == EndpointDirection::Both ||
            end.direction == (receives ? EndpointDirection::Send : EndpointDirection::Receive);
        if (releases) {
            add(end.pid, false);
        }
    }
    // lspid/lrpid/sempid may name a process long gone or a reused pid: counted only when it
    // is one we observe.
    if (lastReleaser && observed(*lastReleaser)) {
        add(*lastReleaser, true);
    }
}

void WaitGraph::collectWaits() {
    m_waitsOf.assign(m_obs.processes.size(), {});
    m_edges.assign(m_obs.processes.size(), {});
    for (std::size_t p = 0; p < m_obs.processes.size(); ++p) {
        const ObservedProcess& proc = m_obs.processes[p];
        for (const ObservedThread& t : proc.threads) {
            if (!t.waiting()) {
                continue;
            }
            Wait w;
            w.process = p;
            w.thread = &t;
            w.callClass = classify(t);
            if (w.callClass == CallClass::Sleep) {
                continue;
            }
            if (t.object) {
                const bool pollsForRoom =
                    w.callClass == CallClass::Poll && pollReceives(w, *t.object) == false;
                w.role = roleFor(t.object->kind, pollsForRoom ? CallClass::Send : w.callClass);
                w.releasersKnown = true;
                std::vector<ObjectRef> objects{*t.object};
                objects.insert(objects.end(), t.also.begin(), t.also.end());
                for (const ObjectRef& object : objects) {
                    // A poll ends when any of its objects is ready: one with no releaser in
                    // sight may be released by someone we do not see.
                    const std::size_t before = w.releasedThrough.size();
                    const bool outsideBefore = w.releaserOutside;
                    w.releaserOutside = false;
                    addReleasers(w, object);
                    if (w.releasedThrough.size() == before && !w.releaserOutside) {
                        w.releasersKnown = false;
                    }
                    w.releaserOutside = w.releaserOutside || outsideBefore;
                }
                // The waiter itself: a single thread that waits cannot release its own wait,
                // unless it is the only holder of the other end (it waits for itself). An
                // object named by id or name it alone uses may be used by others we do not see.
                const bool single = proc.threads.size() == 1;
                const auto self = std::find_if(w.releasers.begin(), w.releasers.end(),
                                               [p](const Releaser& r) { return r.process == p; });
                if (single && self != w.releasers.end() &&
                    (w.releasers.size() > 1 || !heldByDescriptor(t.object->kind))) {
                    w.releasers.erase(self);
                }
                if (w.releasers.empty()) {
                    w.releasersKnown = false;
                }
            }
            if (w.releasersKnown) {
                for (const Releaser& r : w.releasers) {
                    m_edges[p].insert(r.process);
                }
            }
            m_waitsOf[p].push_back(m_waits.size());
            m_waits.push_back(std::move(w));
        }
    }
}

// Tarjan's strongly connected components, iteratively; emitted sinks first, so a component's
// edges lead only inside it or into components already judged.
std::vector<std::vector<std::size_t>> WaitGraph::components() const {
    const std::size_t n = m_obs.processes.size();
    constexpr std::size_t kUnvisited = std::size_t(-1);
    std::vector<std::size_t> index(n, kUnvisited), low(n, 0);
    std::vector<bool> onStack(n, false);
    std::vector<std::size_t> stack;
    std::vector<std::vector<std::size_t>> out;
    std::size_t next = 0;
    struct Visit {
        std::size_t node;
        std::set<std::size_t>::const_iterator edge;
    };
    for (std::size_t root = 0; root < n; ++root) {
        if (index[root] != kUnvisited) {
            continue;
        }
        std::vector<Visit> calls{{root, m_edges[root].begin()}};
        index[root] = low[root] = next++;
        stack.push_back(root);
        onStack[root] = true;
        while (!calls.empty()) {
            Visit& v = calls.back();
            if (v.edge != m_edges[v.node].end()) {
                const std::size_t w = *v.edge++;
                if (index[w] == kUnvisited) {
                    index[w] = low[w] = next++;
                    stack.push_back(w);
                    onStack[w] = true;
                    calls.push_back({w, m_edges[w].begin()});
                } else if (onStack[w]) {
                    low[v.node] = std::min(low[v.node], index[w]);
                }
                continue;
            }
            const std::size_t node = v.node;
            calls.pop_back();
            if (!calls.empty()) {
                low[calls.back().node] = std::min(low[calls.back().node], low[node]);
            }
            if (low[node] == index[node]) {
                std::vector<std::size_t> component;
                std::size_t w;
                do {
                    w = stack.back();
                    stack.pop_back();
                    onStack[w] = false;
                    component.push_back(w);
                } while (w != node);
                out.push_back(std::move(component));
            }
        }
    }
    return out;
}

// The object of `wait` whose releasing end `to` holds: a poll's may be any of its objects.
ObjectRef objectToward(const Wait& wait, std::size_t to) {
    for (const auto& [object, releaser] : wait.releasedThrough) {
        if (releaser == to) {
            return object;
        }
    }
    return wait.thread->object.value_or(ObjectRef{});
}

const Wait* WaitGraph::waitToward(std::size_t from, std::size_t to) const {
    for (std::size_t i : m_waitsOf[from]) {
        const Wait& w = m_waits[i];
        if (w.releasersKnown && std::any_of(w.releasers.begin(), w.releasers.end(),
                                            [to](const Releaser& r) { return r.process == to; })) {
            return &w;
        }
    }
    return nullptr;
}

// The members in cycle order from the lowest pid: a cycle through all of them when there is one
// (found by a bounded search: components are small), otherwise the order a depth-first walk
// meets them in.
std::vector<std::size_t> WaitGraph::cycleOrder(const std::vector<std::size_t>& component) const {
    const std::set<std::size_t> members(component.begin(), component.end());
    auto byPid = [this](std::size_t a, std::size_t b) { return process(a).pid < process(b).pid; };
    const std::size_t start = *std::min_element(component.begin(), component.end(), byPid);
    auto successors = [&](std::size_t node) {
        std::vector<std::size_t> out;
        for (std::size_t s : m_edges[node]) {
            if (members.count(s)) {
                out.push_back(s);
            }
        }
        std::sort(out.begin(), out.end(), byPid);
        return out;
    };
    // Backtracking, iteratively: each frame is a node on the path and its next successor.
    struct Step {
        std::size_t node;
        std::vector<std::size_t> next;
        std::size_t tried = 0;
    };
    std::vector<Step> path{{start, successors(start)}};
    std::vector<bool> onPath(m_obs.processes.size(), false);
    onPath[start] = true;
    for (std::size_t budget = 100000; !path.empty() && budget > 0; --budget) {
        Step& top = path.back();
        if (path.size() == component.size() && m_edges[top.node].count(start)) {
            std::vector<std::size_t> order;
            for (const Step& s : path) {
                order.push_back(s.node);
            }
            return order;
        }
        if (path.size() == component.size() || top.tried == top.next.size()) {
            onPath[top.node] = false;
            path.pop_back();
            continue;
        }
        const std::size_t s = top.next[top.tried++];
        if (!onPath[s]) {
            onPath[s] = true;
            path.push_back({s, successors(s)});
        }
    }
    // No cycle through all of them (or not found in time): the depth-first order.
    std::vector<std::size_t> order;
    std::vector<bool> seen(m_obs.processes.size(), false);
    std::vector<std::size_t> todo{start};
    while (!todo.empty()) {
        const std::size_t node = todo.back();
        todo.pop_back();
        if (seen[node]) {
            continue;
        }
        seen[node] = true;
        order.push_back(node);
        const auto next = successors(node);
        todo.insert(todo.end(), next.rbegin(), next.rend());
    }
    return order;
}

void WaitGraph::judge(const std::vector<std::size_t>& component) {
    const std::set<std::size_t> members(component.begin(), component.end());
    const bool cyclic = component.size() > 1 || m_edges[component.front()].count(component.front());
    if (!cyclic) {
        return;
    }
    bool certain = true;
    std::vector<std::size_t> outsiders; // releasers outside the cycle that wait themselves
    for (std::size_t p : component) {
        if (!stuck(p)) {
            return;
        }
        for (std::size_t wi : m_waitsOf[p]) {
            const Wait& w = m_waits[wi];
            if (w.callClass == CallClass::Internal) {
                continue; // only a thread of p can release it, and every one of them waits
            }
            if (!w.releasersKnown || w.releaserOutside) {
                return; // someone we cannot see could release it
            }
            for (const Releaser& r : w.releasers) {
                if (members.count(r.process) || m_deadlocked[r.process]) {
                    continue;
                }
                if (!waitsNow(r.process)) {
                    return; // a releaser outside the cycle that runs: it may well release it
                }
                // One that waits too (sleeps, or waits on something else): it may release
                // the cycle once it moves, or never.
                certain = false;
                if (std::find(outsiders.begin(), outsiders.end(), r.process) == outsiders.end()) {
                    outsiders.push_back(r.process);
                }
            }
            if (w.releasers.size() != 1 || w.guessed || w.releasers.front().inferred) {
                certain = false;
            }
        }
    }
    for (std::size_t p : component) {
        m_deadlocked[p] = true;
    }
    const std::vector<std::size_t> order = cycleOrder(component);
    std::vector<const Wait*> waits;
    Deadlock d;
    d.certain = certain;
    for (std::size_t i = 0; i < order.size(); ++i) {
        std::size_t next = order[(i + 1) % order.size()];
        const Wait* w = waitToward(order[i], next);
        if (!w) { // the walk left the cycle here: the wait that keeps it inside
            for (std::size_t s : m_edges[order[i]]) {
                if (members.count(s) && (w = waitToward(order[i], s))) {
                    next = s;
                    break;
                }
            }
        }
        waits.push_back(w);
        d.pids.push_back(process(order[i]).pid);
        d.objects.push_back(w ? objectToward(*w, next) : ObjectRef{});
    }
    d.text = cycleText(order, waits, outsiders, certain);
    m_obs.deadlocks.push_back(std::move(d));
}

void WaitGraph::analyse() {
    m_deadlocked.assign(m_obs.processes.size(), false);
    for (const auto& component : components()) {
        judge(component);
    }
    noteLoneWaits();
}

// ---------------------------------------------------------------------------------------------
// Words

// "a", "a and b", "a, b and c"
std::string joinedList(const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        out += i == 0 ? "" : i + 1 == items.size() ? " and " : ", ";
        out += items[i];
    }
    return out;
}

std::string WaitGraph::name(std::size_t p) const {
    return "pid " + std::to_string(process(p).pid) + " (" + process(p).comm + ")";
}

std::string WaitGraph::callText(const ObservedThread& t) const {
    std::string text =
        t.call.empty() ? "syscall " + std::to_string(t.syscall.value_or(-1)) : t.call;
    if (t.msgType) {
        const long type = *t.msgType;
        const bool except = t.call == "msgrcv" && (t.args[4] & 020000) != 0; // MSG_EXCEPT
        text += except      ? " for any type but " + std::to_string(type)
                : type < 0  ? " for a type up to " + std::to_string(-type)
                : type == 0 ? std::string(" for any type")
                            : " for type " + std::to_string(type);
    }
    if (t.object) {
        text += " on " + t.object->text();
        for (const ObjectRef& o : t.also) {
            text += " or " + o.text(); // a poll: it waits until any of them is ready
        }
    }
    if (classify(t) == CallClass::Sem && t.object && t.object->kind == IpcKind::SysvSem &&
        !t.detail.empty()) {
        text += " (" + t.detail + ")";
    }
    return text;
}

std::string WaitGraph::waitText(const Wait& wait) const {
    return name(wait.process) + " waits in " + callText(*wait.thread);
}

// "pid 4712 (writer) and pid 4713 (spare)"; `self` (the waiter) is "itself".
std::string WaitGraph::releaserList(const Wait& wait, bool withNames, std::size_t self) const {
    std::vector<std::string> names;
    for (const Releaser& r : wait.releasers) {
        names.push_back(r.process == self ? "itself"
                        : withNames       ? name(r.process)
                                          : "pid " + std::to_string(process(r.process).pid));
    }
    return joinedList(names);
}

// "pid 4711 (reader) waits in read on pipe:[88123]; its only writer, pid 4712 (writer), waits in
// read on pipe:[88124], whose only writer is pid 4711: deadlock"
std::string WaitGraph::cycleText(const std::vector<std::size_t>& order,
                                 const std::vector<const Wait*>& waits,
                                 const std::vector<std::size_t>& outsiders, bool certain) const {
    auto describe = [&](std::size_t i) {
        return waits[i] ? " waits in " + callText(*waits[i]->thread) : std::string(" waits");
    };
    auto releases = [&](const Wait* w, std::size_t p) {
        return w && std::any_of(w->releasers.begin(), w->releasers.end(),
                                [p](const Releaser& r) { return r.process == p; });
    };
    // ", whose only writer is pid 4711": who releases a wait the text goes on from elsewhere.
    auto whose = [&](const Wait* w) -> std::string {
        if (!w) {
            return {};
        }
        const std::string list = releaserList(*w, false, w->process);
        return w->releasers.size() == 1 ? ", whose only " + w->role.one + " is " + list
                                        : ", whose " + w->role.many + " are " + list;
    };
    std::string text = name(order[0]) + describe(0);
    for (std::size_t i = 1; i < order.size(); ++i) {
        const Wait* prev = waits[i - 1];
        if (!releases(prev, order[i])) {
            text += whose(prev) + "; " + name(order[i]) + describe(i);
        } else if (prev->releasers.size() == 1) {
            text += "; its only " + prev->role.one + ", " + name(order[i]) + "," + describe(i);
        } else {
            text += "; its " + prev->role.many + " are " +
                    releaserList(*prev, true, prev->process) + "; pid " +
                    std::to_string(process(order[i]).pid) + describe(i);
        }
    }
    const Wait* last = waits.back();
    if (last && order.size() == 1) {
        text += last->releasers.size() == 1 ? "; its only " + last->role.one + " is itself"
                                            : "; its " + last->role.many + " are " +
                                                  releaserList(*last, true, last->process);
    } else {
        text += whose(last);
    }
    for (std::size_t p : outsiders) {
        const auto& threads = process(p).threads;
        text += "; " + name(p) + " is not in the cycle and " +
                (threads.size() == 1 ? "waits in " + callText(threads.front())
                                     : std::string("all its threads wait"));
    }
    return text + (certain ? ": deadlock" : ": possible deadlock");
}

// "pid 27 (reader) waits in msgrcv for type 3 on sysv-msg 5; the queue holds 3 messages of type
// 1 and none of type 3", when the queue holds messages but none the call takes.
std::string WaitGraph::msgTypeNote(const Wait& wait, const ObservedChannel& channel) const {
    const ObservedThread& t = *wait.thread;
    if (!t.msgType || channel.messages.value_or(1) == 0) {
        return {};
    }
    if (channel.peekProblem) {
        return waitText(wait) +
               "; what the queue holds by type is not known: " + *channel.peekProblem;
    }
    if (channel.messagesByType.empty()) {
        return {};
    }
    const long want = *t.msgType;
    const bool except = (t.args[4] & 020000) != 0;
    auto takes = [&](long type) {
        return except ? type != want : want == 0 || (want > 0 ? type == want : type <= -want);
    };
    std::vector<std::string> held;
    for (const auto& [type, count] : channel.messagesByType) {
        if (takes(type)) {
            return {}; // a message it takes is there: it is about to be woken
        }
        held.push_back(std::to_string(count) + (count == 1 ? " message" : " messages") +
                       " of type " + std::to_string(type));
    }
    held.push_back(except     ? "none of another type"
                   : want < 0 ? "none of a type up to " + std::to_string(-want)
                              : "none of type " + std::to_string(want));
    return waitText(wait) + "; the queue holds " + joinedList(held);
}

void WaitGraph::noteLoneWaits() {
    for (const Wait& w : m_waits) {
        const ObservedThread& t = *w.thread;
        if (!t.object || m_deadlocked[w.process]) {
            continue;
        }
        const ObjectRef& object = *t.object;
        const ObservedChannel* channel = channelOf(object);
        if (channel && object.kind == IpcKind::SysvMsg && t.call == "msgrcv") {
            if (std::string text = msgTypeNote(w, *channel); !text.empty()) {
                note(w, std::move(text));
            }
        }
        if (!channel || w.callClass == CallClass::Anyone || w.callClass == CallClass::Poll) {
            continue;
        }
        const pid_t pid = process(w.process).pid;
        if (isUnixSocket(object.kind)) {
            const ObservedChannel* peer = peerOf(*channel);
            if (channel->socketState == "listening" ||
                (!channel->peerInode && object.kind == IpcKind::UnixDgram)) {
                continue;
            }
            if (!channel->peerInode || *channel->peerInode == 0) {
                note(w, waitText(w) + ": its peer is gone: only a process that ipcscope does "
                                      "not see can release it");
            } else if (!peer || peer->ends.empty()) {
                note(w, waitText(w) + ": no process ipcscope sees holds its peer, " +
                            std::string(ipcKindName(object.kind)) + ":[" +
                            std::to_string(*channel->peerInode) +
                            "]: only a process it does not see can release it");
            }
            continue;
        }
        if (!w.releasers.empty() || w.releaserOutside) {
            // Every releaser is itself stuck in a deadlock: this wait will not end either.
            const bool allDeadlocked =
                std::all_of(w.releasers.begin(), w.releasers.end(),
                            [&](const Releaser& r) { return m_deadlocked[r.process]; });
            if (!w.releaserOutside && allDeadlocked) {
                note(w, waitText(w) + "; " +
                            (w.releasers.size() == 1 ? "its only " + w.role.one + ", "
                                                     : "its " + w.role.many + ", ") +
                            releaserList(w, true, w.process) +
                            (w.releasers.size() == 1 ? ", is" : ", are") +
                            " in a deadlock: this wait will not end either");
            }
            continue;
        }
        if (heldByDescriptor(object.kind)) {
            const std::string end = w.callClass == CallClass::Send ? "read end" : "write end";
            note(w, waitText(w) + ": no process ipcscope sees holds the " + end +
                        ": only a process it does not see can release it");
            continue;
        }
        const bool othersUseIt = std::any_of(channel->ends.begin(), channel->ends.end(),
                                             [pid](const ChannelEnd& e) { return e.pid != pid; });
        const std::string what = object.text();
        if (!othersUseIt) {
            note(w, waitText(w) + ": no other process is known to use " + what +
                        ": only a process that ipcscope does not see can release it");
        } else {
            note(w, waitText(w) + ": no process is known to " +
                        (w.callClass == CallClass::Send ? "receive from " : "send to ") + what +
                        ": only a process that ipcscope does not see can release it");
        }
    }
}

} // namespace

void analyseWaits(Observation& observation) {
    observation.deadlocks.clear();
    observation.notes.clear();
    WaitGraph(observation).analyse();
}

} // namespace ipcscope

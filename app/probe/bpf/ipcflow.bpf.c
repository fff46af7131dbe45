// SPDX-License-Identifier: GPL-2.0
/* The in-kernel half of ipcscope-probe: exact bytes, messages and waits of the watched processes'
 * IPC calls, from the syscall and scheduler tracepoints (DESIGN.md §7: BTF raw tracepoints load
 * here, fentry and kprobes do not, and syscalls are the stable interface across kernels).
 * Unwatched processes pay one load and a compare per system call in this program; attaching
 * sys_enter/sys_exit at all puts every task on the kernel's syscall slow path, a cost no program
 * can avoid, so ipcscope-probe attaches them only while a process is watched (bench/probe
 * measures the cost watched, unwatched, with nothing watched, and of an empty program). */
#include "vmlinux.h"
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#include "ipcflow.h"

char LICENSE[] SEC("license") = "GPL";

/* Written by user space through the skeleton's memory-mapped .bss. */
__u32 watched_slots[IPCFLOW_SLOT_COUNT];
__u64 min_wait_ns = 20000;         /* a call this long counts as a wait (as in the lab's workers) */
__u64 event_threshold_ns = 1000000; /* waits this long are also sent as events */
__u64 dropped_counters;            /* updates lost because the counter map was full */
__u64 dropped_events;              /* events lost because the ring buffer was full */
/* Raised by user space after every change of the watched set (and by on_fork): a thread's kept
 * answer to "is my process watched?" holds while its generation is the current one. */
__u64 watch_generation = 1;

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 8192);
    __type(key, __u32);   /* tgid */
    __type(value, __u32); /* IPCFLOW_FOLLOW_CHILDREN, ... */
} watched SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_PERCPU_HASH);
    __uint(max_entries, 16384);
    __type(key, struct ipcflow_key);
    __type(value, struct ipcflow_counts);
} counts SEC(".maps");

/* The call in progress of a thread. Kept in the thread's own storage: no hashing, no lock and
 * no delete on the hot path (an LRU hash update on entry and delete on exit cost about twice as
 * much), and it goes with the thread. `active` says whether a call is in flight. */
struct inflight {
    __u64 start_ns;
    __u32 nr;
    __u32 slept;
    __u32 waker_tgid;
    __u32 waker_tid;
    __u32 active;
    /* After the call's exit, until the thread is back in user space: whether that return is
     * still pending, where it returns to, the call's key and duration so far, and when the
     * thread was switched out on that return (0: it was not). See on_sched_switch. */
    __u32 returning;
    __u64 ret_ip;
    __u64 duration_ns;
    __u64 preempted_ns;
    struct ipcflow_key key;
    /* Whether this thread's process is watched, as of watch_generation `watched_as_of`. */
    __u64 watched_as_of;
    __u32 watched;
    __u32 pad;
};

struct {
    __uint(type, BPF_MAP_TYPE_TASK_STORAGE);
    __uint(map_flags, BPF_F_NO_PREALLOC);
    __type(key, int);
    __type(value, struct inflight);
} calls SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_RINGBUF);
    __uint(max_entries, 256 * 1024);
} events SEC(".maps");

static __always_inline int slot_taken(__u32 tgid)
{
    return watched_slots[tgid & IPCFLOW_SLOT_MASK] != 0;
}

static __always_inline struct ipcflow_counts *counts_for(struct ipcflow_key *key)
{
    struct ipcflow_counts *c = bpf_map_lookup_elem(&counts, key);
    if (c)
        return c;
    /* First use of this key (or another CPU just made it: then NOEXIST fails, the lookup finds
     * it). */
    struct ipcflow_counts zero = {};
    bpf_map_update_elem(&counts, key, &zero, BPF_NOEXIST);
    c = bpf_map_lookup_elem(&counts, key);
    if (!c)
        __sync_fetch_and_add(&dropped_counters, 1);
    return c;
}

enum direction { DIR_NONE = 0, DIR_IN = 1, DIR_OUT = 2 };

/* How a call is keyed and which way it moves data; 0 for calls the program ignores. */
static __always_inline int classify(long nr, __u32 *kind, int *dir)
{
    switch (nr) {
    case IPCFLOW_NR_read:
    case IPCFLOW_NR_readv:
    case IPCFLOW_NR_pread64:
    case IPCFLOW_NR_preadv:
    case IPCFLOW_NR_preadv2:
    case IPCFLOW_NR_recvfrom:
    case IPCFLOW_NR_recvmsg:
    case IPCFLOW_NR_recvmmsg:
    case IPCFLOW_NR_mq_timedreceive:
        *kind = IPCFLOW_FD;
        *dir = DIR_IN;
        return 1;
    case IPCFLOW_NR_write:
    case IPCFLOW_NR_writev:
    case IPCFLOW_NR_pwrite64:
    case IPCFLOW_NR_pwritev:
    case IPCFLOW_NR_pwritev2:
    case IPCFLOW_NR_sendto:
    case IPCFLOW_NR_sendmsg:
    case IPCFLOW_NR_sendmmsg:
    case IPCFLOW_NR_mq_timedsend:
    case IPCFLOW_NR_vmsplice:
        *kind = IPCFLOW_FD;
        *dir = DIR_OUT;
        return 1;
    case IPCFLOW_NR_splice:
    case IPCFLOW_NR_tee:
    case IPCFLOW_NR_sendfile: /* both: in on one fd, out on the other */
        *kind = IPCFLOW_FD;
        *dir = DIR_IN | DIR_OUT;
        return 1;
    case IPCFLOW_NR_accept:
    case IPCFLOW_NR_accept4:
    case IPCFLOW_NR_connect:
        *kind = IPCFLOW_FD;
        *dir = DIR_NONE;
        return 1;
    case IPCFLOW_NR_open:
    case IPCFLOW_NR_openat: /* only waits count: opening a FIFO blocks until the other end */
        *kind = IPCFLOW_FD;
        *dir = DIR_NONE;
        return 1;
    case IPCFLOW_NR_msgsnd:
        *kind = IPCFLOW_SYSV_MSQ;
        *dir = DIR_OUT;
        return 1;
    case IPCFLOW_NR_msgrcv:
        *kind = IPCFLOW_SYSV_MSQ;
        *dir = DIR_IN;
        return 1;
    case IPCFLOW_NR_semop:
    case IPCFLOW_NR_semtimedop:
        *kind = IPCFLOW_SYSV_SEM;
        *dir = DIR_NONE;
        return 1;
    case IPCFLOW_NR_futex:
        *kind = IPCFLOW_FUTEX;
        *dir = DIR_NONE;
        return 1;
    case IPCFLOW_NR_poll:
    case IPCFLOW_NR_ppoll:
    case IPCFLOW_NR_select:
    case IPCFLOW_NR_pselect6:
    case IPCFLOW_NR_epoll_wait:
    case IPCFLOW_NR_epoll_pwait:
    case IPCFLOW_NR_epoll_pwait2:
        *kind = IPCFLOW_CALL;
        *dir = DIR_NONE;
        return 1;
    }
    return 0;
}

#define FUTEX_PRIVATE 128
#define FUTEX_CMD_MASK 127
#define FUTEX_WAIT_CMD 0
#define FUTEX_WAKE_CMD 1
#define FUTEX_WAIT_BITSET_CMD 9
#define FUTEX_WAKE_BITSET_CMD 10
#define MAX_SEMBUFS 8
#define IPCFLOW_S_IFMT 00170000
#define IPCFLOW_S_IFIFO 0010000
#define IPCFLOW_S_IFSOCK 0140000
#define IPCFLOW_MQUEUE_MAGIC 0x19800202

/* Whether descriptor `fd` of the current process is a pipe, FIFO, socket or POSIX queue: a read
 * of a regular file or a terminal is not IPC, and counting it would add to whatever IPC object
 * later gets the same descriptor number. */
static __always_inline int fd_is_ipc(__u64 fd)
{
    /* The current task's typed pointers are followed with plain loads (the verifier guards
     * them). The descriptor array's slot is indexed by a variable and what it holds is untyped,
     * so from there on helper reads (bpf_rdonly_cast would spare two, but needs kernel 6.2). */
    struct fdtable *fdt = bpf_get_current_task_btf()->files->fdt;
    if (!fdt || fd >= fdt->max_fds)
        return 0;
    struct file *file = 0;
    if (bpf_probe_read_kernel(&file, sizeof(file), &fdt->fd[fd]) != 0 || !file)
        return 0;
    const struct inode *inode = BPF_CORE_READ(file, f_inode);
    const umode_t mode = BPF_CORE_READ(inode, i_mode);
    if ((mode & IPCFLOW_S_IFMT) == IPCFLOW_S_IFIFO || (mode & IPCFLOW_S_IFMT) == IPCFLOW_S_IFSOCK)
        return 1;
    return BPF_CORE_READ(inode, i_sb, s_magic) == IPCFLOW_MQUEUE_MAGIC;
}
#define MAX_MMSGS 16

struct user_sembuf {
    unsigned short sem_num;
    short sem_op;
    short sem_flg;
};

/* A futex call the program counts: a wait or wake on a shared futex (a process-private one is
 * a mutex or condition variable of the process's own). */
static __always_inline int futex_counted(__u32 op)
{
    const __u32 cmd = op & FUTEX_CMD_MASK;
    return !(op & FUTEX_PRIVATE) && (cmd == FUTEX_WAIT_CMD || cmd == FUTEX_WAIT_BITSET_CMD ||
                                     cmd == FUTEX_WAKE_CMD || cmd == FUTEX_WAKE_BITSET_CMD);
}

/* Only what the exit cannot know is kept at the entry: which call, and when it began. The
 * arguments are still in the registers at the exit, which decodes them (decode_call) and drops
 * calls on descriptors that are not IPC; decoding here and copying the decoded call into the
 * slot made this program cost twice the exit's. */
SEC("tp_btf/sys_enter")
int BPF_PROG(on_sys_enter, struct pt_regs *regs, long nr)
{
    __u32 tgid = bpf_get_current_pid_tgid() >> 32;
    if (!slot_taken(tgid))
        return 0;
    __u32 kind = 0;
    int dir = 0;
    if (!classify(nr, &kind, &dir))
        return 0; /* before anything else: most calls of a watched process are not IPC */
    if (nr == IPCFLOW_NR_futex && !futex_counted(regs->si))
        return 0;
    /* Read before this program's own work, which is part of the call as the caller sees it. */
    const __u64 start_ns = bpf_ktime_get_ns();
    struct inflight *slot = bpf_task_storage_get(&calls, bpf_get_current_task_btf(), 0,
                                                 BPF_LOCAL_STORAGE_GET_F_CREATE);
    if (!slot)
        return 0;
    /* The hash only once per thread and change of the watched set. */
    const __u64 generation = watch_generation;
    if (slot->watched_as_of != generation) {
        slot->watched = bpf_map_lookup_elem(&watched, &tgid) != 0;
        slot->watched_as_of = generation;
    }
    if (!slot->watched)
        return 0;
    slot->start_ns = start_ns;
    slot->nr = nr;
    slot->slept = 0;
    slot->waker_tgid = 0;
    slot->waker_tid = 0;
    slot->returning = 0; /* a new call: the last one's return is done */
    slot->preempted_ns = 0;
    slot->active = 1;
    return 0;
}

/* A call's arguments, decoded at its exit from the registers the entry saved (tp_btf hands a
 * typed pointer: direct loads, no helper calls). */
struct decoded_call {
    __u32 kind;
    int dir;
    __u64 id;
    __u64 sub;
    __u64 aux; /* second fd (splice, sendfile), user pointer (msgrcv, mmsg), P/V counts (semop),
                  futex command, message length (mq_timedsend) */
};

/* False for a call the program does not count after all: a data call on descriptors that are
 * not IPC (splice and sendfile: neither side is). */
static __always_inline int decode_call(__u32 nr, struct pt_regs *regs, struct decoded_call *c)
{
    if (!classify(nr, &c->kind, &c->dir))
        return 0;
    const __u64 a0 = regs->di;
    const __u64 a1 = regs->si;
    const __u64 a2 = regs->dx;
    c->id = a0;
    c->sub = 0;
    c->aux = 0;
    switch (nr) {
    case IPCFLOW_NR_splice:
    case IPCFLOW_NR_tee:
        c->aux = nr == IPCFLOW_NR_splice ? a2 : a1; /* the fd written to */
        break;
    case IPCFLOW_NR_sendfile: /* sendfile(out_fd, in_fd, ...) */
        c->id = a1;
        c->aux = a0;
        break;
    case IPCFLOW_NR_open:
    case IPCFLOW_NR_openat:
        c->id = 0; /* keyed on the descriptor it returns */
        break;
    case IPCFLOW_NR_msgsnd: {
        long mtype = 0;
        bpf_probe_read_user(&mtype, sizeof(mtype), (const void *)a1);
        c->sub = mtype;
        break;
    }
    case IPCFLOW_NR_msgrcv:
        c->aux = a1;        /* read the type received */
        c->sub = regs->r10; /* the type asked for */
        break;
    case IPCFLOW_NR_semop:
    case IPCFLOW_NR_semtimedop: {
        __u64 takes = 0, gives = 0;
        const __u64 n = a2 < MAX_SEMBUFS ? a2 : MAX_SEMBUFS;
        for (int i = 0; i < MAX_SEMBUFS; i++) {
            if (i >= n)
                break;
            struct user_sembuf op = {};
            if (bpf_probe_read_user(&op, sizeof(op), (const void *)(a1 + i * sizeof(op))) != 0)
                break;
            if (op.sem_op < 0)
                takes++;
            else if (op.sem_op > 0)
                gives++;
        }
        c->aux = takes | (gives << 32);
        break;
    }
    case IPCFLOW_NR_futex:
        c->aux = (__u32)a1 & FUTEX_CMD_MASK;
        break;
    case IPCFLOW_NR_poll:
    case IPCFLOW_NR_ppoll:
    case IPCFLOW_NR_select:
    case IPCFLOW_NR_pselect6:
        c->id = 0;
        break;
    case IPCFLOW_NR_recvmmsg:
    case IPCFLOW_NR_sendmmsg:
        c->aux = a1;
        break;
    case IPCFLOW_NR_mq_timedsend:
        c->aux = a2; /* the message's length: the call returns 0 */
        break;
    }
    if (c->kind == IPCFLOW_FD && c->dir != DIR_NONE && !fd_is_ipc(c->id) &&
        !((c->dir & DIR_IN) && (c->dir & DIR_OUT) && fd_is_ipc(c->aux)))
        return 0;
    return 1;
}

/* struct mmsghdr on x86-64: a 56-byte msghdr, then msg_len, padded to 64. */
#define MMSGHDR_SIZE 64
#define MMSGHDR_LEN_OFFSET 56

static __always_inline __u64 mmsg_bytes(__u64 vec, long count)
{
    __u64 bytes = 0;
    for (int i = 0; i < MAX_MMSGS; i++) {
        if (i >= count)
            break;
        unsigned int len = 0;
        if (bpf_probe_read_user(&len, sizeof(len),
                                (const void *)(vec + i * MMSGHDR_SIZE + MMSGHDR_LEN_OFFSET)) != 0)
            break;
        bytes += len;
    }
    return bytes;
}

SEC("tp_btf/sys_exit")
int BPF_PROG(on_sys_exit, struct pt_regs *regs, long ret)
{
    const __u64 pid_tgid = bpf_get_current_pid_tgid();
    const __u32 tgid = pid_tgid >> 32;
    if (!slot_taken(tgid))
        return 0;
    /* A call in flight was entered by a watched process (the entry checked the hash). */
    struct inflight *f = bpf_task_storage_get(&calls, bpf_get_current_task_btf(), 0, 0);
    if (!f)
        return 0;
    if (!f->active) {
        if (f->returning)
            f->returning = 0; /* another call since: the last IPC call's return is long done */
        return 0;
    }
    if (regs->orig_ax != f->nr) {
        /* Not the call recorded: its exit was missed while the hooks were detached. */
        f->active = 0;
        return 0;
    }
    f->active = 0;
    const __u32 tid = (__u32)pid_tgid;
    const __u64 now = bpf_ktime_get_ns();
    const __u64 duration = now - f->start_ns;
    const int waited = duration >= min_wait_ns;
    const int ok = ret >= 0;
    struct decoded_call call;
    if (!decode_call(f->nr, regs, &call))
        return 0;

    struct ipcflow_key key = {};
    key.tgid = tgid;
    key.kind = call.kind;
    key.id = call.id;
    key.sub = call.sub;
    key.nr = f->nr;

    __u64 bytes_in = 0, bytes_out = 0, msgs_in = 0, msgs_out = 0;
    switch (f->nr) {
    case IPCFLOW_NR_open:
    case IPCFLOW_NR_openat:
        /* Only a wait for the other end of a FIFO is IPC: a slow open of a file or of /proc
         * (an ASan worker's start-up: 8 ms of them) is not, and must not count as a wait. */
        if (!waited || !ok || !fd_is_ipc(ret))
            goto done;
        key.id = ret;
        break;
    case IPCFLOW_NR_msgsnd:
        if (ok) {
            bytes_out = regs->dx;
            msgs_out = 1;
        }
        break;
    case IPCFLOW_NR_msgrcv:
        if (ok) {
            long mtype = 0;
            if (bpf_probe_read_user(&mtype, sizeof(mtype), (const void *)call.aux) == 0)
                key.sub = mtype;
            bytes_in = ret;
            msgs_in = 1;
        }
        break;
    case IPCFLOW_NR_semop:
    case IPCFLOW_NR_semtimedop:
        if (ok) {
            msgs_in = call.aux & 0xffffffff;
            msgs_out = call.aux >> 32;
        }
        break;
    case IPCFLOW_NR_futex:
        if (call.aux == FUTEX_WAKE_CMD || call.aux == FUTEX_WAKE_BITSET_CMD) {
            if (ret > 0)
                msgs_out = 1;
        } else if (ret == 0) {
            msgs_in = 1;
        }
        break;
    case IPCFLOW_NR_mq_timedsend:
        if (ok) {
            bytes_out = call.aux;
            msgs_out = 1;
        }
        break;
    case IPCFLOW_NR_recvmmsg:
        if (ret > 0) {
            msgs_in = ret;
            bytes_in = mmsg_bytes(call.aux, ret);
        }
        break;
    case IPCFLOW_NR_sendmmsg:
        if (ret > 0) {
            msgs_out = ret;
            bytes_out = mmsg_bytes(call.aux, ret);
        }
        break;
    case IPCFLOW_NR_splice:
    case IPCFLOW_NR_tee:
    case IPCFLOW_NR_sendfile:
        if (ret > 0) {
            bytes_in = ret;
            msgs_in = 1;
            struct ipcflow_key out = key;
            out.id = call.aux;
            struct ipcflow_counts *o = counts_for(&out);
            if (o) {
                o->bytes_out += ret;
                o->msgs_out += 1;
            }
        }
        break;
    default:
        if (ret > 0) {
            if (call.dir == DIR_IN) {
                bytes_in = ret;
                msgs_in = 1;
            } else if (call.dir == DIR_OUT) {
                bytes_out = ret;
                msgs_out = 1;
            }
        }
    }

    f->returning = 1;
    f->ret_ip = regs->ip;
    f->duration_ns = duration;
    f->preempted_ns = 0;
    f->key = key;
    struct ipcflow_counts *c = counts_for(&key);
    if (c) {
        c->calls += 1;
        c->errors += ok ? 0 : 1;
        c->bytes_in += bytes_in;
        c->bytes_out += bytes_out;
        c->msgs_in += msgs_in;
        c->msgs_out += msgs_out;
        if (waited) {
            c->waits += 1;
            c->wait_ns += duration;
            if (duration > c->max_wait_ns)
                c->max_wait_ns = duration;
        }
    }
    if (waited && duration >= event_threshold_ns) {
        struct ipcflow_wait_event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
        if (e) {
            e->tgid = tgid;
            e->tid = tid;
            e->nr = f->nr;
            e->kind = key.kind;
            e->id = key.id;
            e->sub = key.sub;
            e->start_ns = f->start_ns;
            e->duration_ns = duration;
            e->ret = ret;
            e->waker_tgid = f->waker_tgid;
            e->waker_tid = f->waker_tid;
            e->slept = f->slept;
            e->pad = 0;
            /* No wake-up of the probe from here: it cost this thread about 10 µs after its
             * call's exit (the caller's view of the call, uncounted here); the probe reads the
             * ring on every sample and every 100 ms. */
            bpf_ringbuf_submit(e, BPF_RB_NO_WAKEUP);
        } else {
            __sync_fetch_and_add(&dropped_events, 1);
        }
    }
done:
    return 0;
}

/* The rule for a wait, shared with the lab's workers (core/telemetry/workerprobe.h): the time
 * from the call's entry until the thread is running its own code again, counted when it is at
 * least min_wait_ns. sys_exit fires before the return to user space; a thread switched out on
 * that return (woken onto a busy CPU, or its wake-up preempted the caller) is still in the call
 * as the caller sees it. That time is added here when the thread runs again. */
static __always_inline void add_return_delay(struct inflight *f, __u64 delay)
{
    const __u64 before = f->duration_ns;
    const __u64 after = before + delay;
    f->duration_ns = after;
    struct ipcflow_counts *c = counts_for(&f->key);
    if (!c || after < min_wait_ns)
        return;
    if (before < min_wait_ns) {
        c->waits += 1; /* a wait only with its return */
        c->wait_ns += after;
    } else {
        c->wait_ns += delay;
    }
    if (after > c->max_wait_ns)
        c->max_wait_ns = after;
}

/* A watched thread leaving the CPU of its own accord inside a call sleeps in it; one switched
 * out while runnable right on the return from an IPC call (the same user address, the same
 * system call in its registers, no call since) is still returning from it. */
SEC("tp_btf/sched_switch")
int BPF_PROG(on_sched_switch, bool preempt, struct task_struct *prev, struct task_struct *next,
             unsigned int prev_state)
{
    if (slot_taken(next->tgid)) {
        struct inflight *n = bpf_task_storage_get(&calls, next, 0, 0);
        if (n && n->preempted_ns) {
            const __u64 now = bpf_ktime_get_ns();
            add_return_delay(n, now - n->preempted_ns);
            n->preempted_ns = 0;
        }
    }
    if (!slot_taken(prev->tgid))
        return 0;
    struct inflight *f = bpf_task_storage_get(&calls, prev, 0, 0);
    if (!f)
        return 0;
    if (prev_state == 0) {
        if (f->returning && !f->preempted_ns) {
            struct pt_regs *regs = (struct pt_regs *)bpf_task_pt_regs(prev);
            if (regs && regs->ip == f->ret_ip && regs->orig_ax == f->nr)
                f->preempted_ns = bpf_ktime_get_ns();
        }
        return 0;
    }
    if (!preempt && f->active)
        f->slept = 1;
    return 0;
}

/* Who wakes a sleeping watched thread: a measured edge of the wait-for graph. */
SEC("tp_btf/sched_waking")
int BPF_PROG(on_sched_waking, struct task_struct *p)
{
    if (!slot_taken(p->tgid))
        return 0;
    struct inflight *f = bpf_task_storage_get(&calls, p, 0, 0);
    if (!f || !f->active || !f->slept)
        return 0;
    const __u64 waker = bpf_get_current_pid_tgid();
    f->waker_tgid = waker >> 32;
    f->waker_tid = (__u32)waker;
    return 0;
}

/* Children of a process watched with IPCFLOW_FOLLOW_CHILDREN are watched from birth. */
SEC("tp_btf/sched_process_fork")
int BPF_PROG(on_fork, struct task_struct *parent, struct task_struct *child)
{
    const __u32 parent_tgid = parent->tgid;
    const __u32 child_tgid = child->tgid;
    if (child_tgid == parent_tgid || !slot_taken(parent_tgid))
        return 0;
    __u32 *flags = bpf_map_lookup_elem(&watched, &parent_tgid);
    if (!flags || !(*flags & IPCFLOW_FOLLOW_CHILDREN))
        return 0;
    const __u32 inherited = *flags;
    if (bpf_map_update_elem(&watched, &child_tgid, &inherited, BPF_NOEXIST) == 0) {
        __sync_fetch_and_add(&watched_slots[child_tgid & IPCFLOW_SLOT_MASK], 1);
        __sync_fetch_and_add(&watch_generation, 1);
    }
    return 0;
}

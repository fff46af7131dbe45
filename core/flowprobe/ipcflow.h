/* What the in-kernel half of ipcscope-probe (ipcflow.bpf.c) shares with the user-space half.
 * Plain C: it is compiled both by clang for the BPF target and by the C++ compiler. */
#ifndef IPCSCOPE_IPCFLOW_H
#define IPCSCOPE_IPCFLOW_H

#ifndef __bpf__
#include <linux/types.h>
#endif

/* A fast first filter, checked before any map lookup on every system call of every process:
 * watched_slots[tgid & IPCFLOW_SLOT_MASK] counts the watched tgids that fall in that slot. Zero
 * means "not watched" at the cost of one load; otherwise the `watched` hash decides (once per
 * thread and change of the watched set: the answer is kept in the thread's storage). 4096 slots
 * (16 KiB) rather than 65536 (256 KiB): less cache for a load every system call of every
 * process makes (alternating runs of bench_probe --bpf-stats under a load of 8 could not tell
 * the two apart: 89-113 ns per unwatched sys_enter either way). */
#define IPCFLOW_SLOT_COUNT 4096
#define IPCFLOW_SLOT_MASK (IPCFLOW_SLOT_COUNT - 1)

/* Flags of a watched tgid. */
#define IPCFLOW_FOLLOW_CHILDREN 1u /* processes it forks are watched from their first call */

/* What a counter is keyed on, besides the tgid and the system call. */
enum ipcflow_kind {
    IPCFLOW_FD = 1,       /* id: a descriptor (pipe, FIFO, socket, POSIX queue) */
    IPCFLOW_SYSV_MSQ = 2, /* id: msqid, sub: message type */
    IPCFLOW_SYSV_SEM = 3, /* id: semid */
    IPCFLOW_FUTEX = 4,    /* id: the user address of a shared (not process-private) futex */
    IPCFLOW_CALL = 5,     /* id: an epoll descriptor, or 0 (poll, select): waits on many fds */
};

struct ipcflow_key {
    __u32 tgid;
    __u32 kind; /* enum ipcflow_kind */
    __u64 id;
    __u64 sub;
    __u32 nr; /* the system call's number */
    __u32 pad;
};

/* One per key and CPU; user space adds the CPUs up. For semop, a message in is a P (an
 * operation that takes) and a message out is a V (one that gives); for futex, a wake-up
 * received and a wake call made. */
struct ipcflow_counts {
    __u64 bytes_in;
    __u64 bytes_out;
    __u64 msgs_in;
    __u64 msgs_out;
    __u64 calls;
    __u64 errors;  /* calls that returned an error (EAGAIN, EINTR, ...) */
    __u64 waits;   /* calls that lasted at least min_wait_ns */
    __u64 wait_ns; /* their whole duration, entry to exit */
    __u64 max_wait_ns;
};

/* A wait longer than the threshold, sent through the ring buffer when it ends. */
struct ipcflow_wait_event {
    __u32 tgid;
    __u32 tid;
    __u32 nr;
    __u32 kind;
    __u64 id;
    __u64 sub;
    __u64 start_ns; /* CLOCK_MONOTONIC (bpf_ktime_get_ns) */
    __u64 duration_ns;
    __s64 ret;
    __u32 waker_tgid; /* who woke it last (sched_waking); 0 when it never slept */
    __u32 waker_tid;
    __u32 slept; /* it went off the CPU voluntarily during the call */
    __u32 pad;
};

/* x86-64 system call numbers the program looks at (user space checks them against
 * <sys/syscall.h> at compile time). */
#define IPCFLOW_NR_read 0
#define IPCFLOW_NR_write 1
#define IPCFLOW_NR_open 2
#define IPCFLOW_NR_poll 7
#define IPCFLOW_NR_pread64 17
#define IPCFLOW_NR_pwrite64 18
#define IPCFLOW_NR_readv 19
#define IPCFLOW_NR_writev 20
#define IPCFLOW_NR_select 23
#define IPCFLOW_NR_sendfile 40
#define IPCFLOW_NR_connect 42
#define IPCFLOW_NR_accept 43
#define IPCFLOW_NR_sendto 44
#define IPCFLOW_NR_recvfrom 45
#define IPCFLOW_NR_sendmsg 46
#define IPCFLOW_NR_recvmsg 47
#define IPCFLOW_NR_semop 65
#define IPCFLOW_NR_msgsnd 69
#define IPCFLOW_NR_msgrcv 70
#define IPCFLOW_NR_futex 202
#define IPCFLOW_NR_semtimedop 220
#define IPCFLOW_NR_epoll_wait 232
#define IPCFLOW_NR_mq_timedsend 242
#define IPCFLOW_NR_mq_timedreceive 243
#define IPCFLOW_NR_openat 257
#define IPCFLOW_NR_pselect6 270
#define IPCFLOW_NR_ppoll 271
#define IPCFLOW_NR_splice 275
#define IPCFLOW_NR_tee 276
#define IPCFLOW_NR_vmsplice 278
#define IPCFLOW_NR_epoll_pwait 281
#define IPCFLOW_NR_accept4 288
#define IPCFLOW_NR_recvmmsg 299
#define IPCFLOW_NR_preadv 295
#define IPCFLOW_NR_pwritev 296
#define IPCFLOW_NR_sendmmsg 307
#define IPCFLOW_NR_preadv2 327
#define IPCFLOW_NR_pwritev2 328
#define IPCFLOW_NR_epoll_pwait2 441

#endif

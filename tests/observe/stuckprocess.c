// A process (or a few) stuck in one IPC wait, for the observe tests: real processes that are not
// ipcscope workers. Usage: stuckprocess MODE. Once every child sits in its call (checked in
// /proc/PID/syscall) it prints one line
//   ready pids=A,B,... [pipe=INODE] [fifo=PATH fifoinode=INODE] [msqid=ID] [semid=ID]
//         [mq=/NAME] [sem=/NAME] [sockets=INODE,INODE] [pipes=INODE,...]
// and blocks reading stdin; at EOF it kills its children and removes its objects. Children die
// with it (PR_SET_PDEATHSIG). Objects are named with the helper's pid.

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <poll.h>
#include <semaphore.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/msg.h>
#include <sys/prctl.h>
#include <sys/select.h>
#include <sys/sem.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { kMaxChildren = 4 };
static pid_t children[kMaxChildren];
static long expected[kMaxChildren][2]; // syscall numbers the child is allowed to sit in
static int childCount;
static pid_t self;

static int msqid = -1, semid = -1;
static char mqName[64], semName[64], fifoPath[128];
static char extra[512]; // the objects part of the ready line

static void die(const char* what) {
    fprintf(stderr, "stuckprocess: %s: %s\n", what, strerror(errno));
    exit(2);
}

// Forks a child that runs fn(arg) after arranging to die with us; records where it will wait.
static pid_t spawn(void (*fn)(void*), void* arg, long call, long orCall) {
    const pid_t pid = fork();
    if (pid < 0) {
        die("fork");
    }
    if (pid == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != self) {
            _exit(126);
        }
        fn(arg);
        _exit(0);
    }
    children[childCount] = pid;
    expected[childCount][0] = call;
    expected[childCount][1] = orCall;
    ++childCount;
    return pid;
}

static long currentSyscall(pid_t pid) {
    char path[64], buf[256];
    snprintf(path, sizeof path, "/proc/%d/syscall", (int)pid);
    const int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return -2;
    }
    const ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0) {
        return -2;
    }
    buf[n] = '\0';
    if (strncmp(buf, "running", 7) == 0) {
        return -1;
    }
    return strtol(buf, NULL, 10);
}

static char threadState(pid_t pid) {
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    const int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return '?';
    }
    const ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0) {
        return '?';
    }
    buf[n] = '\0';
    const char* close = strrchr(buf, ')');
    return close && close[1] && close[2] ? close[2] : '?';
}

// Waits (polling /proc, 20 s at most) until every child sleeps in its expected call.
static void waitInPlace(void) {
    for (int round = 0; round < 20000; ++round) {
        int inPlace = 0;
        for (int i = 0; i < childCount; ++i) {
            const long nr = currentSyscall(children[i]);
            if ((nr == expected[i][0] || nr == expected[i][1]) && threadState(children[i]) == 'S') {
                ++inPlace;
            }
        }
        if (inPlace == childCount) {
            return;
        }
        const struct timespec ms = {0, 1000000};
        nanosleep(&ms, NULL);
    }
    fprintf(stderr, "stuckprocess: the children did not reach their calls\n");
    exit(3);
}

static unsigned long inodeOfFd(int fd) {
    struct stat st;
    return fstat(fd, &st) == 0 ? (unsigned long)st.st_ino : 0;
}

static void append(const char* fmt, unsigned long a, const char* s) {
    const size_t used = strlen(extra);
    if (s) {
        snprintf(extra + used, sizeof extra - used, fmt, s);
    } else {
        snprintf(extra + used, sizeof extra - used, fmt, a);
    }
}

// --- what the children do ---------------------------------------------------------------

static void readForever(void* arg) {
    char byte;
    while (read(*(int*)arg, &byte, 1) > 0) {
    }
}

static void writeForever(void* arg) {
    static char buf[1 << 20];
    for (;;) {
        if (write(*(int*)arg, buf, sizeof buf) < 0) {
            return;
        }
    }
}

static void openFifo(void* arg) {
    (void)arg;
    const int fd = open(fifoPath, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        close(fd);
    }
}

static void receiveType3(void* arg) {
    (void)arg;
    struct {
        long type;
        char text[16];
    } m;
    msgrcv(msqid, &m, sizeof m.text, 3, 0);
}

static void semWaitDown(void* arg) {
    (void)arg;
    struct sembuf op = {0, -1, 0};
    semop(semid, &op, 1);
}

static void mqReceive(void* arg) {
    (void)arg;
    const mqd_t q = mq_open(mqName, O_RDONLY | O_CLOEXEC);
    char buf[64];
    mq_receive(q, buf, sizeof buf, NULL);
}

static void posixSemWait(void* arg) {
    (void)arg;
    sem_t* s = sem_open(semName, 0); // maps /dev/shm/sem.NAME under its real name
    if (s != SEM_FAILED) {
        sem_wait(s);
    }
}

// The creator waits: its mapping shows sem_open's temporary file name, deleted.
static void createAndWait(void* arg) {
    (void)arg;
    sem_t* s = sem_open(semName, O_CREAT | O_EXCL, 0600, 0);
    if (s != SEM_FAILED) {
        sem_wait(s);
    }
}

static void recvForever(void* arg) {
    char byte;
    recv(*(int*)arg, &byte, 1, 0);
}

static void sleepLong(void* arg) {
    (void)arg;
    const struct timespec t = {3600, 0};
    nanosleep(&t, NULL);
}

// A sleeper that will write: nanosleep, then a byte to fd.
static void sleepThenWrite(void* arg) {
    sleepLong(NULL);
    (void)!write(*(int*)arg, "x", 1);
}

// A ring of n processes: child i reads pipe i and holds the write end of pipe i+1 (mod n).
// extraWriter: a further process holding the write end of pipe 0 asleep in nanosleep.
struct RingChild {
    int n;
    int index;
    int (*pipes)[2];
};

// Closes every ring end but the two the member holds; returns the pipe it writes.
static int keepRingEnds(const struct RingChild* c) {
    const int next = (c->index + 1) % c->n;
    for (int i = 0; i < c->n; ++i) {
        if (i != c->index) {
            close(c->pipes[i][0]);
        }
        if (i != next) {
            close(c->pipes[i][1]);
        }
    }
    return next;
}

static void ringMember(void* arg) {
    const struct RingChild* c = arg;
    keepRingEnds(c);
    readForever(&c->pipes[c->index][0]);
}

// pingpong-deadlock: the two ring members pass one byte round, each pausing 2 ms before it
// answers (so the eBPF tier measures each waking the other), for kPingPongSeconds; then they
// stop answering and wait on each other for good (deadlock2 with a history of wake-ups).
static const int kPingPongSeconds = 6;
static struct timespec pingPongEnd;

static int pingPongOver(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec > pingPongEnd.tv_sec ||
           (now.tv_sec == pingPongEnd.tv_sec && now.tv_nsec >= pingPongEnd.tv_nsec);
}

static void pingPongMember(void* arg) {
    const struct RingChild* c = arg;
    const int next = keepRingEnds(c);
    const struct timespec pause = {0, 2000000};
    char byte = 'x';
    if (c->index == 0 && write(c->pipes[next][1], &byte, 1) != 1) {
        return;
    }
    while (read(c->pipes[c->index][0], &byte, 1) > 0) {
        nanosleep(&pause, NULL);
        if (!pingPongOver() && write(c->pipes[next][1], &byte, 1) != 1) {
            return;
        }
    }
}

static void ringSleeper(void* arg) {
    const struct RingChild* c = arg;
    for (int i = 0; i < c->n; ++i) {
        close(c->pipes[i][0]);
        if (i != 0) {
            close(c->pipes[i][1]);
        }
    }
    sleepLong(NULL);
}

static void ring(int n, int withSleeper) {
    static int pipes[3][2];
    static struct RingChild members[3];
    static struct RingChild sleeper;
    for (int i = 0; i < n; ++i) {
        if (pipe(pipes[i]) != 0) {
            die("pipe");
        }
    }
    for (int i = 0; i < n; ++i) {
        members[i] = (struct RingChild){n, i, pipes};
        spawn(ringMember, &members[i], SYS_read, SYS_read);
    }
    if (withSleeper) {
        sleeper = (struct RingChild){n, -1, pipes};
        spawn(ringSleeper, &sleeper, SYS_clock_nanosleep, SYS_nanosleep);
    }
    append("pipes=", 0, "");
    for (int i = 0; i < n; ++i) {
        append(i ? ",%lu" : "%lu", inodeOfFd(pipes[i][0]), NULL);
        close(pipes[i][0]); // only the ring (and the sleeper) hold them: a certain cycle
        close(pipes[i][1]);
    }
}

// A process waiting in poll, ppoll, select, pselect or epoll_wait for input on `fds`, after
// closing the descriptors in `drop` (the ends its peers hold).
struct Poller {
    const char* how;
    int fds[2];
    int count;
    int drop[6];
    int dropCount;
};

static void dropAll(const int* fds, int count) {
    for (int i = 0; i < count; ++i) {
        close(fds[i]);
    }
}

static void pollForever(void* arg) {
    const struct Poller* p = arg;
    dropAll(p->drop, p->dropCount);
    struct pollfd pfds[2];
    fd_set readable;
    FD_ZERO(&readable);
    int nfds = 0;
    for (int i = 0; i < p->count; ++i) {
        pfds[i] = (struct pollfd){p->fds[i], POLLIN, 0};
        FD_SET(p->fds[i], &readable);
        nfds = p->fds[i] >= nfds ? p->fds[i] + 1 : nfds;
    }
    if (strcmp(p->how, "poll") == 0) {
        poll(pfds, (nfds_t)p->count, -1);
    } else if (strcmp(p->how, "ppoll") == 0) {
        ppoll(pfds, (nfds_t)p->count, NULL, NULL);
    } else if (strcmp(p->how, "select") == 0) {
        select(nfds, &readable, NULL, NULL, NULL);
    } else if (strcmp(p->how, "pselect") == 0) {
        pselect(nfds, &readable, NULL, NULL, NULL, NULL);
    } else {
        const int ep = epoll_create1(EPOLL_CLOEXEC);
        for (int i = 0; i < p->count; ++i) {
            struct epoll_event ev = {.events = EPOLLIN, .data.fd = p->fds[i]};
            epoll_ctl(ep, EPOLL_CTL_ADD, p->fds[i], &ev);
        }
        struct epoll_event ready;
        epoll_wait(ep, &ready, 1, -1);
    }
}

// The calls glibc may issue for each way of polling (x86_64 and arm64 differ).
static void pollCalls(const char* how, long calls[2]) {
    if (strcmp(how, "poll") == 0 || strcmp(how, "ppoll") == 0) {
#ifdef SYS_poll
        calls[0] = how[0] == 'p' && how[1] == 'p' ? SYS_ppoll : SYS_poll;
#else
        calls[0] = SYS_ppoll;
#endif
        calls[1] = SYS_ppoll;
    } else if (strcmp(how, "select") == 0 || strcmp(how, "pselect") == 0) {
#ifdef SYS_select
        calls[0] = how[0] == 'p' ? SYS_pselect6 : SYS_select;
#else
        calls[0] = SYS_pselect6;
#endif
        calls[1] = SYS_pselect6;
    } else {
#ifdef SYS_epoll_wait
        calls[0] = SYS_epoll_wait;
#else
        calls[0] = SYS_epoll_pwait;
#endif
        calls[1] = SYS_epoll_pwait;
    }
}

static void spawnPoller(struct Poller* p) {
    long calls[2];
    pollCalls(p->how, calls);
    spawn(pollForever, p, calls[0], calls[1]);
}

// A sleeper holding the releasing ends of a poller's channels: closes `drop`, then sleeps.
static void sleepDropping(void* arg) {
    const struct Poller* p = arg;
    dropAll(p->drop, p->dropCount);
    sleepLong(NULL);
}

// One poller on a pipe's read end and one end of a socketpair; a sleeper holds the pipe's write
// end and the socket's peer.
static void pollPipeAndSocket(const char* how) {
    static int p[2], s[2];
    static struct Poller poller, peer;
    if (pipe(p) != 0 || socketpair(AF_UNIX, SOCK_STREAM, 0, s) != 0) {
        die("pipe");
    }
    poller = (struct Poller){how, {p[0], s[0]}, 2, {p[1], s[1]}, 2};
    peer = (struct Poller){how, {0}, 0, {p[0], s[0]}, 2};
    spawnPoller(&poller);
    spawn(sleepDropping, &peer, SYS_clock_nanosleep, SYS_nanosleep);
    append("pipe=%lu", inodeOfFd(p[0]), NULL);
    append(" sockets=%lu", inodeOfFd(s[0]), NULL);
    append(",%lu", inodeOfFd(s[1]), NULL);
    append(" fds=%lu", (unsigned long)p[0], NULL);
    append(",%lu", (unsigned long)s[0], NULL);
    dropAll(p, 2);
    dropAll(s, 2);
}

// Two pollers, each on the read end of a pipe whose only writer is the other. withEscape: the
// first polls a third pipe too, whose writer sleeps (it could release the first: not certain).
static void pollRing(int withEscape) {
    static int a[2], b[2], c[2];
    static struct Poller first, second, sleeper;
    if (pipe(a) != 0 || pipe(b) != 0 || pipe(c) != 0) {
        die("pipe");
    }
    first = (struct Poller){
        "poll", {a[0], c[0]}, withEscape ? 2 : 1, {a[1], b[0], c[1], c[0]}, withEscape ? 3 : 4};
    second = (struct Poller){"poll", {b[0]}, 1, {a[0], b[1], c[0], c[1]}, 4};
    sleeper = (struct Poller){"poll", {0}, 0, {a[0], a[1], b[0], b[1]}, 4};
    spawnPoller(&first);
    spawnPoller(&second);
    if (withEscape) {
        sleeper.drop[sleeper.dropCount++] = c[0];
        spawn(sleepDropping, &sleeper, SYS_clock_nanosleep, SYS_nanosleep);
    }
    append("pipes=%lu", inodeOfFd(a[0]), NULL);
    append(",%lu", inodeOfFd(b[0]), NULL);
    append(",%lu", inodeOfFd(c[0]), NULL);
    dropAll(a, 2);
    dropAll(b, 2);
    dropAll(c, 2);
}

// Two processes in epoll_wait, each on one end of a socketpair whose other end only the other
// holds.
static void epollPair(void) {
    static int s[2];
    static struct Poller first, second;
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, s) != 0) {
        die("socketpair");
    }
    first = (struct Poller){"epoll", {s[0]}, 1, {s[1]}, 1};
    second = (struct Poller){"epoll", {s[1]}, 1, {s[0]}, 1};
    spawnPoller(&first);
    spawnPoller(&second);
    append("sockets=%lu", inodeOfFd(s[0]), NULL);
    append(",%lu", inodeOfFd(s[1]), NULL);
    dropAll(s, 2);
}

// --- setup and cleanup ------------------------------------------------------------------

static void cleanup(void) {
    for (int i = 0; i < childCount; ++i) {
        kill(children[i], SIGKILL);
        waitpid(children[i], NULL, 0);
    }
    if (msqid >= 0) {
        msgctl(msqid, IPC_RMID, NULL);
    }
    if (semid >= 0) {
        semctl(semid, 0, IPC_RMID);
    }
    if (mqName[0]) {
        mq_unlink(mqName);
    }
    if (semName[0]) {
        sem_unlink(semName);
    }
    if (fifoPath[0]) {
        unlink(fifoPath);
    }
}

int main(int argc, char** argv) {
    if (argc != 2) {
        fprintf(
            stderr,
            "usage: stuckprocess MODE\nmodes: pipe-read pipe-write-full fifo-open msgrcv "
            "semop mq-receive sem-wait sem-wait-creator unix-recv unix-listen deadlock2 deadlock3 "
            "pingpong-deadlock "
            "possible-deadlock no-deadlock poll ppoll select pselect epoll poll-deadlock "
            "poll-escape epoll-deadlock\n");
        return 2;
    }
    self = getpid();
    const char* mode = argv[1];
    static int fds[2];
    if (strcmp(mode, "pipe-read") == 0 || strcmp(mode, "pipe-write-full") == 0) {
        if (pipe(fds) != 0) {
            die("pipe");
        }
        if (mode[5] == 'r') {
            spawn(readForever, &fds[0], SYS_read, SYS_read);
        } else {
            spawn(writeForever, &fds[1], SYS_write, SYS_write);
        }
        append("pipe=%lu", inodeOfFd(fds[0]), NULL);
    } else if (strcmp(mode, "fifo-open") == 0) {
        snprintf(fifoPath, sizeof fifoPath, "/tmp/ipcscope-stuck-%d.fifo", (int)self);
        if (mkfifo(fifoPath, 0600) != 0) {
            die("mkfifo");
        }
        struct stat st;
        stat(fifoPath, &st);
        spawn(openFifo, NULL, SYS_openat, SYS_openat);
        append("fifo=%s", 0, fifoPath);
        append(" fifoinode=%lu", (unsigned long)st.st_ino, NULL);
    } else if (strcmp(mode, "msgrcv") == 0) {
        msqid = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
        if (msqid < 0) {
            die("msgget");
        }
        struct {
            long type;
            char text[4];
        } m = {1, "one"};
        for (int i = 0; i < 3; ++i) {
            if (msgsnd(msqid, &m, sizeof m.text, 0) != 0) {
                die("msgsnd");
            }
        }
        spawn(receiveType3, NULL, SYS_msgrcv, SYS_msgrcv);
        append("msqid=%lu", (unsigned long)msqid, NULL);
    } else if (strcmp(mode, "semop") == 0) {
        semid = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
        if (semid < 0) {
            die("semget");
        }
        spawn(semWaitDown, NULL, SYS_semop, SYS_semtimedop);
        append("semid=%lu", (unsigned long)semid, NULL);
    } else if (strcmp(mode, "mq-receive") == 0) {
        snprintf(mqName, sizeof mqName, "/ipcscope-stuck-%d", (int)self);
        struct mq_attr attr = {0, 4, 32, 0, {0}};
        const mqd_t q = mq_open(mqName, O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0600, &attr);
        if (q == (mqd_t)-1) {
            die("mq_open");
        }
        mq_close(q);
        spawn(mqReceive, NULL, SYS_mq_timedreceive, SYS_mq_timedreceive);
        append("mq=%s", 0, mqName);
    } else if (strcmp(mode, "sem-wait") == 0) {
        snprintf(semName, sizeof semName, "/ipcscope-stuck-%d", (int)self);
        sem_t* s = sem_open(semName, O_CREAT | O_EXCL, 0600, 0);
        if (s == SEM_FAILED) {
            die("sem_open");
        }
        sem_close(s); // so the child maps it by name, not our temporary file
        spawn(posixSemWait, NULL, SYS_futex, SYS_futex);
        append("sem=%s", 0, semName);
    } else if (strcmp(mode, "sem-wait-creator") == 0) {
        snprintf(semName, sizeof semName, "/ipcscope-stuck-%d", (int)self);
        spawn(createAndWait, NULL, SYS_futex, SYS_futex);
        append("sem=%s", 0, semName);
    } else if (strcmp(mode, "unix-recv") == 0) {
        if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) {
            die("socketpair");
        }
        spawn(recvForever, &fds[1], SYS_recvfrom, SYS_recvmsg);
        append("sockets=%lu", inodeOfFd(fds[0]), NULL);
        append(",%lu", inodeOfFd(fds[1]), NULL);
    } else if (strcmp(mode, "unix-listen") == 0) {
        // We listen and never accept; the client connects (into the backlog) and waits in recv.
        const int listener = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        struct sockaddr_un addr = {.sun_family = AF_UNIX};
        const int len =
            snprintf(addr.sun_path + 1, sizeof addr.sun_path - 1, "ipcscope-stuck-%d", (int)self);
        const socklen_t addrLen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + len);
        if (listener < 0 || bind(listener, (struct sockaddr*)&addr, addrLen) != 0 ||
            listen(listener, 4) != 0) {
            die("listen");
        }
        fds[1] = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fds[1] < 0 || connect(fds[1], (struct sockaddr*)&addr, addrLen) != 0) {
            die("connect");
        }
        spawn(recvForever, &fds[1], SYS_recvfrom, SYS_recvmsg);
        append("sockets=%lu", inodeOfFd(listener), NULL);
        append(",%lu", inodeOfFd(fds[1]), NULL);
        close(fds[1]); // only the client holds it
    } else if (strcmp(mode, "deadlock2") == 0) {
        ring(2, 0);
    } else if (strcmp(mode, "pingpong-deadlock") == 0) {
        static int pipes[2][2];
        static struct RingChild members[2];
        clock_gettime(CLOCK_MONOTONIC, &pingPongEnd);
        pingPongEnd.tv_sec += kPingPongSeconds;
        for (int i = 0; i < 2; ++i) {
            if (pipe(pipes[i]) != 0) {
                die("pipe");
            }
        }
        for (int i = 0; i < 2; ++i) {
            members[i] = (struct RingChild){2, i, pipes};
            spawn(pingPongMember, &members[i], SYS_read, SYS_clock_nanosleep);
        }
        append("pipes=%lu", inodeOfFd(pipes[0][0]), NULL);
        append(",%lu", inodeOfFd(pipes[1][0]), NULL);
        for (int i = 0; i < 2; ++i) {
            close(pipes[i][0]);
            close(pipes[i][1]);
        }
    } else if (strcmp(mode, "deadlock3") == 0) {
        ring(3, 0);
    } else if (strcmp(mode, "possible-deadlock") == 0) {
        ring(2, 1);
    } else if (strcmp(mode, "poll") == 0 || strcmp(mode, "ppoll") == 0 ||
               strcmp(mode, "select") == 0 || strcmp(mode, "pselect") == 0 ||
               strcmp(mode, "epoll") == 0) {
        pollPipeAndSocket(mode);
    } else if (strcmp(mode, "poll-deadlock") == 0) {
        pollRing(0);
    } else if (strcmp(mode, "poll-escape") == 0) {
        pollRing(1);
    } else if (strcmp(mode, "epoll-deadlock") == 0) {
        epollPair();
    } else if (strcmp(mode, "no-deadlock") == 0) {
        if (pipe(fds) != 0) {
            die("pipe");
        }
        spawn(readForever, &fds[0], SYS_read, SYS_read);
        spawn(sleepThenWrite, &fds[1], SYS_clock_nanosleep, SYS_nanosleep);
        append("pipe=%lu", inodeOfFd(fds[0]), NULL);
        close(fds[0]);
        close(fds[1]);
    } else {
        fprintf(stderr, "stuckprocess: unknown mode '%s'\n", mode);
        return 2;
    }
    waitInPlace();
    printf("ready pids=");
    for (int i = 0; i < childCount; ++i) {
        printf(i ? ",%d" : "%d", (int)children[i]);
    }
    printf(" %s\n", extra);
    fflush(stdout);
    char buf[64];
    while (read(0, buf, sizeof buf) > 0) {
    }
    cleanup();
    return 0;
}

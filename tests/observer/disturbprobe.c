// Processes that tell whether an observer disturbed them (issue 11's not-disturbing test):
//   - a child blocked in semop(-1) on a fresh semaphore; if semop ever returns (EINTR from a
//     ptrace attach, say) it reports "semop-returned ERRNO";
//   - a pipe reader and its only writer; the writer exits when told ("release" on stdin), and
//     the reader reports "eof" when read() returns 0 (an extra write end held by anyone would
//     keep it waiting);
//   - a queue holding three type-1 messages with a child blocked in msgrcv for type 3.
// Prints "ready semop=PID semid=ID reader=PID writer=PID msqid=ID waiter=PID", then one line per
// report. At EOF on stdin it kills its children and removes its objects; children die with it
// (PR_SET_PDEATHSIG).

#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/msg.h>
#include <sys/prctl.h>
#include <sys/sem.h>
#include <sys/wait.h>
#include <unistd.h>

static pid_t self;

static void die(const char* what) {
    fprintf(stderr, "disturbprobe: %s: %s\n", what, strerror(errno));
    exit(2);
}

static pid_t child(void) {
    const pid_t pid = fork();
    if (pid < 0) {
        die("fork");
    }
    if (pid == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != self) {
            _exit(126);
        }
    }
    return pid;
}

static int reports[2], data[2], control[2];

// In a child: closes the descriptors it must not hold (a write end held by the wrong process
// would keep the reader from its EOF), all but `keep` and `alsoKeep`.
static void keepOnly(int keep, int alsoKeep) {
    const int all[] = {reports[0], data[0], data[1], control[0], control[1]};
    for (int i = 0; i < 5; ++i) {
        if (all[i] >= 0 && all[i] != keep && all[i] != alsoKeep) {
            close(all[i]);
        }
    }
}

static void report(int fd, const char* text) {
    (void)!write(fd, text, strlen(text));
}

int main(void) {
    self = getpid();
    if (pipe(reports) != 0 || pipe(data) != 0 || pipe(control) != 0) {
        die("pipe");
    }
    const int semid = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
    const int msqid = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    if (semid < 0 || msqid < 0) {
        die("semget/msgget");
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

    const pid_t semWaiter = child();
    if (semWaiter == 0) {
        keepOnly(-1, -1);
        struct sembuf op = {0, -1, 0};
        const int r = semop(semid, &op, 1);
        char line[64];
        snprintf(line, sizeof line, "semop-returned %d\n", r == 0 ? 0 : errno);
        report(reports[1], line);
        _exit(0);
    }
    const pid_t reader = child();
    if (reader == 0) {
        keepOnly(data[0], -1);
        char byte;
        ssize_t n;
        while ((n = read(data[0], &byte, 1)) > 0) {
        }
        report(reports[1], n == 0 ? "eof\n" : "read-failed\n");
        _exit(0);
    }
    const pid_t writer = child();
    if (writer == 0) {
        keepOnly(data[1], control[0]);
        char byte;
        while (read(control[0], &byte, 1) > 0) { // until the parent lets go of control
        }
        _exit(0); // and with it the pipe's only write end
    }
    const pid_t msgWaiter = child();
    if (msgWaiter == 0) {
        keepOnly(-1, -1);
        struct {
            long type;
            char text[16];
        } r;
        const ssize_t n = msgrcv(msqid, &r, sizeof r.text, 3, 0);
        char line[64];
        snprintf(line, sizeof line, "msgrcv-returned %d\n", n >= 0 ? 0 : errno);
        report(reports[1], line);
        _exit(0);
    }
    close(data[0]);
    close(data[1]);
    close(control[0]);
    close(reports[1]);
    printf("ready semop=%d semid=%d reader=%d writer=%d msqid=%d waiter=%d\n", (int)semWaiter,
           semid, (int)reader, (int)writer, msqid, (int)msgWaiter);
    fflush(stdout);

    struct pollfd fds[2] = {{0, POLLIN, 0}, {reports[0], POLLIN, 0}};
    for (;;) {
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR) {
                continue;
            }
            break;
        }
        if (fds[1].revents) {
            char buf[256];
            const ssize_t n = read(reports[0], buf, sizeof buf);
            if (n > 0) {
                fwrite(buf, 1, (size_t)n, stdout);
                fflush(stdout);
            } else {
                fds[1].fd = -1; // every reporter has gone
            }
        }
        if (fds[0].revents) {
            char buf[64];
            const ssize_t n = read(0, buf, sizeof buf);
            if (n <= 0) {
                break;
            }
            if (memmem(buf, (size_t)n, "release", 7) && control[1] >= 0) {
                close(control[1]);
                control[1] = -1;
            }
        }
    }
    const pid_t all[] = {semWaiter, reader, writer, msgWaiter};
    for (int i = 0; i < 4; ++i) {
        kill(all[i], SIGKILL);
        waitpid(all[i], NULL, 0);
    }
    semctl(semid, 0, IPC_RMID);
    msgctl(msqid, IPC_RMID, NULL);
    return 0;
}

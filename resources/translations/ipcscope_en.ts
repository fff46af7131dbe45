<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>CoreStrings</name>
    <message>
        <source>bytes</source>
        <translation>bytes</translation>
    </message>
    <message>
        <source>messages</source>
        <translation>messages</translation>
    </message>
    <message>
        <source>slots</source>
        <translation>slots</translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>tokens</translation>
    </message>
    <message>
        <source>pages</source>
        <translation>pages</translation>
    </message>
    <message>
        <source>Number of message queues</source>
        <translation>Number of message queues</translation>
    </message>
    <message>
        <source>Max size of message</source>
        <translation>Max size of message</translation>
    </message>
    <message>
        <source>Default max size of queue</source>
        <translation>Default max size of queue</translation>
    </message>
    <message>
        <source>Shared memory segments</source>
        <translation>Shared memory segments</translation>
    </message>
    <message>
        <source>Shared memory pages</source>
        <translation>Shared memory pages</translation>
    </message>
    <message>
        <source>Max size of shared memory segment</source>
        <translation>Max size of shared memory segment</translation>
    </message>
    <message>
        <source>Min size of shared memory segment</source>
        <translation>Min size of shared memory segment</translation>
    </message>
    <message>
        <source>Number of semaphore identifiers</source>
        <translation>Number of semaphore identifiers</translation>
    </message>
    <message>
        <source>Total number of semaphores</source>
        <translation>Total number of semaphores</translation>
    </message>
    <message>
        <source>Max semaphores per semaphore set</source>
        <translation>Max semaphores per semaphore set</translation>
    </message>
    <message>
        <source>Max number of operations per semop(2)</source>
        <translation>Max number of operations per semop(2)</translation>
    </message>
    <message>
        <source>Semaphore max value</source>
        <translation>Semaphore max value</translation>
    </message>
    <message>
        <source>Number of POSIX message queues</source>
        <translation>Number of POSIX message queues</translation>
    </message>
    <message>
        <source>Max messages per POSIX queue</source>
        <translation>Max messages per POSIX queue</translation>
    </message>
    <message>
        <source>Max size of a POSIX message</source>
        <translation>Max size of a POSIX message</translation>
    </message>
    <message>
        <source>Default messages per POSIX queue</source>
        <translation>Default messages per POSIX queue</translation>
    </message>
    <message>
        <source>Default size of a POSIX message</source>
        <translation>Default size of a POSIX message</translation>
    </message>
    <message>
        <source>Anonymous pipe</source>
        <translation>Anonymous pipe</translation>
    </message>
    <message>
        <source>FIFO (named pipe)</source>
        <translation>FIFO (named pipe)</translation>
    </message>
    <message>
        <source>System V message queue</source>
        <translation>System V message queue</translation>
    </message>
    <message>
        <source>System V shared memory + semaphores</source>
        <translation>System V shared memory + semaphores</translation>
    </message>
    <message>
        <source>System V semaphores</source>
        <translation>System V semaphores</translation>
    </message>
    <message>
        <source>POSIX message queue</source>
        <translation>POSIX message queue</translation>
    </message>
    <message>
        <source>POSIX shared memory + named semaphores</source>
        <translation>POSIX shared memory + named semaphores</translation>
    </message>
    <message>
        <source>Unix domain socket (stream)</source>
        <translation>Unix domain socket (stream)</translation>
    </message>
    <message>
        <source>Unix domain socket (datagram)</source>
        <translation>Unix domain socket (datagram)</translation>
    </message>
    <message>
        <source>pipe(2) shared by related processes; bytes, blocking when full or empty</source>
        <translation>pipe(2) shared by related processes; bytes, blocking when full or empty</translation>
    </message>
    <message>
        <source>mkfifo(3) path opened by unrelated processes; open waits for the other side</source>
        <translation>mkfifo(3) path opened by unrelated processes; open waits for the other side</translation>
    </message>
    <message>
        <source>msgget/msgsnd/msgrcv; typed messages, consumers may select a type</source>
        <translation>msgget/msgsnd/msgrcv; typed messages, consumers may select a type</translation>
    </message>
    <message>
        <source>ring of slots in shmget memory guarded by semaphores empty/full/mutex</source>
        <translation>ring of slots in shmget memory guarded by semaphores empty/full/mutex</translation>
    </message>
    <message>
        <source>counting semaphore tokens: producers V, consumers P, capacity by a second semaphore</source>
        <translation>counting semaphore tokens: producers V, consumers P, capacity by a second semaphore</translation>
    </message>
    <message>
        <source>mq_open/mq_send/mq_receive; messages with priorities</source>
        <translation>mq_open/mq_send/mq_receive; messages with priorities</translation>
    </message>
    <message>
        <source>ring of slots in shm_open memory guarded by sem_open semaphores</source>
        <translation>ring of slots in shm_open memory guarded by sem_open semaphores</translation>
    </message>
    <message>
        <source>socketpair(AF_UNIX, SOCK_STREAM); bytes</source>
        <translation>socketpair(AF_UNIX, SOCK_STREAM); bytes</translation>
    </message>
    <message>
        <source>socketpair(AF_UNIX, SOCK_DGRAM); one message per datagram</source>
        <translation>socketpair(AF_UNIX, SOCK_DGRAM); one message per datagram</translation>
    </message>
    <message>
        <source>System V shared memory</source>
        <translation>System V shared memory</translation>
    </message>
    <message>
        <source>System V semaphore set</source>
        <translation>System V semaphore set</translation>
    </message>
    <message>
        <source>POSIX shared memory</source>
        <translation>POSIX shared memory</translation>
    </message>
    <message>
        <source>POSIX named semaphore</source>
        <translation>POSIX named semaphore</translation>
    </message>
    <message>
        <source>pipe</source>
        <translation>pipe</translation>
    </message>
    <message>
        <source>FIFO</source>
        <translation>FIFO</translation>
    </message>
    <message>
        <source>producer</source>
        <translation>producer</translation>
    </message>
    <message>
        <source>consumer</source>
        <translation>consumer</translation>
    </message>
    <message>
        <source>producer %1</source>
        <translation>producer %1</translation>
    </message>
    <message>
        <source>consumer %1</source>
        <translation>consumer %1</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>starting</translation>
    </message>
    <message>
        <source>running</source>
        <translation>running</translation>
    </message>
    <message>
        <source>blocked</source>
        <translation>blocked</translation>
    </message>
    <message>
        <source>throttled</source>
        <translation>throttled</translation>
    </message>
    <message>
        <source>draining</source>
        <translation>draining</translation>
    </message>
    <message>
        <source>exited</source>
        <translation>exited</translation>
    </message>
    <message>
        <source>waiting for step</source>
        <translation>waiting for step</translation>
    </message>
    <message>
        <source>process %1</source>
        <translation>process %1</translation>
    </message>
    <message>
        <source>Unix stream socket</source>
        <translation>Unix stream socket</translation>
    </message>
    <message>
        <source>Unix datagram socket</source>
        <translation>Unix datagram socket</translation>
    </message>
    <message>
        <source>Unix seqpacket socket</source>
        <translation>Unix seqpacket socket</translation>
    </message>
    <message>
        <source>listening</source>
        <translation>listening</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>connected</translation>
    </message>
    <message>
        <source>unconnected</source>
        <translation>unconnected</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>connecting</translation>
    </message>
</context>
<context>
    <name>Exporter</name>
    <message>
        <source>Could not write %1: %2.</source>
        <translation>Could not write %1: %2.</translation>
    </message>
    <message>
        <source>Could not create %1: %2.</source>
        <translation>Could not create %1: %2.</translation>
    </message>
    <message>
        <source>There is nothing to export: the charts are not shown.</source>
        <translation>There is nothing to export: the charts are not shown.</translation>
    </message>
    <message>
        <source>Could not encode the charts as PNG.</source>
        <translation>Could not encode the charts as PNG.</translation>
    </message>
    <message>
        <source>There is no data to export yet: start a run or open a recording first.</source>
        <translation>There is no data to export yet: start a run or open a recording first.</translation>
    </message>
    <message>
        <source>There is no data to export yet: start a run or an observation, or open a recording, first.</source>
        <translation>There is no data to export yet: start a run or an observation, or open a recording, first.</translation>
    </message>
</context>
<context>
    <name>LessonWording</name>
    <message>
        <source>%1 sent, %2 received, %3 lost, %4 duplicated, %5 corrupted</source>
        <translation>%1 sent, %2 received, %3 lost, %4 duplicated, %5 corrupted</translation>
    </message>
    <message>
        <source>longest wait of a %1 in %2: %3</source>
        <translation>longest wait of a %1 in %2: %3</translation>
    </message>
    <message>
        <source>%1 of %2 saw EOF</source>
        <translation>%1 of %2 saw EOF</translation>
    </message>
    <message>
        <source>no deadlock was seen</source>
        <translation>no deadlock was seen</translation>
    </message>
    <message>
        <source>every process was waiting %1 s into the run, nothing moving</source>
        <translation>every process was waiting %1 s into the run, nothing moving</translation>
    </message>
    <message>
        <source>%1 object(s) still in the kernel after every process died</source>
        <translation>%1 object(s) still in the kernel after every process died</translation>
    </message>
    <message>
        <source>%1 process(es) attached when IPC_RMID marked it destroy-pending</source>
        <translation>%1 process(es) attached when IPC_RMID marked it destroy-pending</translation>
    </message>
    <message>
        <source>every message arrives once and intact</source>
        <translation>every message arrives once and intact</translation>
    </message>
    <message>
        <source>messages are lost, duplicated or corrupted</source>
        <translation>messages are lost, duplicated or corrupted</translation>
    </message>
    <message>
        <source>at least %1 message(s) are never received</source>
        <translation>at least %1 message(s) are never received</translation>
    </message>
    <message>
        <source>a %1 waits in %2 for at least %3 s at a stretch</source>
        <translation>a %1 waits in %2 for at least %3 s at a stretch</translation>
    </message>
    <message>
        <source>no %1 waits in %2 for %3 s at a stretch</source>
        <translation>no %1 waits in %2 for %3 s at a stretch</translation>
    </message>
    <message>
        <source>every %1 sees the other side close (EOF)</source>
        <translation>every %1 sees the other side close (EOF)</translation>
    </message>
    <message>
        <source>no %1 ever sees EOF</source>
        <translation>no %1 ever sees EOF</translation>
    </message>
    <message>
        <source>every process waits for another and nothing moves (deadlock)</source>
        <translation>every process waits for another and nothing moves (deadlock)</translation>
    </message>
    <message>
        <source>the kernel objects outlive every process that used them</source>
        <translation>the kernel objects outlive every process that used them</translation>
    </message>
    <message>
        <source>the segment, removed while attached, lives on destroy-pending</source>
        <translation>the segment, removed while attached, lives on destroy-pending</translation>
    </message>
    <message>
        <source>This run should show: %1</source>
        <translation>This run should show: %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;The run showed its point:&lt;/b&gt;</source>
        <translation>&lt;b&gt;The run showed its point:&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;The run did not show its point this time:&lt;/b&gt;</source>
        <translation>&lt;b&gt;The run did not show its point this time:&lt;/b&gt;</translation>
    </message>
    <message>
        <source>What to watch:</source>
        <translation>What to watch:</translation>
    </message>
    <message>
        <source>&lt;p&gt;No lesson is loaded. Lesson files (*.json) are read from:&lt;/p&gt;</source>
        <translation>&lt;p&gt;No lesson is loaded. Lesson files (*.json) are read from:&lt;/p&gt;</translation>
    </message>
    <message>
        <source>no %1 failed with %2</source>
        <translation>no %1 failed with %2</translation>
    </message>
    <message>
        <source>%1 %2: %3 failed with %4 (%5) %6 into the run</source>
        <translation>%1 %2: %3 failed with %4 (%5) %6 into the run</translation>
    </message>
    <message>
        <source>a call</source>
        <translation>a call</translation>
    </message>
    <message>
        <source>a %1's call fails with %2</source>
        <translation>a %1's call fails with %2</translation>
    </message>
    <message>
        <source>a %1's %2 fails with %3</source>
        <translation>a %1's %2 fails with %3</translation>
    </message>
</context>
<context>
    <name>RecordingFiles</name>
    <message>
        <source>ipcscope recordings (*.ipcrec);;All files (*)</source>
        <translation>ipcscope recordings (*.ipcrec);;All files (*)</translation>
    </message>
</context>
<context>
    <name>ipcscope::BlockingTimelineView</name>
    <message>
        <source>stopped</source>
        <translation>stopped</translation>
    </message>
    <message>
        <source>blocked in %1</source>
        <translation>blocked in %1</translation>
    </message>
    <message>
        <source>Blocking timeline</source>
        <translation>Blocking timeline</translation>
    </message>
    <message>
        <source>Start a run to see who waits, where and for how long</source>
        <translation>Start a run to see who waits, where and for how long</translation>
    </message>
    <message>
        <source>time (s)</source>
        <translation>time (s)</translation>
    </message>
    <message>
        <source>%1 %2 for %3 (%4 s → %5 s)</source>
        <translation>%1 %2 for %3 (%4 s → %5 s)</translation>
    </message>
    <message>
        <source>%1 (thread %2)</source>
        <translation>%1 (thread %2)</translation>
    </message>
    <message>
        <source>at least %1</source>
        <translation>at least %1</translation>
    </message>
    <message>
        <source>start-up</source>
        <translation>start-up</translation>
    </message>
    <message>
        <source>What each worker was doing over the last minute: starting up, running, blocked in a call, throttled to its rate, waiting for a step, draining, stopped or exited</source>
        <translation>What each worker was doing over the last minute: starting up, running, blocked in a call, throttled to its rate, waiting for a step, draining, stopped or exited</translation>
    </message>
</context>
<context>
    <name>ipcscope::ClassroomPage</name>
    <message>
        <source>&lt;b&gt;Cannot start this lesson:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Cannot start this lesson:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>Restart</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Start the lesson with real processes (F5); while it runs, start it again from the beginning</source>
        <translation>Start the lesson with real processes (F5); while it runs, start it again from the beginning</translation>
    </message>
    <message>
        <source>Pause every process of the lesson, or let it continue (F6)</source>
        <translation>Pause every process of the lesson, or let it continue (F6)</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>Each process performs exactly one operation and waits again (F10). The first press stops them before their next operation.</source>
        <translation>Each process performs exactly one operation and waits again (F10). The first press stops them before their next operation.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>End the lesson: the processes stop and every object is removed (Shift+F5)</source>
        <translation>End the lesson: the processes stop and every object is removed (Shift+F5)</translation>
    </message>
    <message>
        <source>Presentation</source>
        <translation>Presentation</translation>
    </message>
    <message>
        <source>Pace:</source>
        <translation>Pace:</translation>
    </message>
    <message>
        <source>Variant:</source>
        <translation>Variant:</translation>
    </message>
    <message>
        <source>Real time</source>
        <translation>Real time</translation>
    </message>
    <message>
        <source>1 operation per second</source>
        <translation>1 operation per second</translation>
    </message>
    <message>
        <source>1 operation every 2 s</source>
        <translation>1 operation every 2 s</translation>
    </message>
    <message>
        <source>1 operation every 5 s</source>
        <translation>1 operation every 5 s</translation>
    </message>
    <message>
        <source>How fast each process may go: real time, or at most one operation per interval, so every step can be explained</source>
        <translation>How fast each process may go: real time, or at most one operation per interval, so every step can be explained</translation>
    </message>
    <message>
        <source>A pitfall runs broken (the mistake) or fixed</source>
        <translation>A pitfall runs broken (the mistake) or fixed</translation>
    </message>
    <message>
        <source>&lt;b&gt;Lesson files that did not load:&lt;/b&gt;&lt;br&gt;%1</source>
        <translation>&lt;b&gt;Lesson files that did not load:&lt;/b&gt;&lt;br&gt;%1</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>Running…</translation>
    </message>
    <message>
        <source>Step by step: press Step (F10) for one more operation of each process, Continue (F6) to run on.</source>
        <translation>Step by step: press Step (F10) for one more operation of each process, Continue (F6) to run on.</translation>
    </message>
    <message>
        <source>Paused.</source>
        <translation>Paused.</translation>
    </message>
    <message>
        <source>Running… %1 s</source>
        <translation>Running… %1 s</translation>
    </message>
    <message>
        <source>Lesson finished: it showed its point</source>
        <translation>Lesson finished: it showed its point</translation>
    </message>
    <message>
        <source>Lesson finished: it did not show its point</source>
        <translation>Lesson finished: it did not show its point</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continue</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Full screen with large text and bold code, readable from the back of a room (Ctrl+Shift+P)</source>
        <translation>Full screen with large text and bold code, readable from the back of a room (Ctrl+Shift+P)</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Recorded to %1</source>
        <translation>Recorded to %1</translation>
    </message>
    <message>
        <source>Replay a Recorded Lesson</source>
        <translation>Replay a Recorded Lesson</translation>
    </message>
    <message>
        <source>Cannot Replay</source>
        <translation>Cannot Replay</translation>
    </message>
    <message>
        <source>Replay…</source>
        <translation>Replay…</translation>
    </message>
    <message>
        <source>Replay a recorded lesson with its code, without running any process (Ctrl+O)</source>
        <translation>Replay a recorded lesson with its code, without running any process (Ctrl+O)</translation>
    </message>
    <message>
        <source>Replaying a recorded lesson; no process runs.</source>
        <translation>Replaying a recorded lesson; no process runs.</translation>
    </message>
    <message>
        <source>Press Start (F5) to run the lesson with real processes,
or Step (F10) to go one operation at a time.</source>
        <translation>Press Start (F5) to run the lesson with real processes,
or Step (F10) to go one operation at a time.</translation>
    </message>
    <message>
        <source>Record the lesson's runs to files in %1; Replay… (Ctrl+O) plays one back without any process</source>
        <translation>Record the lesson's runs to files in %1; Replay… (Ctrl+O) plays one back without any process</translation>
    </message>
</context>
<context>
    <name>ipcscope::DepthChartView</name>
    <message>
        <source>Channel fill</source>
        <translation>Channel fill</translation>
    </message>
    <message>
        <source>time (s)</source>
        <translation>time (s)</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>queued</translation>
    </message>
    <message>
        <source>capacity</source>
        <translation>capacity</translation>
    </message>
    <message>
        <source>How full the channel is (messages or bytes waiting), against its capacity</source>
        <translation>How full the channel is (messages or bytes waiting), against its capacity</translation>
    </message>
    <message>
        <source>%1 queued</source>
        <translation>%1 queued</translation>
    </message>
    <message>
        <source>%1: queued</source>
        <translation>%1: queued</translation>
    </message>
    <message>
        <source>%1: capacity</source>
        <translation>%1: capacity</translation>
    </message>
    <message>
        <source>queued (each channel in its own unit)</source>
        <translation>queued (each channel in its own unit)</translation>
    </message>
    <message>
        <source>Queued per channel (estimated from kernel counters)</source>
        <translation>Queued per channel (estimated from kernel counters)</translation>
    </message>
    <message>
        <source>No fill level known: a pipe or FIFO tells it only to the processes that hold it.</source>
        <translation>No fill level known: a pipe or FIFO tells it only to the processes that hold it.</translation>
    </message>
    <message>
        <source>send buffer limit</source>
        <translation>send buffer limit</translation>
    </message>
    <message>
        <source>Payload bytes sent and not yet received, against the socket's send buffer limit (SO_SNDBUF). The kernel charges each queued message's buffer overhead (its sk_buff, several hundred bytes) against that limit as well, so a sender waits long before the payload reaches it: with small messages, at a small fraction of it.</source>
        <translation>Payload bytes sent and not yet received, against the socket's send buffer limit (SO_SNDBUF). The kernel charges each queued message's buffer overhead (its sk_buff, several hundred bytes) against that limit as well, so a sender waits long before the payload reaches it: with small messages, at a small fraction of it.</translation>
    </message>
</context>
<context>
    <name>ipcscope::EventLogModel</name>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>Worker</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message numerus="yes">
        <source>… and %n earlier event(s) not listed (the log keeps the last %1)</source>
        <translation>
            <numerusform>… and %n earlier event not listed (the log keeps the last %1)</numerusform>
            <numerusform>… and %n earlier events not listed (the log keeps the last %1)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ipcscope::FlowTableModel</name>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>≈ %1</source>
        <translation>≈ %1</translation>
    </message>
    <message>
        <source>sends</source>
        <translation>sends</translation>
    </message>
    <message>
        <source>receives</source>
        <translation>receives</translation>
    </message>
    <message>
        <source>both</source>
        <translation>both</translation>
    </message>
    <message>
        <source>exact</source>
        <translation>exact</translation>
    </message>
    <message>
        <source>estimated</source>
        <translation>estimated</translation>
    </message>
    <message>
        <source>not counted</source>
        <translation>not counted</translation>
    </message>
    <message>
        <source>Exact: every call of pid %1 on %2 counted as it happened</source>
        <translation>Exact: every call of pid %1 on %2 counted as it happened</translation>
    </message>
    <message>
        <source>Estimated from the kernel's counters of %1, sampled: not every call is seen</source>
        <translation>Estimated from the kernel's counters of %1, sampled: not every call is seen</translation>
    </message>
    <message>
        <source>Not counted: /proc tells who holds %1 but not what moves through each end. Turn on Exact flow (eBPF) for the figures.</source>
        <translation>Not counted: /proc tells who holds %1 but not what moves through each end. Turn on Exact flow (eBPF) for the figures.</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Command</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Way</source>
        <translation>Way</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>Bytes</translation>
    </message>
    <message>
        <source>Messages/s</source>
        <translation>Messages/s</translation>
    </message>
    <message>
        <source>Bytes/s</source>
        <translation>Bytes/s</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>Figures</translation>
    </message>
    <message>
        <source>Messages moved through this end since observing began ("≈": estimated)</source>
        <translation>Messages moved through this end since observing began ("≈": estimated)</translation>
    </message>
    <message>
        <source>Bytes moved through this end since observing began ("≈": estimated)</source>
        <translation>Bytes moved through this end since observing began ("≈": estimated)</translation>
    </message>
    <message>
        <source>The recent rate, over the last quarter second or more</source>
        <translation>The recent rate, over the last quarter second or more</translation>
    </message>
    <message>
        <source>Exact: counted in the kernel by ipcscope-probe (Exact flow (eBPF)); estimated: from the kernel's queue counters, sampled; not counted: nothing counts this end without the probe</source>
        <translation>Exact: counted in the kernel by ipcscope-probe (Exact flow (eBPF)); estimated: from the kernel's queue counters, sampled; not counted: nothing counts this end without the probe</translation>
    </message>
</context>
<context>
    <name>ipcscope::GaugeChartView</name>
    <message>
        <source>Gauges</source>
        <translation>Gauges</translation>
    </message>
    <message>
        <source>time (s)</source>
        <translation>time (s)</translation>
    </message>
    <message>
        <source>value</source>
        <translation>value</translation>
    </message>
</context>
<context>
    <name>ipcscope::InventoryModel</name>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n message</numerusform>
            <numerusform>%n messages</numerusform>
        </translation>
    </message>
    <message>
        <source>, %1 of %2</source>
        <translation>, %1 of %2</translation>
    </message>
    <message numerus="yes">
        <source>%n attached</source>
        <translation>
            <numerusform>%n attached</numerusform>
            <numerusform>%n attached</numerusform>
        </translation>
    </message>
    <message>
        <source>, destroy pending</source>
        <translation>, destroy pending</translation>
    </message>
    <message numerus="yes">
        <source>%n semaphore(s)</source>
        <translation>
            <numerusform>%n semaphore</numerusform>
            <numerusform>%n semaphores</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 messages</source>
        <translation>%1 of %2 messages</translation>
    </message>
    <message>
        <source>%1 queued</source>
        <translation>%1 queued</translation>
    </message>
    <message>
        <source>value %1</source>
        <translation>value %1</translation>
    </message>
    <message>
        <source>%1 reader(s), %2 writer(s)</source>
        <translation>%1 reader(s), %2 writer(s)</translation>
    </message>
    <message>
        <source>This object has just disappeared</source>
        <translation>This object has just disappeared</translation>
    </message>
    <message>
        <source>Created by an ipcscope run</source>
        <translation>Created by an ipcscope run</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>ID / name</source>
        <translation>ID / name</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>Perms</source>
        <translation>Perms</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>Usage</translation>
    </message>
    <message>
        <source>Used by</source>
        <translation>Used by</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Changed</translation>
    </message>
    <message>
        <source>System V key (0x00000000 = IPC_PRIVATE)</source>
        <translation>System V key (0x00000000 = IPC_PRIVATE)</translation>
    </message>
    <message numerus="yes">
        <source>listening · %n waiting to be accepted</source>
        <translation>
            <numerusform>listening · %n waiting to be accepted</numerusform>
            <numerusform>listening · %n waiting to be accepted</numerusform>
        </translation>
    </message>
    <message>
        <source>connected to %1 · %2</source>
        <translation>connected to %1 · %2</translation>
    </message>
    <message>
        <source>connected · %1 · %2</source>
        <translation>connected · %1 · %2</translation>
    </message>
    <message>
        <source>(pid %1)</source>
        <translation>(pid %1)</translation>
    </message>
    <message>
        <source>not accepted yet by socket:[%1]</source>
        <translation>not accepted yet by socket:[%1]</translation>
    </message>
    <message>
        <source>other end closed</source>
        <translation>other end closed</translation>
    </message>
    <message numerus="yes">
        <source>%n waiting to be accepted</source>
        <translation>
            <numerusform>%n waiting to be accepted</numerusform>
            <numerusform>%n waiting to be accepted</numerusform>
        </translation>
    </message>
    <message>
        <source>nothing queued</source>
        <translation>nothing queued</translation>
    </message>
    <message>
        <source>next datagram %1</source>
        <translation>next datagram %1</translation>
    </message>
    <message>
        <source>System V id, POSIX name, FIFO path, pipe inode, or a Unix socket's path, @abstract name or inode</source>
        <translation>System V id, POSIX name, FIFO path, pipe inode, or a Unix socket's path, @abstract name or inode</translation>
    </message>
    <message>
        <source>Processes attached to, mapping, or holding the object open, and those waiting on it in a call (msgrcv, semop, mq_timedreceive, sem_wait)</source>
        <translation>Processes attached to, mapping, or holding the object open, and those waiting on it in a call (msgrcv, semop, mq_timedreceive, sem_wait)</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 waits in %2 · ≥ %3</source>
        <translation>%1 waits in %2 · ≥ %3</translation>
    </message>
    <message>
        <source>Marked for destruction: it disappears when the last process detaches</source>
        <translation>Marked for destruction: it disappears when the last process detaches</translation>
    </message>
</context>
<context>
    <name>ipcscope::LabController</name>
    <message>
        <source>Could not start: %1</source>
        <translation>Could not start: %1</translation>
    </message>
    <message>
        <source>Recording stopped: %1</source>
        <translation>Recording stopped: %1</translation>
    </message>
    <message>
        <source>Could not record: %1</source>
        <translation>Could not record: %1</translation>
    </message>
    <message>
        <source>Could not finish the recording: %1</source>
        <translation>Could not finish the recording: %1</translation>
    </message>
    <message>
        <source>Could not open the recording: %1</source>
        <translation>Could not open the recording: %1</translation>
    </message>
    <message>
        <source>Could not open the recording: %1 holds no samples (the lab stopped before the first one).</source>
        <translation>Could not open the recording: %1 holds no samples (the lab stopped before the first one).</translation>
    </message>
    <message>
        <source>Choose what to observe first: processes, a command, a process tree or an object.</source>
        <translation>Choose what to observe first: processes, a command, a process tree or an object.</translation>
    </message>
    <message>
        <source>The sampling interval must be longer than zero.</source>
        <translation>The sampling interval must be longer than zero.</translation>
    </message>
</context>
<context>
    <name>ipcscope::LabPage</name>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Start</translation>
    </message>
    <message>
        <source>Start the run: launch the worker processes (F5)</source>
        <translation>Start the run: launch the worker processes (F5)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>S&amp;top</translation>
    </message>
    <message>
        <source>Stop: producers finish, consumers drain the channel, every object is removed (Shift+F5)</source>
        <translation>Stop: producers finish, consumers drain the channel, every object is removed (Shift+F5)</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <source>Pause: stop every worker with SIGSTOP; resume with SIGCONT (F6)</source>
        <translation>Pause: stop every worker with SIGSTOP; resume with SIGCONT (F6)</translation>
    </message>
    <message>
        <source>messages/s</source>
        <translation>messages/s</translation>
    </message>
    <message>
        <source>bytes/s</source>
        <translation>bytes/s</translation>
    </message>
    <message>
        <source>Unit of the throughput chart</source>
        <translation>Unit of the throughput chart</translation>
    </message>
    <message>
        <source>Throughput in</source>
        <translation>Throughput in</translation>
    </message>
    <message>
        <source>&amp;Workers</source>
        <translation>&amp;Workers</translation>
    </message>
    <message>
        <source>&amp;Events</source>
        <translation>&amp;Events</translation>
    </message>
    <message>
        <source>Cannot run: %1</source>
        <translation>Cannot run: %1</translation>
    </message>
    <message>
        <source>Started %1: %2 producer(s), %3 consumer(s)</source>
        <translation>Started %1: %2 producer(s), %3 consumer(s)</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Note: %1</translation>
    </message>
    <message>
        <source>Clean run: %1 messages sent and received intact in %2 s.</source>
        <translation>Clean run: %1 messages sent and received intact in %2 s.</translation>
    </message>
    <message>
        <source>Problems: lost %1, duplicated %2, corrupted %3, reordered %4%5.</source>
        <translation>Problems: lost %1, duplicated %2, corrupted %3, reordered %4%5.</translation>
    </message>
    <message>
        <source>; a worker failed or was killed</source>
        <translation>; a worker failed or was killed</translation>
    </message>
    <message>
        <source>Finished. %1 Every object of the run was removed.</source>
        <translation>Finished. %1 Every object of the run was removed.</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Ready</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Finished</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Paused</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Running</translation>
    </message>
    <message>
        <source>Stopping</source>
        <translation>Stopping</translation>
    </message>
    <message>
        <source>Draining</source>
        <translation>Draining</translation>
    </message>
    <message>
        <source>%1 · %2 s · sent %3 · received %4</source>
        <translation>%1 · %2 s · sent %3 · received %4</translation>
    </message>
    <message>
        <source> · integrity: clean</source>
        <translation> · integrity: clean</translation>
    </message>
    <message>
        <source> · integrity: VIOLATED</source>
        <translation> · integrity: VIOLATED</translation>
    </message>
    <message>
        <source> · integrity: problems seen</source>
        <translation> · integrity: problems seen</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>&amp;Record</translation>
    </message>
    <message>
        <source>&amp;Open Recording…</source>
        <translation>&amp;Open Recording…</translation>
    </message>
    <message>
        <source>Export Charts as &amp;PNG…</source>
        <translation>Export Charts as &amp;PNG…</translation>
    </message>
    <message>
        <source>Save the topology, the timeline and the charts as they are shown now, as one image</source>
        <translation>Save the topology, the timeline and the charts as they are shown now, as one image</translation>
    </message>
    <message>
        <source>Export Data as &amp;CSV…</source>
        <translation>Export Data as &amp;CSV…</translation>
    </message>
    <message>
        <source>Save the samples (time, each worker's messages, bytes, state and blocked time, channel depth) as a table for a spreadsheet; a long run's are thinned evenly to a few thousand rows</source>
        <translation>Save the samples (time, each worker's messages, bytes, state and blocked time, channel depth) as a table for a spreadsheet; a long run's are thinned evenly to a few thousand rows</translation>
    </message>
    <message>
        <source>Recording to %1</source>
        <translation>Recording to %1</translation>
    </message>
    <message>
        <source> · recording</source>
        <translation> · recording</translation>
    </message>
    <message>
        <source>Replaying recording</source>
        <translation>Replaying recording</translation>
    </message>
    <message>
        <source>Replay finished</source>
        <translation>Replay finished</translation>
    </message>
    <message>
        <source>Replay paused</source>
        <translation>Replay paused</translation>
    </message>
    <message>
        <source>This recording ends at %1 without a final report: the run did not finish while it was recorded.</source>
        <translation>This recording ends at %1 without a final report: the run did not finish while it was recorded.</translation>
    </message>
    <message>
        <source>Replaying %1: %2, %3 producer(s), %4 consumer(s), recorded %5</source>
        <translation>Replaying %1: %2, %3 producer(s), %4 consumer(s), recorded %5</translation>
    </message>
    <message>
        <source>Replaying a recorded run; no process runs.</source>
        <translation>Replaying a recorded run; no process runs.</translation>
    </message>
    <message>
        <source>Open Recording</source>
        <translation>Open Recording</translation>
    </message>
    <message>
        <source>Could not open the recording</source>
        <translation>Could not open the recording</translation>
    </message>
    <message>
        <source>Export Charts as PNG</source>
        <translation>Export Charts as PNG</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG images (*.png)</translation>
    </message>
    <message>
        <source>Could not export the charts</source>
        <translation>Could not export the charts</translation>
    </message>
    <message>
        <source>Charts saved as %1</source>
        <translation>Charts saved as %1</translation>
    </message>
    <message>
        <source>Export Data as CSV</source>
        <translation>Export Data as CSV</translation>
    </message>
    <message>
        <source>CSV tables (*.csv);;All files (*)</source>
        <translation>CSV tables (*.csv);;All files (*)</translation>
    </message>
    <message>
        <source>Could not export the data</source>
        <translation>Could not export the data</translation>
    </message>
    <message numerus="yes">
        <source>%n sample(s) saved as %1</source>
        <translation>
            <numerusform>%n sample saved as %1</numerusform>
            <numerusform>%n samples saved as %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Recording saved in %1 (File › Open Recording replays it)</source>
        <translation>Recording saved in %1 (File › Open Recording replays it)</translation>
    </message>
    <message>
        <source>Record: save every sample of the run to a file you can replay anywhere, without running any process (Ctrl+Shift+R). Files go to %1</source>
        <translation>Record: save every sample of the run to a file you can replay anywhere, without running any process (Ctrl+Shift+R). Files go to %1</translation>
    </message>
    <message>
        <source>A run is going. Opening a recording stops it and removes its objects. Open a recording anyway?</source>
        <translation>A run is going. Opening a recording stops it and removes its objects. Open a recording anyway?</translation>
    </message>
    <message>
        <source>Replay a recorded run: the same views, with seek, pause and speed; no process runs. A recorded observation replays on the Observe page (Ctrl+O)</source>
        <translation>Replay a recorded run: the same views, with seek, pause and speed; no process runs. A recorded observation replays on the Observe page (Ctrl+O)</translation>
    </message>
    <message>
        <source>This recording is of an observation, not of a Lab run: open it on the Observe page (Observe › Open Recorded Observation).</source>
        <translation>This recording is of an observation, not of a Lab run: open it on the Observe page (Observe › Open Recorded Observation).</translation>
    </message>
    <message>
        <source>One line per wor&amp;ker</source>
        <translation>One line per wor&amp;ker</translation>
    </message>
    <message>
        <source>Draw every worker's own line instead of the sum per role with the range of its workers (remembered)</source>
        <translation>Draw every worker's own line instead of the sum per role with the range of its workers (remembered)</translation>
    </message>
    <message>
        <source>Setup</source>
        <translation>Setup</translation>
    </message>
    <message>
        <source>Show or hide the run's setup (F9). A run hides it and its end shows it again; show it during a run to keep it there.</source>
        <translation>Show or hide the run's setup (F9). A run hides it and its end shows it again; show it during a run to keep it there.</translation>
    </message>
</context>
<context>
    <name>ipcscope::Language</name>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>Follow the language of the desktop (%1)</source>
        <translation>Follow the language of the desktop (%1)</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>System default</translation>
    </message>
</context>
<context>
    <name>ipcscope::LessonCodeView</name>
    <message>
        <source>The C code this process runs. The highlighted line is where each worker is right now, read from its live state.</source>
        <translation>The C code this process runs. The highlighted line is where each worker is right now, read from its live state.</translation>
    </message>
    <message>
        <source>blocked in %1%2 for %3</source>
        <translation>blocked in %1%2 for %3</translation>
    </message>
    <message>
        <source>exited (%1)</source>
        <translation>exited (%1)</translation>
    </message>
    <message>
        <source>, paused</source>
        <translation>, paused</translation>
    </message>
    <message>
        <source> — line %1</source>
        <translation> — line %1</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) sent</source>
        <translation>
            <numerusform>%n message sent</numerusform>
            <numerusform>%n messages sent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) received</source>
        <translation>
            <numerusform>%n message received</numerusform>
            <numerusform>%n messages received</numerusform>
        </translation>
    </message>
    <message>
        <source>stopped while waiting in %1</source>
        <translation>stopped while waiting in %1</translation>
    </message>
    <message>
        <source>→ wrote %1 bytes: n + 1 (n = %2, then the NUL \0)</source>
        <translation>→ wrote %1 bytes: n + 1 (n = %2, then the NUL \0)</translation>
    </message>
    <message>
        <source>→ read %1 bytes: n + 1 (n = %2, the last one \0)</source>
        <translation>→ read %1 bytes: n + 1 (n = %2, the last one \0)</translation>
    </message>
    <message>
        <source>→ wrote %1 bytes: n (no NUL)</source>
        <translation>→ wrote %1 bytes: n (no NUL)</translation>
    </message>
    <message>
        <source>→ read %1 bytes: n (no NUL)</source>
        <translation>→ read %1 bytes: n (no NUL)</translation>
    </message>
</context>
<context>
    <name>ipcscope::LessonListModel</name>
    <message>
        <source>Pitfalls</source>
        <translation>Pitfalls</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>Lessons</translation>
    </message>
</context>
<context>
    <name>ipcscope::LimitsPage</name>
    <message>
        <source>Resource</source>
        <translation>Resource</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>Limit</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>In use</translation>
    </message>
    <message>
        <source>The kernel's limits on IPC objects, and how much of each is in use now. Raise a limit with sysctl, e.g. &lt;tt&gt;sysctl kernel.msgmni=64000&lt;/tt&gt;.</source>
        <translation>The kernel's limits on IPC objects, and how much of each is in use now. Raise a limit with sysctl, e.g. &lt;tt&gt;sysctl kernel.msgmni=64000&lt;/tt&gt;.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>no practical limit</source>
        <translation>no practical limit</translation>
    </message>
    <message>
        <source>%1 used (%2 %)</source>
        <translation>%1 used (%2 %)</translation>
    </message>
    <message>
        <source>no limit (0)</source>
        <translation>no limit (0)</translation>
    </message>
    <message>
        <source>%1 pages (%2)</source>
        <translation>%1 pages (%2)</translation>
    </message>
    <message>
        <source>Largest capacity an unprivileged process may give a pipe (F_SETPIPE_SZ); a new pipe holds 64 KiB</source>
        <translation>Largest capacity an unprivileged process may give a pipe (F_SETPIPE_SZ); a new pipe holds 64 KiB</translation>
    </message>
    <message>
        <source>A write of up to this many bytes to a pipe or FIFO is atomic: never interleaved with another writer's (a compile-time constant, not a setting)</source>
        <translation>A write of up to this many bytes to a pipe or FIFO is atomic: never interleaved with another writer's (a compile-time constant, not a setting)</translation>
    </message>
    <message>
        <source>Pipe buffer pages one user may hold before new pipes get a single page</source>
        <translation>Pipe buffer pages one user may hold before new pipes get a single page</translation>
    </message>
    <message>
        <source>Pipe buffer pages one user may hold before creating a pipe fails</source>
        <translation>Pipe buffer pages one user may hold before creating a pipe fails</translation>
    </message>
    <message>
        <source>Receive buffer of a new socket (a Unix stream socket's sender is held by it)</source>
        <translation>Receive buffer of a new socket (a Unix stream socket's sender is held by it)</translation>
    </message>
    <message>
        <source>Largest receive buffer a process may set (SO_RCVBUF)</source>
        <translation>Largest receive buffer a process may set (SO_RCVBUF)</translation>
    </message>
    <message>
        <source>Send buffer of a new socket: how much sent data not yet read it may hold</source>
        <translation>Send buffer of a new socket: how much sent data not yet read it may hold</translation>
    </message>
    <message>
        <source>Largest send buffer a process may set (SO_SNDBUF)</source>
        <translation>Largest send buffer a process may set (SO_SNDBUF)</translation>
    </message>
    <message>
        <source>Datagrams a Unix datagram socket queues before senders wait</source>
        <translation>Datagrams a Unix datagram socket queues before senders wait</translation>
    </message>
    <message numerus="yes">
        <source>%n datagram(s)</source>
        <translation>
            <numerusform>%n datagram</numerusform>
            <numerusform>%n datagrams</numerusform>
        </translation>
    </message>
    <message>
        <source>From /proc/sys/kernel, /proc/sys/fs and /proc/sys/net; usage counted from the objects listed</source>
        <translation>From /proc/sys/kernel, /proc/sys/fs and /proc/sys/net; usage counted from the objects listed</translation>
    </message>
</context>
<context>
    <name>ipcscope::MainWindow</name>
    <message>
        <source>ipcscope</source>
        <translation>ipcscope</translation>
    </message>
    <message>
        <source>&amp;Lab</source>
        <translation>&amp;Lab</translation>
    </message>
    <message>
        <source>System &amp;objects</source>
        <translation>System &amp;objects</translation>
    </message>
    <message>
        <source>&amp;Kernel limits</source>
        <translation>&amp;Kernel limits</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>Stop any run, remove its objects and quit</source>
        <translation>Stop any run, remove its objects and quit</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Run</translation>
    </message>
    <message>
        <source>&amp;Objects</source>
        <translation>&amp;Objects</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Full Screen</source>
        <translation>&amp;Full Screen</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;About ipcscope</source>
        <translation>&amp;About ipcscope</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>About &amp;Qt</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Run</translation>
    </message>
    <message>
        <source>About ipcscope</source>
        <translation>About ipcscope</translation>
    </message>
    <message>
        <source>&lt;h3&gt;ipcscope %1&lt;/h3&gt;&lt;p&gt;See inter-process communication happen: real processes over pipes, FIFOs, System V and POSIX queues, shared memory, semaphores and Unix sockets.&lt;/p&gt;&lt;p&gt;Built with Qt %2, running on Qt %3.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;ipcscope %1&lt;/h3&gt;&lt;p&gt;See inter-process communication happen: real processes over pipes, FIFOs, System V and POSIX queues, shared memory, semaphores and Unix sockets.&lt;/p&gt;&lt;p&gt;Built with Qt %2, running on Qt %3.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Classroom</source>
        <translation>&amp;Classroom</translation>
    </message>
    <message>
        <source>O&amp;bserve</source>
        <translation>O&amp;bserve</translation>
    </message>
    <message>
        <source>Could not observe</source>
        <translation>Could not observe</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Export</translation>
    </message>
    <message>
        <source>&amp;Trace (Perfetto, chrome://tracing)…</source>
        <translation>&amp;Trace (Perfetto, chrome://tracing)…</translation>
    </message>
    <message>
        <source>&amp;Wait-for graph (Graphviz DOT)…</source>
        <translation>&amp;Wait-for graph (Graphviz DOT)…</translation>
    </message>
    <message>
        <source>Save what the page shows (a run, a replay or an observation) as Trace Event JSON: a track per thread with its waits, counters for the flows; opens in ui.perfetto.dev and chrome://tracing (Ctrl+Shift+T)</source>
        <translation>Save what the page shows (a run, a replay or an observation) as Trace Event JSON: a track per thread with its waits, counters for the flows; opens in ui.perfetto.dev and chrome://tracing (Ctrl+Shift+T)</translation>
    </message>
    <message>
        <source>Save who waits on what and who could release it, at the frame shown, as a Graphviz graph: dot -Tsvg draws it (Ctrl+Shift+G)</source>
        <translation>Save who waits on what and who could release it, at the frame shown, as a Graphviz graph: dot -Tsvg draws it (Ctrl+Shift+G)</translation>
    </message>
    <message>
        <source>Export a trace</source>
        <translation>Export a trace</translation>
    </message>
    <message>
        <source>There is nothing to export yet: start a run or an observation, or open a recording, first.</source>
        <translation>There is nothing to export yet: start a run or an observation, or open a recording, first.</translation>
    </message>
    <message>
        <source>Trace Event JSON (*.json);;All files (*)</source>
        <translation>Trace Event JSON (*.json);;All files (*)</translation>
    </message>
    <message>
        <source>Could not export the trace</source>
        <translation>Could not export the trace</translation>
    </message>
    <message>
        <source>Trace saved as %1: open it in ui.perfetto.dev or chrome://tracing</source>
        <translation>Trace saved as %1: open it in ui.perfetto.dev or chrome://tracing</translation>
    </message>
    <message>
        <source>Export the wait-for graph</source>
        <translation>Export the wait-for graph</translation>
    </message>
    <message>
        <source>Graphviz DOT (*.dot *.gv);;All files (*)</source>
        <translation>Graphviz DOT (*.dot *.gv);;All files (*)</translation>
    </message>
    <message>
        <source>Could not export the wait-for graph</source>
        <translation>Could not export the wait-for graph</translation>
    </message>
    <message>
        <source>Wait-for graph saved as %1: dot -Tsvg draws it</source>
        <translation>Wait-for graph saved as %1: dot -Tsvg draws it</translation>
    </message>
</context>
<context>
    <name>ipcscope::MessageBytesView</name>
    <message>
        <source>%1 bytes = n + 1: the text (n = %2) and its NUL</source>
        <translation>%1 bytes = n + 1: the text (n = %2) and its NUL</translation>
    </message>
    <message>
        <source>%1 bytes = n: the text, no NUL</source>
        <translation>%1 bytes = n: the text, no NUL</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 received&lt;/b&gt; %2</source>
        <translation>&lt;b&gt;%1 received&lt;/b&gt; %2</translation>
    </message>
    <message>
        <source>%1 bytes = n + 1, the last one \0</source>
        <translation>%1 bytes = n + 1, the last one \0</translation>
    </message>
    <message>
        <source>%1 bytes = n, no \0</source>
        <translation>%1 bytes = n, no \0</translation>
    </message>
    <message>
        <source>&lt;b&gt;The last message %1 received&lt;/b&gt;, as read() returned it — %2%3</source>
        <translation>&lt;b&gt;The last message %1 received&lt;/b&gt;, as read() returned it — %2%3</translation>
    </message>
    <message>
        <source> (the first %1 shown)</source>
        <translation> (the first %1 shown)</translation>
    </message>
    <message>
        <source>The bytes the consumer process received, read from its live state: each character (escaped: \n a line end, \0 the NUL, ␣ a space) above its value in hex</source>
        <translation>The bytes the consumer process received, read from its live state: each character (escaped: \n a line end, \0 the NUL, ␣ a space) above its value in hex</translation>
    </message>
</context>
<context>
    <name>ipcscope::ObjectsPage</name>
    <message>
        <source>never</source>
        <translation>never</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>List the objects again now (F5 on this page)</source>
        <translation>List the objects again now (F5 on this page)</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Delete…</translation>
    </message>
    <message>
        <source>Remove the selected objects from the kernel, after checking they are still the objects listed (Delete)</source>
        <translation>Remove the selected objects from the kernel, after checking they are still the objects listed (Delete)</translation>
    </message>
    <message>
        <source>Clean up &amp;stale ipcscope objects…</source>
        <translation>Clean up &amp;stale ipcscope objects…</translation>
    </message>
    <message>
        <source>Remove what ipcscope runs left behind when their lab was killed</source>
        <translation>Remove what ipcscope runs left behind when their lab was killed</translation>
    </message>
    <message>
        <source>&amp;Watch</source>
        <translation>&amp;Watch</translation>
    </message>
    <message>
        <source>Open a live chart of the selected object: queued messages, attach count, semaphore values and waiters (Ctrl+W)</source>
        <translation>Open a live chart of the selected object: queued messages, attach count, semaphore values and waiters (Ctrl+W)</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <source>Show one kind of object</source>
        <translation>Show one kind of object</translation>
    </message>
    <message>
        <source>All owners</source>
        <translation>All owners</translation>
    </message>
    <message>
        <source>Show the objects of one user</source>
        <translation>Show the objects of one user</translation>
    </message>
    <message>
        <source>Filter: owner, name, key, process…</source>
        <translation>Filter: owner, name, key, process…</translation>
    </message>
    <message>
        <source>Show only objects whose row contains this text (Ctrl+F)</source>
        <translation>Show only objects whose row contains this text (Ctrl+F)</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>How often the list is refreshed</source>
        <translation>How often the list is refreshed</translation>
    </message>
    <message>
        <source>Stop refreshing (the list stays as it is)</source>
        <translation>Stop refreshing (the list stays as it is)</translation>
    </message>
    <message>
        <source>Refresh every</source>
        <translation>Refresh every</translation>
    </message>
    <message>
        <source>Select an object to see every detail and the processes using it.</source>
        <translation>Select an object to see every detail and the processes using it.</translation>
    </message>
    <message numerus="yes">
        <source>%n object(s)</source>
        <translation>
            <numerusform>%n object</numerusform>
            <numerusform>%n objects</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n objects selected</source>
        <translation>
            <numerusform>%n object selected</numerusform>
            <numerusform>%n objects selected</numerusform>
        </translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>Creator</source>
        <translation>Creator</translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation>Permissions</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>Usage</translation>
    </message>
    <message>
        <source>Queue limit</source>
        <translation>Queue limit</translation>
    </message>
    <message>
        <source>Creator pid</source>
        <translation>Creator pid</translation>
    </message>
    <message>
        <source>Last pid</source>
        <translation>Last pid</translation>
    </message>
    <message>
        <source>Last receiver pid</source>
        <translation>Last receiver pid</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Changed</translation>
    </message>
    <message>
        <source>Last send</source>
        <translation>Last send</translation>
    </message>
    <message>
        <source>Last receive</source>
        <translation>Last receive</translation>
    </message>
    <message>
        <source>Last attach</source>
        <translation>Last attach</translation>
    </message>
    <message>
        <source>Last detach</source>
        <translation>Last detach</translation>
    </message>
    <message>
        <source>Destroy pending</source>
        <translation>Destroy pending</translation>
    </message>
    <message>
        <source>yes: removed when the last process detaches</source>
        <translation>yes: removed when the last process detaches</translation>
    </message>
    <message>
        <source>Last operation</source>
        <translation>Last operation</translation>
    </message>
    <message>
        <source>Created by</source>
        <translation>Created by</translation>
    </message>
    <message>
        <source>an ipcscope run</source>
        <translation>an ipcscope run</translation>
    </message>
    <message>
        <source>&lt;h4&gt;Semaphores&lt;/h4&gt;&lt;table&gt;&lt;tr&gt;&lt;th&gt;#&lt;/th&gt;&lt;th&gt;value&lt;/th&gt;&lt;th&gt;waiting +&lt;/th&gt;&lt;th&gt;waiting 0&lt;/th&gt;&lt;th&gt;last pid&lt;/th&gt;&lt;/tr&gt;</source>
        <translation>&lt;h4&gt;Semaphores&lt;/h4&gt;&lt;table&gt;&lt;tr&gt;&lt;th&gt;#&lt;/th&gt;&lt;th&gt;value&lt;/th&gt;&lt;th&gt;waiting +&lt;/th&gt;&lt;th&gt;waiting 0&lt;/th&gt;&lt;th&gt;last pid&lt;/th&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>&lt;h4&gt;Used by&lt;/h4&gt;</source>
        <translation>&lt;h4&gt;Used by&lt;/h4&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;No process has it attached, mapped or open.&lt;/p&gt;</source>
        <translation>&lt;p&gt;No process has it attached, mapped or open.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Delete IPC objects</source>
        <translation>Delete IPC objects</translation>
    </message>
    <message>
        <source>Could not delete everything</source>
        <translation>Could not delete everything</translation>
    </message>
    <message>
        <source>Nothing stale</source>
        <translation>Nothing stale</translation>
    </message>
    <message>
        <source>No ipcscope run has left objects behind.</source>
        <translation>No ipcscope run has left objects behind.</translation>
    </message>
    <message>
        <source>Clean up stale objects</source>
        <translation>Clean up stale objects</translation>
    </message>
    <message numerus="yes">
        <source>%n object(s) were left by ipcscope runs whose lab is gone. Remove them?</source>
        <translation>
            <numerusform>%n object was left by an ipcscope run whose lab is gone. Remove it?</numerusform>
            <numerusform>%n objects were left by ipcscope runs whose lab is gone. Remove them?</numerusform>
        </translation>
    </message>
    <message>
        <source>Stale objects</source>
        <translation>Stale objects</translation>
    </message>
    <message>
        <source>%1 (uid %2)</source>
        <translation>%1 (uid %2)</translation>
    </message>
    <message>
        <source>&amp;Observe who uses it</source>
        <translation>&amp;Observe who uses it</translation>
    </message>
    <message>
        <source>Observe every process holding, mapping or waiting on the selected object: who waits in which call, for how long, and any deadlock (Ctrl+Shift+O)</source>
        <translation>Observe every process holding, mapping or waiting on the selected object: who waits in which call, for how long, and any deadlock (Ctrl+Shift+O)</translation>
    </message>
    <message>
        <source>Inode</source>
        <translation>Inode</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Other end</source>
        <translation>Other end</translation>
    </message>
    <message>
        <source>Waiting to be accepted</source>
        <translation>Waiting to be accepted</translation>
    </message>
    <message>
        <source>Backlog limit</source>
        <translation>Backlog limit</translation>
    </message>
    <message>
        <source>Receive queue</source>
        <translation>Receive queue</translation>
    </message>
    <message>
        <source>Send buffer in use</source>
        <translation>Send buffer in use</translation>
    </message>
    <message>
        <source>%1 (memory held by sent data not read yet)</source>
        <translation>%1 (memory held by sent data not read yet)</translation>
    </message>
    <message>
        <source>%1 %2: a Unix socket cannot be removed from outside; it closes when the last process holding it closes it. A socket bound to a path has a file that could be unlinked, but that does not close the socket: its holders keep it and its connections, and only new clients can no longer find it by that path.</source>
        <translation>%1 %2: a Unix socket cannot be removed from outside; it closes when the last process holding it closes it. A socket bound to a path has a file that could be unlinked, but that does not close the socket: its holders keep it and its connections, and only new clients can no longer find it by that path.</translation>
    </message>
    <message>
        <source>Anonymous pipes are mostly plumbing between system processes (dozens of them) and cannot be removed: they are hidden unless this is on, the Pipe kind is chosen or the filter has text</source>
        <translation>Anonymous pipes are mostly plumbing between system processes (dozens of them) and cannot be removed: they are hidden unless this is on, the Pipe kind is chosen or the filter has text</translation>
    </message>
    <message>
        <source>Show anonymous pipes (%1)</source>
        <translation>Show anonymous pipes (%1)</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n object(s)</source>
        <translation>
            <numerusform>%1 of %n object</numerusform>
            <numerusform>%1 of %n objects</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No object matches the filter. %n object(s) are hidden by it.</source>
        <translation>
            <numerusform>No object matches the filter. %n object is hidden by it.</numerusform>
            <numerusform>No object matches the filter. %n objects are hidden by it.</numerusform>
        </translation>
    </message>
    <message>
        <source>(uid %1)</source>
        <translation>(uid %1)</translation>
    </message>
    <message>
        <source>group %1</source>
        <translation>group %1</translation>
    </message>
    <message>
        <source>pid %1 (%2, %3)</source>
        <translation>pid %1 (%2, %3)</translation>
    </message>
    <message numerus="yes">
        <source>%n attached process(es) (not visible to you)</source>
        <translation>
            <numerusform>%n attached process (not visible to you)</numerusform>
            <numerusform>%n attached processes (not visible to you)</numerusform>
        </translation>
    </message>
    <message>
        <source>in use by %1</source>
        <translation>in use by %1</translation>
    </message>
    <message>
        <source>Remove these objects from the kernel?

%1</source>
        <translation>Remove these objects from the kernel?

%1</translation>
    </message>
    <message>
        <source>Processes using them may fail: a queue or semaphore set goes at once, and a process waiting on it gets an error (EIDRM).</source>
        <translation>Processes using them may fail: a queue or semaphore set goes at once, and a process waiting on it gets an error (EIDRM).</translation>
    </message>
    <message>
        <source>IPC_RMID on an attached shared memory segment only marks it for destruction: its key becomes IPC_PRIVATE, and it disappears when the last process detaches.</source>
        <translation>IPC_RMID on an attached shared memory segment only marks it for destruction: its key becomes IPC_PRIVATE, and it disappears when the last process detaches.</translation>
    </message>
    <message>
        <source>shared memory %1</source>
        <translation>shared memory %1</translation>
    </message>
    <message>
        <source>%1 removed</source>
        <translation>%1 removed</translation>
    </message>
    <message>
        <source>pid %1 (%2)</source>
        <translation>pid %1 (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%n process(es)</source>
        <translation>
            <numerusform>%n process</numerusform>
            <numerusform>%n processes</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 marked for destruction; still attached by %2</source>
        <translation>%1 marked for destruction; still attached by %2</translation>
    </message>
</context>
<context>
    <name>ipcscope::ObservePage</name>
    <message>
        <source>%1 is not a kind of object that has an inode number (pipe, unix-stream, unix-dgram, unix-seqpacket).</source>
        <translation>%1 is not a kind of object that has an inode number (pipe, unix-stream, unix-dgram, unix-seqpacket).</translation>
    </message>
    <message>
        <source>Write the object as its kind and its id or name, for example "sysv-msg 5", "posix-mq /jobs", "fifo /tmp/f" or "pipe:[88123]".</source>
        <translation>Write the object as its kind and its id or name, for example "sysv-msg 5", "posix-mq /jobs", "fifo /tmp/f" or "pipe:[88123]".</translation>
    </message>
    <message>
        <source>A System V object is named by its id, a whole number (ipcs lists them): "%1" is not one.</source>
        <translation>A System V object is named by its id, a whole number (ipcs lists them): "%1" is not one.</translation>
    </message>
    <message>
        <source>%1 is not a FIFO.</source>
        <translation>%1 is not a FIFO.</translation>
    </message>
    <message>
        <source>Open Recorded Observation</source>
        <translation>Open Recorded Observation</translation>
    </message>
    <message>
        <source>Recording saved in %1 (Open Recording on this page replays it)</source>
        <translation>Recording saved in %1 (Open Recording on this page replays it)</translation>
    </message>
    <message>
        <source>&amp;Observe</source>
        <translation>&amp;Observe</translation>
    </message>
    <message>
        <source>Start observing the selected processes: read what /proc says they hold and wait for, without disturbing them (F5)</source>
        <translation>Start observing the selected processes: read what /proc says they hold and wait for, without disturbing them (F5)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>S&amp;top</translation>
    </message>
    <message>
        <source>Stop observing; what was seen stays shown (Shift+F5)</source>
        <translation>Stop observing; what was seen stays shown (Shift+F5)</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>&amp;Record</translation>
    </message>
    <message>
        <source>Record: save every sample of the observation to a file to replay later, anywhere (Ctrl+Shift+R). Files go to %1</source>
        <translation>Record: save every sample of the observation to a file to replay later, anywhere (Ctrl+Shift+R). Files go to %1</translation>
    </message>
    <message>
        <source>&amp;Open Recorded Observation…</source>
        <translation>&amp;Open Recorded Observation…</translation>
    </message>
    <message>
        <source>Replay a recorded observation with the same views, seek, pause and speed (Ctrl+O)</source>
        <translation>Replay a recorded observation with the same views, seek, pause and speed (Ctrl+O)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>List the processes again now (Ctrl+R on this page)</source>
        <translation>List the processes again now (Ctrl+R on this page)</translation>
    </message>
    <message>
        <source>Search: command, user or pid…</source>
        <translation>Search: command, user or pid…</translation>
    </message>
    <message>
        <source>Show only processes whose pid, user or command line contains every word (Ctrl+F)</source>
        <translation>Show only processes whose pid, user or command line contains every word (Ctrl+F)</translation>
    </message>
    <message>
        <source>Uses &amp;IPC only</source>
        <translation>Uses &amp;IPC only</translation>
    </message>
    <message>
        <source>Hide processes that hold no pipe, FIFO, Unix socket, POSIX queue or shared mapping</source>
        <translation>Hide processes that hold no pipe, FIFO, Unix socket, POSIX queue or shared mapping</translation>
    </message>
    <message>
        <source>With &amp;descendants</source>
        <translation>With &amp;descendants</translation>
    </message>
    <message>
        <source>Also observe every child of the selected processes, and their children, as they come and go</source>
        <translation>Also observe every child of the selected processes, and their children, as they come and go</translation>
    </message>
    <message>
        <source>&amp;Everyone using an object</source>
        <translation>&amp;Everyone using an object</translation>
    </message>
    <message>
        <source>Observe every process that holds, maps or waits on this object</source>
        <translation>Observe every process that holds, maps or waits on this object</translation>
    </message>
    <message>
        <source>Object:</source>
        <translation>Object:</translation>
    </message>
    <message>
        <source>sysv-msg 5, posix-mq /jobs, pipe:[88123]…</source>
        <translation>sysv-msg 5, posix-mq /jobs, pipe:[88123]…</translation>
    </message>
    <message>
        <source>The object by kind and id or name, as System objects lists it (right-click an object there: Observe who uses it)</source>
        <translation>The object by kind and id or name, as System objects lists it (right-click an object there: Observe who uses it)</translation>
    </message>
    <message>
        <source>&amp;All channels they hold</source>
        <translation>&amp;All channels they hold</translation>
    </message>
    <message>
        <source>Show every channel the observed processes hold, not only those between them (a process often holds dozens of unrelated pipes)</source>
        <translation>Show every channel the observed processes hold, not only those between them (a process often holds dozens of unrelated pipes)</translation>
    </message>
    <message>
        <source>Sample every</source>
        <translation>Sample every</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>How often /proc is read; waits shorter than this may be missed</source>
        <translation>How often /proc is read; waits shorter than this may be missed</translation>
    </message>
    <message>
        <source>Choose processes on the left and press Observe (F5):
who talks to whom, who waits in which call, and any deadlock.</source>
        <translation>Choose processes on the left and press Observe (F5):
who talks to whom, who waits in which call, and any deadlock.</translation>
    </message>
    <message>
        <source>The observed processes and the channels between them. A process waiting in a call turns red and says the call, the object and how long (≥: at least); a deadlock is drawn as a red loop</source>
        <translation>The observed processes and the channels between them. A process waiting in a call turns red and says the call, the object and how long (≥: at least); a deadlock is drawn as a red loop</translation>
    </message>
    <message>
        <source>Observe processes to see a lane per thread</source>
        <translation>Observe processes to see a lane per thread</translation>
    </message>
    <message>
        <source>Waits</source>
        <translation>Waits</translation>
    </message>
    <message>
        <source>threads</source>
        <translation>threads</translation>
    </message>
    <message>
        <source>How many threads wait in a call, and how many processes are in a wait cycle</source>
        <translation>How many threads wait in a call, and how many processes are in a wait cycle</translation>
    </message>
    <message>
        <source>&amp;Waits</source>
        <translation>&amp;Waits</translation>
    </message>
    <message>
        <source>Wait cycles and lone waits, in words</source>
        <translation>Wait cycles and lone waits, in words</translation>
    </message>
    <message>
        <source>Cannot observe: %1</source>
        <translation>Cannot observe: %1</translation>
    </message>
    <message>
        <source>Select one or more processes in the list (search finds them by command, user or pid), or name an object whose users to observe.</source>
        <translation>Select one or more processes in the list (search finds them by command, user or pid), or name an object whose users to observe.</translation>
    </message>
    <message>
        <source>Recording to %1</source>
        <translation>Recording to %1</translation>
    </message>
    <message>
        <source>This recording is of a Lab run, not of an observation: open it on the Lab page (File › Open Recording).</source>
        <translation>This recording is of a Lab run, not of an observation: open it on the Lab page (File › Open Recording).</translation>
    </message>
    <message>
        <source>Replaying an observation of %1, recorded %2; no process is read.</source>
        <translation>Replaying an observation of %1, recorded %2; no process is read.</translation>
    </message>
    <message>
        <source>Observing…</source>
        <translation>Observing…</translation>
    </message>
    <message>
        <source>Stopped observing. What was seen stays shown; File › Export saves it as a trace or a wait-for graph.</source>
        <translation>Stopped observing. What was seen stays shown; File › Export saves it as a trace or a wait-for graph.</translation>
    </message>
    <message>
        <source>waiting threads</source>
        <translation>waiting threads</translation>
    </message>
    <message>
        <source>processes in a wait cycle</source>
        <translation>processes in a wait cycle</translation>
    </message>
    <message>
        <source>&lt;b&gt;Deadlock:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Deadlock:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Possible deadlock:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Possible deadlock:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>No process selected.</source>
        <translation>No process selected.</translation>
    </message>
    <message numerus="yes">
        <source>%n process(es) selected, with their descendants.</source>
        <translation>
            <numerusform>%n process selected, with its descendants.</numerusform>
            <numerusform>%n processes selected, with their descendants.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n process(es) selected.</source>
        <translation>
            <numerusform>%n process selected.</numerusform>
            <numerusform>%n processes selected.</numerusform>
        </translation>
    </message>
    <message>
        <source>And everyone using the object.</source>
        <translation>And everyone using the object.</translation>
    </message>
    <message>
        <source>Ready: choose processes to observe</source>
        <translation>Ready: choose processes to observe</translation>
    </message>
    <message>
        <source>Replaying an observation</source>
        <translation>Replaying an observation</translation>
    </message>
    <message>
        <source>Observing</source>
        <translation>Observing</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Stopped</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %2 s · %n process(es)</source>
        <translation>
            <numerusform>%1 · %2 s · %n process</numerusform>
            <numerusform>%1 · %2 s · %n processes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %n channel(s)</source>
        <translation>
            <numerusform> · %n channel</numerusform>
            <numerusform> · %n channels</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %n waiting</source>
        <translation>
            <numerusform> · %n waiting</numerusform>
            <numerusform> · %n waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %n deadlock(s)</source>
        <translation>
            <numerusform> · %n deadlock</numerusform>
            <numerusform> · %n deadlocks</numerusform>
        </translation>
    </message>
    <message>
        <source>E&amp;xact flow (eBPF)</source>
        <translation>E&amp;xact flow (eBPF)</translation>
    </message>
    <message>
        <source>Count every byte, message and wait of the observed processes in the kernel, with eBPF (ipcscope-probe). This needs administrator rights: ipcscope asks for them through polkit (your password, kept for the session); as root nothing is asked. Without them, the figures stay estimates, marked ≈.</source>
        <translation>Count every byte, message and wait of the observed processes in the kernel, with eBPF (ipcscope-probe). This needs administrator rights: ipcscope asks for them through polkit (your password, kept for the session); as root nothing is asked. Without them, the figures stay estimates, marked ≈.</translation>
    </message>
    <message>
        <source>What moves through each end of each channel: exact where eBPF counts it, else estimated (≈) or not counted</source>
        <translation>What moves through each end of each channel: exact where eBPF counts it, else estimated (≈) or not counted</translation>
    </message>
    <message>
        <source>Where the flow figures come from</source>
        <translation>Where the flow figures come from</translation>
    </message>
    <message>
        <source>Flow: exact, counted in the kernel by ipcscope-probe.</source>
        <translation>Flow: exact, counted in the kernel by ipcscope-probe.</translation>
    </message>
    <message>
        <source> · exact flow</source>
        <translation> · exact flow</translation>
    </message>
    <message>
        <source> · flow estimated</source>
        <translation> · flow estimated</translation>
    </message>
    <message>
        <source>Flow</source>
        <translation>Flow</translation>
    </message>
    <message>
        <source>Flow: estimates (≈) only where the kernel counts (System V and POSIX queues).</source>
        <translation>Flow: estimates (≈) only where the kernel counts (System V and POSIX queues).</translation>
    </message>
    <message>
        <source>Flow: estimates (≈) only where the kernel counts (System V and POSIX queues). Exact flow (eBPF) counts every byte and message.</source>
        <translation>Flow: estimates (≈) only where the kernel counts (System V and POSIX queues). Exact flow (eBPF) counts every byte and message.</translation>
    </message>
</context>
<context>
    <name>ipcscope::ProbeLaunch</name>
    <message>
        <source>This ipcscope runs from a build tree, where polkit cannot start its probe (polkit allows only the installed one). For exact flow, run ipcscope as root, or give this build's probe the rights once: sudo setcap cap_bpf,cap_perfmon+ep %1 (or install ipcscope with cmake --install).</source>
        <translation>This ipcscope runs from a build tree, where polkit cannot start its probe (polkit allows only the installed one). For exact flow, run ipcscope as root, or give this build's probe the rights once: sudo setcap cap_bpf,cap_perfmon+ep %1 (or install ipcscope with cmake --install).</translation>
    </message>
    <message>
        <source>ipcscope-probe is not installed with this ipcscope (it is built where clang, bpftool, libbpf-dev and the kernel's BTF are there): only estimates.</source>
        <translation>ipcscope-probe is not installed with this ipcscope (it is built where clang, bpftool, libbpf-dev and the kernel's BTF are there): only estimates.</translation>
    </message>
</context>
<context>
    <name>ipcscope::ProcessListModel</name>
    <message>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Holds a pipe, FIFO, Unix socket, POSIX queue or shared mapping</source>
        <translation>Holds a pipe, FIFO, Unix socket, POSIX queue or shared mapping</translation>
    </message>
    <message>
        <source>Holds no IPC object that /proc shows</source>
        <translation>Holds no IPC object that /proc shows</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>User</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Command line</source>
        <translation>Command line</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>Parent</translation>
    </message>
    <message>
        <source>IPC</source>
        <translation>IPC</translation>
    </message>
    <message>
        <source>Process id</source>
        <translation>Process id</translation>
    </message>
    <message>
        <source>The command line, or the title the process gave itself</source>
        <translation>The command line, or the title the process gave itself</translation>
    </message>
    <message>
        <source>The parent's process id</source>
        <translation>The parent's process id</translation>
    </message>
    <message>
        <source>Whether it holds an IPC object (pipe, FIFO, Unix socket, POSIX queue, shared mapping)</source>
        <translation>Whether it holds an IPC object (pipe, FIFO, Unix socket, POSIX queue, shared mapping)</translation>
    </message>
</context>
<context>
    <name>ipcscope::ReplayBar</name>
    <message>
        <source>Position in the recording: drag to seek</source>
        <translation>Position in the recording: drag to seek</translation>
    </message>
    <message>
        <source>Position / length of the recording (minutes:seconds)</source>
        <translation>Position / length of the recording (minutes:seconds)</translation>
    </message>
    <message>
        <source>%1×</source>
        <translation>%1×</translation>
    </message>
    <message>
        <source>Replay speed</source>
        <translation>Replay speed</translation>
    </message>
    <message>
        <source>Close Replay</source>
        <translation>Close Replay</translation>
    </message>
    <message>
        <source>Leave the replay and go back to the live lab</source>
        <translation>Leave the replay and go back to the live lab</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Speed</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Play</translation>
    </message>
    <message>
        <source>Pause the replay</source>
        <translation>Pause the replay</translation>
    </message>
    <message>
        <source>Play the recording</source>
        <translation>Play the recording</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Replay of %1</source>
        <translation>Replay of %1</translation>
    </message>
</context>
<context>
    <name>ipcscope::RunPanel</name>
    <message>
        <source>The IPC mechanism the workers talk over</source>
        <translation>The IPC mechanism the workers talk over</translation>
    </message>
    <message>
        <source>&amp;Mechanism:</source>
        <translation>&amp;Mechanism:</translation>
    </message>
    <message>
        <source>Producer processes: each sends messages into the channel</source>
        <translation>Producer processes: each sends messages into the channel</translation>
    </message>
    <message>
        <source>&amp;Producers:</source>
        <translation>&amp;Producers:</translation>
    </message>
    <message>
        <source>Consumer processes: each takes messages out and verifies them</source>
        <translation>Consumer processes: each takes messages out and verifies them</translation>
    </message>
    <message>
        <source>&amp;Consumers:</source>
        <translation>&amp;Consumers:</translation>
    </message>
    <message>
        <source> B</source>
        <translation> B</translation>
    </message>
    <message>
        <source>Bytes per message, including the 16-byte header (sequence, producer, checksum)</source>
        <translation>Bytes per message, including the 16-byte header (sequence, producer, checksum)</translation>
    </message>
    <message>
        <source>Message &amp;size:</source>
        <translation>Message &amp;size:</translation>
    </message>
    <message>
        <source> msg/s</source>
        <translation> msg/s</translation>
    </message>
    <message>
        <source>as fast as possible</source>
        <translation>as fast as possible</translation>
    </message>
    <message>
        <source>Messages per second for each producer; 0 = as fast as possible</source>
        <translation>Messages per second for each producer; 0 = as fast as possible</translation>
    </message>
    <message>
        <source>Producer &amp;rate:</source>
        <translation>Producer &amp;rate:</translation>
    </message>
    <message>
        <source>Messages per second for each consumer; slow it down to watch producers block</source>
        <translation>Messages per second for each consumer; slow it down to watch producers block</translation>
    </message>
    <message>
        <source>C&amp;onsumer rate:</source>
        <translation>C&amp;onsumer rate:</translation>
    </message>
    <message>
        <source>kernel default</source>
        <translation>kernel default</translation>
    </message>
    <message>
        <source>C&amp;apacity:</source>
        <translation>C&amp;apacity:</translation>
    </message>
    <message>
        <source>for a duration</source>
        <translation>for a duration</translation>
    </message>
    <message>
        <source>for a number of messages</source>
        <translation>for a number of messages</translation>
    </message>
    <message>
        <source>When producers stop: after a time, or after sending a total number of messages</source>
        <translation>When producers stop: after a time, or after sending a total number of messages</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Producers send for this long; consumers then drain the channel</source>
        <translation>Producers send for this long; consumers then drain the channel</translation>
    </message>
    <message>
        <source>Messages sent in total, split evenly between producers</source>
        <translation>Messages sent in total, split evenly between producers</translation>
    </message>
    <message>
        <source>&amp;Run:</source>
        <translation>&amp;Run:</translation>
    </message>
    <message>
        <source>How much the channel holds before writers wait, in %1; 0 = the kernel's default</source>
        <translation>How much the channel holds before writers wait, in %1; 0 = the kernel's default</translation>
    </message>
    <message>
        <source>Semaphore tokens carry no data</source>
        <translation>Semaphore tokens carry no data</translation>
    </message>
    <message>
        <source>Cannot run: %1</source>
        <translation>Cannot run: %1</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Note: %1</translation>
    </message>
</context>
<context>
    <name>ipcscope::ThroughputChartView</name>
    <message>
        <source>Throughput per worker</source>
        <translation>Throughput per worker</translation>
    </message>
    <message>
        <source>time (s)</source>
        <translation>time (s)</translation>
    </message>
    <message>
        <source>messages/s</source>
        <translation>messages/s</translation>
    </message>
    <message>
        <source>How fast each worker moves messages, over the last minute</source>
        <translation>How fast each worker moves messages, over the last minute</translation>
    </message>
    <message>
        <source>thousand messages/s</source>
        <translation>thousand messages/s</translation>
    </message>
    <message>
        <source>million messages/s</source>
        <translation>million messages/s</translation>
    </message>
    <message>
        <source>Throughput per process</source>
        <translation>Throughput per process</translation>
    </message>
    <message numerus="yes">
        <source>producers (sum of %n)</source>
        <translation>
            <numerusform>producers (sum of %n)</numerusform>
            <numerusform>producers (sum of %n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>consumers (sum of %n)</source>
        <translation>
            <numerusform>consumers (sum of %n)</numerusform>
            <numerusform>consumers (sum of %n)</numerusform>
        </translation>
    </message>
    <message>
        <source>producer range</source>
        <translation>producer range</translation>
    </message>
    <message>
        <source>consumer range</source>
        <translation>consumer range</translation>
    </message>
    <message>
        <source>Throughput by role</source>
        <translation>Throughput by role</translation>
    </message>
    <message>
        <source>How fast the producers together and the consumers together move messages over the last minute; the shaded band runs from the slowest to the fastest single worker of each role</source>
        <translation>How fast the producers together and the consumers together move messages over the last minute; the shaded band runs from the slowest to the fastest single worker of each role</translation>
    </message>
</context>
<context>
    <name>ipcscope::TopologyView</name>
    <message>
        <source>exited: %1</source>
        <translation>exited: %1</translation>
    </message>
    <message>
        <source>stopped (paused)</source>
        <translation>stopped (paused)</translation>
    </message>
    <message>
        <source>The run as a picture: producers, the channel with its fill level, consumers. A worker waiting in a call turns red and says which call and for how long.</source>
        <translation>The run as a picture: producers, the channel with its fill level, consumers. A worker waiting in a call turns red and says which call and for how long.</translation>
    </message>
    <message>
        <source>Choose a mechanism and press Start (F5):
real processes will talk, and you will see who waits.</source>
        <translation>Choose a mechanism and press Start (F5):
real processes will talk, and you will see who waits.</translation>
    </message>
    <message>
        <source>pid %1</source>
        <translation>pid %1</translation>
    </message>
    <message>
        <source>+%1 more producers</source>
        <translation>+%1 more producers</translation>
    </message>
    <message>
        <source>+%1 more consumers</source>
        <translation>+%1 more consumers</translation>
    </message>
    <message>
        <source>%1 of %2 queued</source>
        <translation>%1 of %2 queued</translation>
    </message>
    <message>
        <source>%1 of %2 %3 in use</source>
        <translation>%1 of %2 %3 in use</translation>
    </message>
    <message numerus="yes">
        <source>%n sender(s) waiting</source>
        <translation>
            <numerusform>%n sender waiting</numerusform>
            <numerusform>%n senders waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n receiver(s) waiting</source>
        <translation>
            <numerusform>%n receiver waiting</numerusform>
            <numerusform>%n receivers waiting</numerusform>
        </translation>
    </message>
    <message>
        <source>+%1 more processes</source>
        <translation>+%1 more processes</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 queued</source>
        <translation>%1 queued</translation>
    </message>
    <message>
        <source>%1 %2 queued</source>
        <translation>%1 %2 queued</translation>
    </message>
    <message>
        <source>capacity unknown</source>
        <translation>capacity unknown</translation>
    </message>
    <message>
        <source>≥ %1</source>
        <translation>≥ %1</translation>
    </message>
    <message>
        <source>Deadlock: %1</source>
        <translation>Deadlock: %1</translation>
    </message>
    <message>
        <source>Possible deadlock: %1</source>
        <translation>Possible deadlock: %1</translation>
    </message>
    <message>
        <source>%1 · %2 of %3 threads wait</source>
        <translation>%1 · %2 of %3 threads wait</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n thread(s)</source>
        <translation>
            <numerusform>%1 · %n thread</numerusform>
            <numerusform>%1 · %n threads</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>+%n more channel(s)</source>
        <translation>
            <numerusform>+%n more channel</numerusform>
            <numerusform>+%n more channels</numerusform>
        </translation>
    </message>
    <message>
        <source>fill level unknown</source>
        <translation>fill level unknown</translation>
    </message>
    <message>
        <source>throttled · %1</source>
        <translation>throttled · %1</translation>
    </message>
    <message>
        <source>running · %1</source>
        <translation>running · %1</translation>
    </message>
    <message>
        <source>%1 msg/s</source>
        <translation>%1 msg/s</translation>
    </message>
    <message>
        <source>estimated: ≈ %1 · ≈ %2</source>
        <translation>estimated: ≈ %1 · ≈ %2</translation>
    </message>
    <message>
        <source>exact: %1 · %2</source>
        <translation>exact: %1 · %2</translation>
    </message>
    <message>
        <source>≈ %1/s</source>
        <translation>≈ %1/s</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>%1 payload queued · send buffer %2 (counts kernel overhead too)</source>
        <translation>%1 payload queued · send buffer %2 (counts kernel overhead too)</translation>
    </message>
    <message>
        <source>pid %1 (%2)</source>
        <translation>pid %1 (%2)</translation>
    </message>
    <message>
        <source>Measured wake-up (eBPF): %1 woke %2 from %3 on %4, after it waited %5</source>
        <translation>Measured wake-up (eBPF): %1 woke %2 from %3 on %4, after it waited %5</translation>
    </message>
    <message>
        <source>a call</source>
        <translation>a call</translation>
    </message>
    <message>
        <source>an unknown object</source>
        <translation>an unknown object</translation>
    </message>
    <message>
        <source>%1 ago; the wait-for edges (red, dotted) are inferred from /proc, this one was seen in the kernel</source>
        <translation>%1 ago; the wait-for edges (red, dotted) are inferred from /proc, this one was seen in the kernel</translation>
    </message>
    <message>
        <source>→ measured wake-up (eBPF): who woke whom</source>
        <translation>→ measured wake-up (eBPF): who woke whom</translation>
    </message>
</context>
<context>
    <name>ipcscope::WaitTableModel</name>
    <message>
        <source>≥ %1</source>
        <translation>≥ %1</translation>
    </message>
    <message>
        <source>pid %1, thread %2 (%3) waits in %4 on %5</source>
        <translation>pid %1, thread %2 (%3) waits in %4 on %5</translation>
    </message>
    <message>
        <source>an unknown object</source>
        <translation>an unknown object</translation>
    </message>
    <message>
        <source>Waiting for at least this long: seen in the same call since the first sample that showed it</source>
        <translation>Waiting for at least this long: seen in the same call since the first sample that showed it</translation>
    </message>
    <message>
        <source>Deadlock: %1</source>
        <translation>Deadlock: %1</translation>
    </message>
    <message>
        <source>Possible deadlock: %1</source>
        <translation>Possible deadlock: %1</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>Thread</source>
        <translation>Thread</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Command</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Call</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>Object</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>Waiting for</source>
        <translation>Waiting for</translation>
    </message>
    <message>
        <source>The waiting thread's id (the pid for a single-threaded process)</source>
        <translation>The waiting thread's id (the pid for a single-threaded process)</translation>
    </message>
    <message>
        <source>The system call it waits in, from /proc/PID/task/TID/syscall</source>
        <translation>The system call it waits in, from /proc/PID/task/TID/syscall</translation>
    </message>
    <message>
        <source>The IPC object the call waits on</source>
        <translation>The IPC object the call waits on</translation>
    </message>
    <message>
        <source>What more the call says: the message type asked for, the semaphore operation, the descriptors polled</source>
        <translation>What more the call says: the message type asked for, the semaphore operation, the descriptors polled</translation>
    </message>
    <message>
        <source>How long it has waited; "≥" marks a lower bound (seen since the first sample that showed the wait)</source>
        <translation>How long it has waited; "≥" marks a lower bound (seen since the first sample that showed the wait)</translation>
    </message>
    <message>
        <source>Woken by</source>
        <translation>Woken by</translation>
    </message>
    <message>
        <source>Who woke this thread the last time it waited, measured in the kernel (eBPF tier; empty without it)</source>
        <translation>Who woke this thread the last time it waited, measured in the kernel (eBPF tier; empty without it)</translation>
    </message>
    <message>
        <source>nobody (timeout or signal)</source>
        <translation>nobody (timeout or signal)</translation>
    </message>
    <message>
        <source>Its last measured wait, %1 on %2, ended after %3 without a wake-up (a timeout or a signal)</source>
        <translation>Its last measured wait, %1 on %2, ended after %3 without a wake-up (a timeout or a signal)</translation>
    </message>
    <message>
        <source>Its last measured wait, %1 on %2, ended after %3: woken by pid %4 (%5), thread %6; measured in the kernel (eBPF)</source>
        <translation>Its last measured wait, %1 on %2, ended after %3: woken by pid %4 (%5), thread %6; measured in the kernel (eBPF)</translation>
    </message>
    <message>
        <source>command unknown</source>
        <translation>command unknown</translation>
    </message>
</context>
<context>
    <name>ipcscope::WatchWindow</name>
    <message>
        <source>Watch %1 %2</source>
        <translation>Watch %1 %2</translation>
    </message>
    <message>
        <source>messages queued</source>
        <translation>messages queued</translation>
    </message>
    <message>
        <source>KiB queued</source>
        <translation>KiB queued</translation>
    </message>
    <message>
        <source>attached processes</source>
        <translation>attached processes</translation>
    </message>
    <message>
        <source>semaphore %1</source>
        <translation>semaphore %1</translation>
    </message>
    <message>
        <source>waiting on %1</source>
        <translation>waiting on %1</translation>
    </message>
    <message>
        <source>value</source>
        <translation>value</translation>
    </message>
    <message>
        <source>waiters</source>
        <translation>waiters</translation>
    </message>
    <message>
        <source>processes mapping it</source>
        <translation>processes mapping it</translation>
    </message>
    <message>
        <source>processes holding it</source>
        <translation>processes holding it</translation>
    </message>
    <message>
        <source>The object has disappeared (removed, or its id now belongs to another object).</source>
        <translation>The object has disappeared (removed, or its id now belongs to another object).</translation>
    </message>
    <message>
        <source>waiting to be accepted</source>
        <translation>waiting to be accepted</translation>
    </message>
    <message>
        <source>next datagram, KiB</source>
        <translation>next datagram, KiB</translation>
    </message>
    <message>
        <source>queued (KiB)</source>
        <translation>queued (KiB)</translation>
    </message>
    <message>
        <source>messages</source>
        <translation>messages</translation>
    </message>
    <message>
        <source>value · processes waiting</source>
        <translation>value · processes waiting</translation>
    </message>
    <message>
        <source>connections</source>
        <translation>connections</translation>
    </message>
    <message>
        <source>KiB · processes</source>
        <translation>KiB · processes</translation>
    </message>
    <message>
        <source>processes</source>
        <translation>processes</translation>
    </message>
    <message>
        <source>capacity (msg_qbytes)</source>
        <translation>capacity (msg_qbytes)</translation>
    </message>
    <message>
        <source>capacity (mq_maxmsg)</source>
        <translation>capacity (mq_maxmsg)</translation>
    </message>
    <message>
        <source>capacity (listen backlog)</source>
        <translation>capacity (listen backlog)</translation>
    </message>
</context>
<context>
    <name>ipcscope::WorkerTableModel</name>
    <message>
        <source>exited (%1)</source>
        <translation>exited (%1)</translation>
    </message>
    <message>
        <source>stopped (paused)</source>
        <translation>stopped (paused)</translation>
    </message>
    <message>
        <source>Waiting inside %1 for %2</source>
        <translation>Waiting inside %1 for %2</translation>
    </message>
    <message>
        <source>Share of the run this worker spent waiting inside IPC calls</source>
        <translation>Share of the run this worker spent waiting inside IPC calls</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>Worker</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Current call</source>
        <translation>Current call</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>Bytes</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Rate</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>Blocked</translation>
    </message>
    <message>
        <source>Process id of the worker</source>
        <translation>Process id of the worker</translation>
    </message>
    <message>
        <source>The IPC call the worker is waiting in, and for how long</source>
        <translation>The IPC call the worker is waiting in, and for how long</translation>
    </message>
    <message>
        <source>Messages per second over the last quarter second</source>
        <translation>Messages per second over the last quarter second</translation>
    </message>
    <message>
        <source>Time spent waiting inside IPC calls, as a share of the run</source>
        <translation>Time spent waiting inside IPC calls, as a share of the run</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Watch inter-process communication happen.</source>
        <translation>Watch inter-process communication happen.</translation>
    </message>
    <message>
        <source>Start a run over MECHANISM at launch.</source>
        <translation>Start a run over MECHANISM at launch.</translation>
    </message>
    <message>
        <source>Open the recording FILE (.ipcrec) and replay it.</source>
        <translation>Open the recording FILE (.ipcrec) and replay it.</translation>
    </message>
    <message>
        <source>Open the Classroom on lesson NAME (see ipcscope-cli lessons).</source>
        <translation>Open the Classroom on lesson NAME (see ipcscope-cli lessons).</translation>
    </message>
    <message>
        <source>With --lesson: show this variant (broken or fixed).</source>
        <translation>With --lesson: show this variant (broken or fixed).</translation>
    </message>
    <message>
        <source>With --lesson: start it at once.</source>
        <translation>With --lesson: start it at once.</translation>
    </message>
    <message>
        <source>With --lesson: open it in presentation mode.</source>
        <translation>With --lesson: open it in presentation mode.</translation>
    </message>
    <message>
        <source>With --lesson: record its runs (replay them with --replay).</source>
        <translation>With --lesson: record its runs (replay them with --replay).</translation>
    </message>
    <message>
        <source>Open on this page: lab, classroom, observe, objects or limits.</source>
        <translation>Open on this page: lab, classroom, observe, objects or limits.</translation>
    </message>
    <message>
        <source>Observe these processes at launch (comma-separated pids, or the option repeated), on the Observe page.</source>
        <translation>Observe these processes at launch (comma-separated pids, or the option repeated), on the Observe page.</translation>
    </message>
</context>
</TS>

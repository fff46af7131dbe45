<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CoreStrings</name>
    <message>
        <source>bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <source>messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>slots</source>
        <translation>槽位</translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>令牌</translation>
    </message>
    <message>
        <source>pages</source>
        <translation>页</translation>
    </message>
    <message>
        <source>Number of message queues</source>
        <translation>消息队列数量</translation>
    </message>
    <message>
        <source>Max size of message</source>
        <translation>单条消息最大长度</translation>
    </message>
    <message>
        <source>Default max size of queue</source>
        <translation>队列默认最大字节数</translation>
    </message>
    <message>
        <source>Shared memory segments</source>
        <translation>共享内存段数量</translation>
    </message>
    <message>
        <source>Shared memory pages</source>
        <translation>共享内存总页数</translation>
    </message>
    <message>
        <source>Max size of shared memory segment</source>
        <translation>共享内存段最大长度</translation>
    </message>
    <message>
        <source>Min size of shared memory segment</source>
        <translation>共享内存段最小长度</translation>
    </message>
    <message>
        <source>Number of semaphore identifiers</source>
        <translation>信号量集数量</translation>
    </message>
    <message>
        <source>Total number of semaphores</source>
        <translation>信号量总数</translation>
    </message>
    <message>
        <source>Max semaphores per semaphore set</source>
        <translation>每个信号量集的最大信号量数</translation>
    </message>
    <message>
        <source>Max number of operations per semop(2)</source>
        <translation>每次 semop(2) 的最大操作数</translation>
    </message>
    <message>
        <source>Semaphore max value</source>
        <translation>信号量最大值</translation>
    </message>
    <message>
        <source>Number of POSIX message queues</source>
        <translation>POSIX 消息队列数量</translation>
    </message>
    <message>
        <source>Max messages per POSIX queue</source>
        <translation>每个 POSIX 队列的最大消息数</translation>
    </message>
    <message>
        <source>Max size of a POSIX message</source>
        <translation>POSIX 消息最大长度</translation>
    </message>
    <message>
        <source>Default messages per POSIX queue</source>
        <translation>每个 POSIX 队列的默认消息数</translation>
    </message>
    <message>
        <source>Default size of a POSIX message</source>
        <translation>POSIX 消息默认长度</translation>
    </message>
    <message>
        <source>Anonymous pipe</source>
        <translation>匿名管道</translation>
    </message>
    <message>
        <source>FIFO (named pipe)</source>
        <translation>FIFO（命名管道）</translation>
    </message>
    <message>
        <source>System V message queue</source>
        <translation>System V 消息队列</translation>
    </message>
    <message>
        <source>System V shared memory + semaphores</source>
        <translation>System V 共享内存 + 信号量</translation>
    </message>
    <message>
        <source>System V semaphores</source>
        <translation>System V 信号量</translation>
    </message>
    <message>
        <source>POSIX message queue</source>
        <translation>POSIX 消息队列</translation>
    </message>
    <message>
        <source>POSIX shared memory + named semaphores</source>
        <translation>POSIX 共享内存 + 命名信号量</translation>
    </message>
    <message>
        <source>Unix domain socket (stream)</source>
        <translation>Unix 域套接字（流式）</translation>
    </message>
    <message>
        <source>Unix domain socket (datagram)</source>
        <translation>Unix 域套接字（数据报）</translation>
    </message>
    <message>
        <source>pipe(2) shared by related processes; bytes, blocking when full or empty</source>
        <translation>由亲缘进程共享的 pipe(2)；传送字节流，满时写阻塞、空时读阻塞</translation>
    </message>
    <message>
        <source>mkfifo(3) path opened by unrelated processes; open waits for the other side</source>
        <translation>由无亲缘关系的进程打开的 mkfifo(3) 路径；open 会一直等到另一端也打开</translation>
    </message>
    <message>
        <source>msgget/msgsnd/msgrcv; typed messages, consumers may select a type</source>
        <translation>msgget/msgsnd/msgrcv；带类型的消息，消费者可以按类型接收</translation>
    </message>
    <message>
        <source>ring of slots in shmget memory guarded by semaphores empty/full/mutex</source>
        <translation>shmget 共享内存中的环形缓冲区，由信号量 empty/full/mutex 保护</translation>
    </message>
    <message>
        <source>counting semaphore tokens: producers V, consumers P, capacity by a second semaphore</source>
        <translation>计数信号量令牌：生产者做 V 操作，消费者做 P 操作，容量由第二个信号量限制</translation>
    </message>
    <message>
        <source>mq_open/mq_send/mq_receive; messages with priorities</source>
        <translation>mq_open/mq_send/mq_receive；消息带优先级</translation>
    </message>
    <message>
        <source>ring of slots in shm_open memory guarded by sem_open semaphores</source>
        <translation>shm_open 共享内存中的环形缓冲区，由 sem_open 信号量保护</translation>
    </message>
    <message>
        <source>socketpair(AF_UNIX, SOCK_STREAM); bytes</source>
        <translation>socketpair(AF_UNIX, SOCK_STREAM)；传送字节流</translation>
    </message>
    <message>
        <source>socketpair(AF_UNIX, SOCK_DGRAM); one message per datagram</source>
        <translation>socketpair(AF_UNIX, SOCK_DGRAM)；每个数据报一条消息</translation>
    </message>
    <message>
        <source>System V shared memory</source>
        <translation>System V 共享内存</translation>
    </message>
    <message>
        <source>System V semaphore set</source>
        <translation>System V 信号量集</translation>
    </message>
    <message>
        <source>POSIX shared memory</source>
        <translation>POSIX 共享内存</translation>
    </message>
    <message>
        <source>POSIX named semaphore</source>
        <translation>POSIX 命名信号量</translation>
    </message>
    <message>
        <source>pipe</source>
        <translation>管道</translation>
    </message>
    <message>
        <source>FIFO</source>
        <translation>FIFO</translation>
    </message>
    <message>
        <source>producer</source>
        <translation>生产者</translation>
    </message>
    <message>
        <source>consumer</source>
        <translation>消费者</translation>
    </message>
    <message>
        <source>producer %1</source>
        <translation>生产者 %1</translation>
    </message>
    <message>
        <source>consumer %1</source>
        <translation>消费者 %1</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>启动中</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>blocked</source>
        <translation>阻塞</translation>
    </message>
    <message>
        <source>throttled</source>
        <translation>限速中</translation>
    </message>
    <message>
        <source>draining</source>
        <translation>排空中</translation>
    </message>
    <message>
        <source>exited</source>
        <translation>已退出</translation>
    </message>
    <message>
        <source>waiting for step</source>
        <translation>等待单步</translation>
    </message>
    <message>
        <source>process %1</source>
        <translation>进程 %1</translation>
    </message>
    <message>
        <source>Unix stream socket</source>
        <translation>Unix 流套接字</translation>
    </message>
    <message>
        <source>Unix datagram socket</source>
        <translation>Unix 数据报套接字</translation>
    </message>
    <message>
        <source>Unix seqpacket socket</source>
        <translation>Unix 顺序包套接字</translation>
    </message>
    <message>
        <source>listening</source>
        <translation>监听中</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>unconnected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>连接中</translation>
    </message>
</context>
<context>
    <name>Exporter</name>
    <message>
        <source>Could not write %1: %2.</source>
        <translation>无法写入 %1：%2。</translation>
    </message>
    <message>
        <source>Could not create %1: %2.</source>
        <translation>无法创建 %1：%2。</translation>
    </message>
    <message>
        <source>There is nothing to export: the charts are not shown.</source>
        <translation>没有可导出的内容：图表未显示。</translation>
    </message>
    <message>
        <source>Could not encode the charts as PNG.</source>
        <translation>无法将图表编码为 PNG。</translation>
    </message>
    <message>
        <source>There is no data to export yet: start a run or open a recording first.</source>
        <translation>还没有可导出的数据：请先开始一次运行或打开一个录制文件。</translation>
    </message>
    <message>
        <source>There is no data to export yet: start a run or an observation, or open a recording, first.</source>
        <translation>还没有可导出的数据：请先开始一次运行或观察，或打开一个录制。</translation>
    </message>
</context>
<context>
    <name>LessonWording</name>
    <message>
        <source>%1 sent, %2 received, %3 lost, %4 duplicated, %5 corrupted</source>
        <translation>发送 %1，接收 %2，丢失 %3，重复 %4，损坏 %5</translation>
    </message>
    <message>
        <source>longest wait of a %1 in %2: %3</source>
        <translation>%1在 %2 中最长的一次等待：%3</translation>
    </message>
    <message>
        <source>%1 of %2 saw EOF</source>
        <translation>%2 个中有 %1 个读到 EOF</translation>
    </message>
    <message>
        <source>no deadlock was seen</source>
        <translation>没有出现死锁</translation>
    </message>
    <message>
        <source>every process was waiting %1 s into the run, nothing moving</source>
        <translation>运行到第 %1 秒时所有进程都在等待，什么都不动</translation>
    </message>
    <message>
        <source>%1 object(s) still in the kernel after every process died</source>
        <translation>所有进程死后仍有 %1 个对象留在内核中</translation>
    </message>
    <message>
        <source>%1 process(es) attached when IPC_RMID marked it destroy-pending</source>
        <translation>IPC_RMID 将其标记为待销毁时，仍有 %1 个进程连接着</translation>
    </message>
    <message>
        <source>every message arrives once and intact</source>
        <translation>每条消息都完整地到达且只到达一次</translation>
    </message>
    <message>
        <source>messages are lost, duplicated or corrupted</source>
        <translation>有消息丢失、重复或损坏</translation>
    </message>
    <message>
        <source>at least %1 message(s) are never received</source>
        <translation>至少有 %1 条消息从未被接收</translation>
    </message>
    <message>
        <source>a %1 waits in %2 for at least %3 s at a stretch</source>
        <translation>某个%1在 %2 中连续等待至少 %3 秒</translation>
    </message>
    <message>
        <source>no %1 waits in %2 for %3 s at a stretch</source>
        <translation>没有%1在 %2 中连续等待 %3 秒</translation>
    </message>
    <message>
        <source>every %1 sees the other side close (EOF)</source>
        <translation>每个%1都看到对方关闭（EOF）</translation>
    </message>
    <message>
        <source>no %1 ever sees EOF</source>
        <translation>没有%1读到 EOF</translation>
    </message>
    <message>
        <source>every process waits for another and nothing moves (deadlock)</source>
        <translation>每个进程都在等待另一个，什么都动不了（死锁）</translation>
    </message>
    <message>
        <source>the kernel objects outlive every process that used them</source>
        <translation>内核对象比所有使用过它们的进程活得更久</translation>
    </message>
    <message>
        <source>the segment, removed while attached, lives on destroy-pending</source>
        <translation>在仍有连接时被删除的共享内存段以“待销毁”状态继续存在</translation>
    </message>
    <message>
        <source>This run should show: %1</source>
        <translation>本次运行应当表明：%1</translation>
    </message>
    <message>
        <source>&lt;b&gt;The run showed its point:&lt;/b&gt;</source>
        <translation>&lt;b&gt;本次运行表明了要点：&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;The run did not show its point this time:&lt;/b&gt;</source>
        <translation>&lt;b&gt;本次运行没有表明要点：&lt;/b&gt;</translation>
    </message>
    <message>
        <source>What to watch:</source>
        <translation>观察要点：</translation>
    </message>
    <message>
        <source>&lt;p&gt;No lesson is loaded. Lesson files (*.json) are read from:&lt;/p&gt;</source>
        <translation>&lt;p&gt;没有加载任何课程。课程文件（*.json）从以下位置读取：&lt;/p&gt;</translation>
    </message>
    <message>
        <source>no %1 failed with %2</source>
        <translation>没有 %1 以 %2 失败</translation>
    </message>
    <message>
        <source>%1 %2: %3 failed with %4 (%5) %6 into the run</source>
        <translation>%1 %2：%3 失败，错误 %4（%5），发生在运行 %6 时</translation>
    </message>
    <message>
        <source>a call</source>
        <translation>某个调用</translation>
    </message>
    <message>
        <source>a %1's call fails with %2</source>
        <translation>某个%1的调用以 %2 失败</translation>
    </message>
    <message>
        <source>a %1's %2 fails with %3</source>
        <translation>某个%1的 %2 以 %3 失败</translation>
    </message>
</context>
<context>
    <name>RecordingFiles</name>
    <message>
        <source>ipcscope recordings (*.ipcrec);;All files (*)</source>
        <translation>ipcscope 录制文件 (*.ipcrec);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>ipcscope::BlockingTimelineView</name>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>blocked in %1</source>
        <translation>阻塞于 %1</translation>
    </message>
    <message>
        <source>Blocking timeline</source>
        <translation>阻塞时间线</translation>
    </message>
    <message>
        <source>Start a run to see who waits, where and for how long</source>
        <translation>开始一次运行，看看谁在等待、在哪里等待、等了多久</translation>
    </message>
    <message>
        <source>time (s)</source>
        <translation>时间（秒）</translation>
    </message>
    <message>
        <source>%1 %2 for %3 (%4 s → %5 s)</source>
        <translation>%1 %2，持续 %3（%4 s → %5 s）</translation>
    </message>
    <message>
        <source>%1 (thread %2)</source>
        <translation>%1（线程 %2）</translation>
    </message>
    <message>
        <source>at least %1</source>
        <translation>至少 %1</translation>
    </message>
    <message>
        <source>start-up</source>
        <translation>启动中</translation>
    </message>
    <message>
        <source>What each worker was doing over the last minute: starting up, running, blocked in a call, throttled to its rate, waiting for a step, draining, stopped or exited</source>
        <translation>最近一分钟内每个工作进程在做什么：启动中、运行、阻塞在某个调用中、按速率限流、等待单步、排空、已停止或已退出</translation>
    </message>
</context>
<context>
    <name>ipcscope::ClassroomPage</name>
    <message>
        <source>&lt;b&gt;Cannot start this lesson:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;无法开始本课：&lt;/b&gt;%1</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>重新开始</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Start the lesson with real processes (F5); while it runs, start it again from the beginning</source>
        <translation>用真实进程开始本课（F5）；运行中按下则从头重新开始</translation>
    </message>
    <message>
        <source>Pause every process of the lesson, or let it continue (F6)</source>
        <translation>暂停本课的所有进程，或让它们继续（F6）</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Each process performs exactly one operation and waits again (F10). The first press stops them before their next operation.</source>
        <translation>每个进程恰好执行一次操作，然后再次等待（F10）。第一次按下时，它们会停在下一次操作之前。</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>End the lesson: the processes stop and every object is removed (Shift+F5)</source>
        <translation>结束本课：进程停止，所有对象被删除（Shift+F5）</translation>
    </message>
    <message>
        <source>Presentation</source>
        <translation>演示模式</translation>
    </message>
    <message>
        <source>Pace:</source>
        <translation>节奏：</translation>
    </message>
    <message>
        <source>Variant:</source>
        <translation>版本：</translation>
    </message>
    <message>
        <source>Real time</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>1 operation per second</source>
        <translation>每秒 1 次操作</translation>
    </message>
    <message>
        <source>1 operation every 2 s</source>
        <translation>每 2 秒 1 次操作</translation>
    </message>
    <message>
        <source>1 operation every 5 s</source>
        <translation>每 5 秒 1 次操作</translation>
    </message>
    <message>
        <source>How fast each process may go: real time, or at most one operation per interval, so every step can be explained</source>
        <translation>每个进程能走多快：实时，或每个间隔最多一次操作，以便讲解每一步</translation>
    </message>
    <message>
        <source>A pitfall runs broken (the mistake) or fixed</source>
        <translation>常见错误可以运行“错误”版本（犯错的写法）或“修正”版本</translation>
    </message>
    <message>
        <source>&lt;b&gt;Lesson files that did not load:&lt;/b&gt;&lt;br&gt;%1</source>
        <translation>&lt;b&gt;未能加载的课程文件：&lt;/b&gt;&lt;br&gt;%1</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>运行中…</translation>
    </message>
    <message>
        <source>Step by step: press Step (F10) for one more operation of each process, Continue (F6) to run on.</source>
        <translation>单步模式：按“单步”（F10）让每个进程再执行一次操作，按“继续”（F6）恢复运行。</translation>
    </message>
    <message>
        <source>Paused.</source>
        <translation>已暂停。</translation>
    </message>
    <message>
        <source>Running… %1 s</source>
        <translation>运行中… %1 秒</translation>
    </message>
    <message>
        <source>Lesson finished: it showed its point</source>
        <translation>本课结束：已表明要点</translation>
    </message>
    <message>
        <source>Lesson finished: it did not show its point</source>
        <translation>本课结束：没有表明要点</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Full screen with large text and bold code, readable from the back of a room (Ctrl+Shift+P)</source>
        <translation>全屏、大字号、粗体代码，教室后排也能看清（Ctrl+Shift+P）</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>录制</translation>
    </message>
    <message>
        <source>Recorded to %1</source>
        <translation>已录制到 %1</translation>
    </message>
    <message>
        <source>Replay a Recorded Lesson</source>
        <translation>回放录制的课程</translation>
    </message>
    <message>
        <source>Cannot Replay</source>
        <translation>无法回放</translation>
    </message>
    <message>
        <source>Replay…</source>
        <translation>回放…</translation>
    </message>
    <message>
        <source>Replay a recorded lesson with its code, without running any process (Ctrl+O)</source>
        <translation>连同代码回放录制的课程，无需运行任何进程（Ctrl+O）</translation>
    </message>
    <message>
        <source>Replaying a recorded lesson; no process runs.</source>
        <translation>正在回放录制的课程；没有进程在运行。</translation>
    </message>
    <message>
        <source>Press Start (F5) to run the lesson with real processes,
or Step (F10) to go one operation at a time.</source>
        <translation>按“开始”（F5）用真实进程运行本课，
或按“单步”（F10）一次执行一个操作。</translation>
    </message>
    <message>
        <source>Record the lesson's runs to files in %1; Replay… (Ctrl+O) plays one back without any process</source>
        <translation>把本课的运行录制到 %1 中的文件；“回放…”（Ctrl+O）可以在不运行任何进程的情况下回放</translation>
    </message>
</context>
<context>
    <name>ipcscope::DepthChartView</name>
    <message>
        <source>Channel fill</source>
        <translation>通道填充</translation>
    </message>
    <message>
        <source>time (s)</source>
        <translation>时间（秒）</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>capacity</source>
        <translation>容量</translation>
    </message>
    <message>
        <source>How full the channel is (messages or bytes waiting), against its capacity</source>
        <translation>通道的填充程度（等待中的消息或字节）与其容量的对比</translation>
    </message>
    <message>
        <source>%1 queued</source>
        <translation>排队中的%1</translation>
    </message>
    <message>
        <source>%1: queued</source>
        <translation>%1：排队中</translation>
    </message>
    <message>
        <source>%1: capacity</source>
        <translation>%1：容量</translation>
    </message>
    <message>
        <source>queued (each channel in its own unit)</source>
        <translation>排队量（各通道用各自的单位）</translation>
    </message>
    <message>
        <source>Queued per channel (estimated from kernel counters)</source>
        <translation>各通道排队量（据内核计数估计）</translation>
    </message>
    <message>
        <source>No fill level known: a pipe or FIFO tells it only to the processes that hold it.</source>
        <translation>填充程度未知：管道或 FIFO 只把它告诉持有它的进程。</translation>
    </message>
    <message>
        <source>send buffer limit</source>
        <translation>发送缓冲区上限</translation>
    </message>
    <message>
        <source>Payload bytes sent and not yet received, against the socket's send buffer limit (SO_SNDBUF). The kernel charges each queued message's buffer overhead (its sk_buff, several hundred bytes) against that limit as well, so a sender waits long before the payload reaches it: with small messages, at a small fraction of it.</source>
        <translation>已发送但尚未接收的有效载荷字节数，对照套接字的发送缓冲区上限（SO_SNDBUF）。内核把每条排队消息的缓冲区开销（它的 sk_buff，几百字节）也计入该上限，因此有效载荷远未达到上限时发送方就已等待：消息很小时，只到上限的一小部分。</translation>
    </message>
</context>
<context>
    <name>ipcscope::EventLogModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>工作进程</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message numerus="yes">
        <source>… and %n earlier event(s) not listed (the log keeps the last %1)</source>
        <translation>
            <numerusform>…… 另有 %n 条更早的事件未列出（日志只保留最近的 %1 条）</numerusform>
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
        <translation>发送</translation>
    </message>
    <message>
        <source>receives</source>
        <translation>接收</translation>
    </message>
    <message>
        <source>both</source>
        <translation>双向</translation>
    </message>
    <message>
        <source>exact</source>
        <translation>精确</translation>
    </message>
    <message>
        <source>estimated</source>
        <translation>估计</translation>
    </message>
    <message>
        <source>not counted</source>
        <translation>未计数</translation>
    </message>
    <message>
        <source>Exact: every call of pid %1 on %2 counted as it happened</source>
        <translation>精确：pid %1 在 %2 上的每次调用都在发生时计数</translation>
    </message>
    <message>
        <source>Estimated from the kernel's counters of %1, sampled: not every call is seen</source>
        <translation>据内核对 %1 的计数采样估计：并非每次调用都能看到</translation>
    </message>
    <message>
        <source>Not counted: /proc tells who holds %1 but not what moves through each end. Turn on Exact flow (eBPF) for the figures.</source>
        <translation>未计数：/proc 只说明谁持有 %1，不说明每一端传输了什么。打开“精确流量（eBPF）”以获得数据。</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>通道</translation>
    </message>
    <message>
        <source>Way</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <source>Messages/s</source>
        <translation>消息/秒</translation>
    </message>
    <message>
        <source>Bytes/s</source>
        <translation>字节/秒</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Messages moved through this end since observing began ("≈": estimated)</source>
        <translation>自开始观察以来经过此端的消息数（“≈”：估计值）</translation>
    </message>
    <message>
        <source>Bytes moved through this end since observing began ("≈": estimated)</source>
        <translation>自开始观察以来经过此端的字节数（“≈”：估计值）</translation>
    </message>
    <message>
        <source>The recent rate, over the last quarter second or more</source>
        <translation>最近的速率，按最近四分之一秒或更长时间计算</translation>
    </message>
    <message>
        <source>Exact: counted in the kernel by ipcscope-probe (Exact flow (eBPF)); estimated: from the kernel's queue counters, sampled; not counted: nothing counts this end without the probe</source>
        <translation>精确：由 ipcscope-probe 在内核中计数（精确流量（eBPF））；估计：来自内核队列计数的采样；未计数：没有探针时无人为此端计数</translation>
    </message>
</context>
<context>
    <name>ipcscope::GaugeChartView</name>
    <message>
        <source>Gauges</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>time (s)</source>
        <translation>时间（秒）</translation>
    </message>
    <message>
        <source>value</source>
        <translation>值</translation>
    </message>
</context>
<context>
    <name>ipcscope::InventoryModel</name>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n 条消息</numerusform>
        </translation>
    </message>
    <message>
        <source>, %1 of %2</source>
        <translation>，%1 / %2</translation>
    </message>
    <message numerus="yes">
        <source>%n attached</source>
        <translation>
            <numerusform>%n 个进程已连接</numerusform>
        </translation>
    </message>
    <message>
        <source>, destroy pending</source>
        <translation>，等待销毁</translation>
    </message>
    <message numerus="yes">
        <source>%n semaphore(s)</source>
        <translation>
            <numerusform>%n 个信号量</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 messages</source>
        <translation>%1 / %2 条消息</translation>
    </message>
    <message>
        <source>%1 queued</source>
        <translation>已排队 %1</translation>
    </message>
    <message>
        <source>value %1</source>
        <translation>值 %1</translation>
    </message>
    <message>
        <source>%1 reader(s), %2 writer(s)</source>
        <translation>%1 个读端，%2 个写端</translation>
    </message>
    <message>
        <source>This object has just disappeared</source>
        <translation>该对象刚刚消失</translation>
    </message>
    <message>
        <source>Created by an ipcscope run</source>
        <translation>由 ipcscope 的一次运行创建</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>ID / name</source>
        <translation>ID / 名称</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>键值</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>属主</translation>
    </message>
    <message>
        <source>Perms</source>
        <translation>权限</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>使用情况</translation>
    </message>
    <message>
        <source>Used by</source>
        <translation>使用者</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>修改时间</translation>
    </message>
    <message>
        <source>System V key (0x00000000 = IPC_PRIVATE)</source>
        <translation>System V 键值（0x00000000 = IPC_PRIVATE）</translation>
    </message>
    <message numerus="yes">
        <source>listening · %n waiting to be accepted</source>
        <translation>
            <numerusform>监听中 · %n 个等待接受</numerusform>
        </translation>
    </message>
    <message>
        <source>connected to %1 · %2</source>
        <translation>已连接到 %1 · %2</translation>
    </message>
    <message>
        <source>connected · %1 · %2</source>
        <translation>已连接 · %1 · %2</translation>
    </message>
    <message>
        <source>(pid %1)</source>
        <translation>（pid %1）</translation>
    </message>
    <message>
        <source>not accepted yet by socket:[%1]</source>
        <translation>尚未被 socket:[%1] 接受</translation>
    </message>
    <message>
        <source>other end closed</source>
        <translation>另一端已关闭</translation>
    </message>
    <message numerus="yes">
        <source>%n waiting to be accepted</source>
        <translation>
            <numerusform>%n 个等待接受</numerusform>
        </translation>
    </message>
    <message>
        <source>nothing queued</source>
        <translation>无排队数据</translation>
    </message>
    <message>
        <source>next datagram %1</source>
        <translation>下一个数据报 %1</translation>
    </message>
    <message>
        <source>System V id, POSIX name, FIFO path, pipe inode, or a Unix socket's path, @abstract name or inode</source>
        <translation>System V 标识符、POSIX 名称、FIFO 路径、管道 inode，或 Unix 套接字的路径、@抽象名称或 inode</translation>
    </message>
    <message>
        <source>Processes attached to, mapping, or holding the object open, and those waiting on it in a call (msgrcv, semop, mq_timedreceive, sem_wait)</source>
        <translation>附加、映射或打开该对象的进程，以及在调用中等待它的进程（msgrcv、semop、mq_timedreceive、sem_wait）</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>%1 waits in %2 · ≥ %3</source>
        <translation>%1 在 %2 中等待 · ≥ %3</translation>
    </message>
    <message>
        <source>Marked for destruction: it disappears when the last process detaches</source>
        <translation>已标记为销毁：最后一个进程分离后它才消失</translation>
    </message>
</context>
<context>
    <name>ipcscope::LabController</name>
    <message>
        <source>Could not start: %1</source>
        <translation>无法启动：%1</translation>
    </message>
    <message>
        <source>Recording stopped: %1</source>
        <translation>录制已停止：%1</translation>
    </message>
    <message>
        <source>Could not record: %1</source>
        <translation>无法录制：%1</translation>
    </message>
    <message>
        <source>Could not finish the recording: %1</source>
        <translation>无法完成录制：%1</translation>
    </message>
    <message>
        <source>Could not open the recording: %1</source>
        <translation>无法打开录制文件：%1</translation>
    </message>
    <message>
        <source>Could not open the recording: %1 holds no samples (the lab stopped before the first one).</source>
        <translation>无法打开录制文件：%1 中没有采样（实验在第一次采样前就停止了）。</translation>
    </message>
    <message>
        <source>Choose what to observe first: processes, a command, a process tree or an object.</source>
        <translation>请先选择要观察的内容：进程、命令、进程树或对象。</translation>
    </message>
    <message>
        <source>The sampling interval must be longer than zero.</source>
        <translation>采样间隔必须大于零。</translation>
    </message>
</context>
<context>
    <name>ipcscope::LabPage</name>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <source>Start the run: launch the worker processes (F5)</source>
        <translation>开始运行：启动各个工作进程（F5）</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>Stop: producers finish, consumers drain the channel, every object is removed (Shift+F5)</source>
        <translation>停止：生产者结束发送，消费者取空通道，删除所有对象（Shift+F5）</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>Pause: stop every worker with SIGSTOP; resume with SIGCONT (F6)</source>
        <translation>暂停：用 SIGSTOP 停住所有工作进程；再按一次用 SIGCONT 恢复（F6）</translation>
    </message>
    <message>
        <source>messages/s</source>
        <translation>消息/秒</translation>
    </message>
    <message>
        <source>bytes/s</source>
        <translation>字节/秒</translation>
    </message>
    <message>
        <source>Unit of the throughput chart</source>
        <translation>吞吐量图表的单位</translation>
    </message>
    <message>
        <source>Throughput in</source>
        <translation>吞吐量单位</translation>
    </message>
    <message>
        <source>&amp;Workers</source>
        <translation>工作进程(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Events</source>
        <translation>事件(&amp;E)</translation>
    </message>
    <message>
        <source>Cannot run: %1</source>
        <translation>无法运行：%1</translation>
    </message>
    <message>
        <source>Started %1: %2 producer(s), %3 consumer(s)</source>
        <translation>已开始 %1：%2 个生产者，%3 个消费者</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>注意：%1</translation>
    </message>
    <message>
        <source>Clean run: %1 messages sent and received intact in %2 s.</source>
        <translation>运行正常：%1 条消息在 %2 秒内完整地发送并接收。</translation>
    </message>
    <message>
        <source>Problems: lost %1, duplicated %2, corrupted %3, reordered %4%5.</source>
        <translation>发现问题：丢失 %1，重复 %2，损坏 %3，乱序 %4%5。</translation>
    </message>
    <message>
        <source>; a worker failed or was killed</source>
        <translation>；有工作进程失败或被杀死</translation>
    </message>
    <message>
        <source>Finished. %1 Every object of the run was removed.</source>
        <translation>已结束。%1 本次运行的所有对象都已删除。</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Stopping</source>
        <translation>正在停止</translation>
    </message>
    <message>
        <source>Draining</source>
        <translation>正在排空</translation>
    </message>
    <message>
        <source>%1 · %2 s · sent %3 · received %4</source>
        <translation>%1 · %2 秒 · 已发送 %3 · 已接收 %4</translation>
    </message>
    <message>
        <source> · integrity: clean</source>
        <translation> · 完整性：正常</translation>
    </message>
    <message>
        <source> · integrity: VIOLATED</source>
        <translation> · 完整性：被破坏</translation>
    </message>
    <message>
        <source> · integrity: problems seen</source>
        <translation> · 完整性：发现问题</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>录制(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Open Recording…</source>
        <translation>打开录制文件(&amp;O)…</translation>
    </message>
    <message>
        <source>Export Charts as &amp;PNG…</source>
        <translation>将图表导出为 &amp;PNG…</translation>
    </message>
    <message>
        <source>Save the topology, the timeline and the charts as they are shown now, as one image</source>
        <translation>把当前显示的拓扑图、时间线和图表保存为一张图片</translation>
    </message>
    <message>
        <source>Export Data as &amp;CSV…</source>
        <translation>将数据导出为 &amp;CSV…</translation>
    </message>
    <message>
        <source>Save the samples (time, each worker's messages, bytes, state and blocked time, channel depth) as a table for a spreadsheet; a long run's are thinned evenly to a few thousand rows</source>
        <translation>把采样（时间、各工作进程的消息数、字节数、状态和阻塞时间、通道深度）保存为表格，供电子表格使用；长时间运行的采样会被均匀抽稀到几千行</translation>
    </message>
    <message>
        <source>Recording to %1</source>
        <translation>正在录制到 %1</translation>
    </message>
    <message>
        <source> · recording</source>
        <translation> · 录制中</translation>
    </message>
    <message>
        <source>Replaying recording</source>
        <translation>正在回放录制</translation>
    </message>
    <message>
        <source>Replay finished</source>
        <translation>回放已结束</translation>
    </message>
    <message>
        <source>Replay paused</source>
        <translation>回放已暂停</translation>
    </message>
    <message>
        <source>This recording ends at %1 without a final report: the run did not finish while it was recorded.</source>
        <translation>该录制在 %1 处结束，没有最终报告：录制期间这次运行没有结束。</translation>
    </message>
    <message>
        <source>Replaying %1: %2, %3 producer(s), %4 consumer(s), recorded %5</source>
        <translation>正在回放 %1：%2，%3 个生产者，%4 个消费者，录制于 %5</translation>
    </message>
    <message>
        <source>Replaying a recorded run; no process runs.</source>
        <translation>正在回放一次录制的运行；没有进程在运行。</translation>
    </message>
    <message>
        <source>Open Recording</source>
        <translation>打开录制文件</translation>
    </message>
    <message>
        <source>Could not open the recording</source>
        <translation>无法打开录制文件</translation>
    </message>
    <message>
        <source>Export Charts as PNG</source>
        <translation>将图表导出为 PNG</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Could not export the charts</source>
        <translation>无法导出图表</translation>
    </message>
    <message>
        <source>Charts saved as %1</source>
        <translation>图表已保存为 %1</translation>
    </message>
    <message>
        <source>Export Data as CSV</source>
        <translation>将数据导出为 CSV</translation>
    </message>
    <message>
        <source>CSV tables (*.csv);;All files (*)</source>
        <translation>CSV 表格 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Could not export the data</source>
        <translation>无法导出数据</translation>
    </message>
    <message numerus="yes">
        <source>%n sample(s) saved as %1</source>
        <translation>
            <numerusform>%n 个采样已保存为 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Recording saved in %1 (File › Open Recording replays it)</source>
        <translation>录制已保存到 %1（用“文件 › 打开录制”回放）</translation>
    </message>
    <message>
        <source>Record: save every sample of the run to a file you can replay anywhere, without running any process (Ctrl+Shift+R). Files go to %1</source>
        <translation>录制：把运行的每个采样保存到文件，之后可在任何地方回放，无需运行任何进程（Ctrl+Shift+R）。文件保存在 %1</translation>
    </message>
    <message>
        <source>A run is going. Opening a recording stops it and removes its objects. Open a recording anyway?</source>
        <translation>有一次运行正在进行。打开录制会停止它并删除它的对象。仍然打开录制吗？</translation>
    </message>
    <message>
        <source>Replay a recorded run: the same views, with seek, pause and speed; no process runs. A recorded observation replays on the Observe page (Ctrl+O)</source>
        <translation>回放录制的运行：相同的视图，可跳转、暂停和调速；不运行任何进程。录制的观察在“观察”页回放（Ctrl+O）</translation>
    </message>
    <message>
        <source>This recording is of an observation, not of a Lab run: open it on the Observe page (Observe › Open Recorded Observation).</source>
        <translation>此录制文件是一次观察，而不是实验室运行：请在“观察”页打开它（观察 › 打开录制的观察）。</translation>
    </message>
    <message>
        <source>One line per wor&amp;ker</source>
        <translation>每个工作进程一条线(&amp;K)</translation>
    </message>
    <message>
        <source>Draw every worker's own line instead of the sum per role with the range of its workers (remembered)</source>
        <translation>为每个工作进程各画一条线，而不是按角色求和并显示其工作进程的范围（会被记住）</translation>
    </message>
    <message>
        <source>Setup</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Show or hide the run's setup (F9). A run hides it and its end shows it again; show it during a run to keep it there.</source>
        <translation>显示或隐藏运行设置（F9）。运行开始时隐藏，结束时重新显示；在运行中显示它则会保持显示。</translation>
    </message>
</context>
<context>
    <name>ipcscope::Language</name>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Follow the language of the desktop (%1)</source>
        <translation>跟随桌面环境的语言（%1）</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
</context>
<context>
    <name>ipcscope::LessonCodeView</name>
    <message>
        <source>The C code this process runs. The highlighted line is where each worker is right now, read from its live state.</source>
        <translation>这个进程运行的 C 代码。高亮的行是每个工作进程此刻所在的位置，取自它的实时状态。</translation>
    </message>
    <message>
        <source>blocked in %1%2 for %3</source>
        <translation>阻塞在 %1%2 中，已 %3</translation>
    </message>
    <message>
        <source>exited (%1)</source>
        <translation>已退出（%1）</translation>
    </message>
    <message>
        <source>, paused</source>
        <translation>，已暂停</translation>
    </message>
    <message>
        <source> — line %1</source>
        <translation> — 第 %1 行</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) sent</source>
        <translation>
            <numerusform>已发送 %n 条消息</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) received</source>
        <translation>
            <numerusform>已接收 %n 条消息</numerusform>
        </translation>
    </message>
    <message>
        <source>stopped while waiting in %1</source>
        <translation>在 %1 中等待时被停止</translation>
    </message>
    <message>
        <source>→ wrote %1 bytes: n + 1 (n = %2, then the NUL \0)</source>
        <translation>→ 写了 %1 字节：n + 1（n = %2，再加结尾的 NUL \0）</translation>
    </message>
    <message>
        <source>→ read %1 bytes: n + 1 (n = %2, the last one \0)</source>
        <translation>→ 读到 %1 字节：n + 1（n = %2，最后一个是 \0）</translation>
    </message>
    <message>
        <source>→ wrote %1 bytes: n (no NUL)</source>
        <translation>→ 写了 %1 字节：n（没有 NUL）</translation>
    </message>
    <message>
        <source>→ read %1 bytes: n (no NUL)</source>
        <translation>→ 读到 %1 字节：n（没有 NUL）</translation>
    </message>
</context>
<context>
    <name>ipcscope::LessonListModel</name>
    <message>
        <source>Pitfalls</source>
        <translation>常见错误</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>课程</translation>
    </message>
</context>
<context>
    <name>ipcscope::LimitsPage</name>
    <message>
        <source>Resource</source>
        <translation>资源</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>上限</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>已用</translation>
    </message>
    <message>
        <source>The kernel's limits on IPC objects, and how much of each is in use now. Raise a limit with sysctl, e.g. &lt;tt&gt;sysctl kernel.msgmni=64000&lt;/tt&gt;.</source>
        <translation>内核对 IPC 对象的各项限制，以及每一项当前的使用量。可以用 sysctl 提高某项限制，例如 &lt;tt&gt;sysctl kernel.msgmni=64000&lt;/tt&gt;。</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>no practical limit</source>
        <translation>实际上无限制</translation>
    </message>
    <message>
        <source>%1 used (%2 %)</source>
        <translation>已用 %1（%2 %）</translation>
    </message>
    <message>
        <source>no limit (0)</source>
        <translation>无限制 (0)</translation>
    </message>
    <message>
        <source>%1 pages (%2)</source>
        <translation>%1 页 (%2)</translation>
    </message>
    <message>
        <source>Largest capacity an unprivileged process may give a pipe (F_SETPIPE_SZ); a new pipe holds 64 KiB</source>
        <translation>非特权进程可为管道设置的最大容量 (F_SETPIPE_SZ)；新管道容量为 64 KiB</translation>
    </message>
    <message>
        <source>A write of up to this many bytes to a pipe or FIFO is atomic: never interleaved with another writer's (a compile-time constant, not a setting)</source>
        <translation>向管道或 FIFO 写入不超过此字节数的数据是原子的：不会与其他写者的数据交错（编译期常量，不可设置）</translation>
    </message>
    <message>
        <source>Pipe buffer pages one user may hold before new pipes get a single page</source>
        <translation>单个用户可占用的管道缓冲页数，超过后新管道只分到一页</translation>
    </message>
    <message>
        <source>Pipe buffer pages one user may hold before creating a pipe fails</source>
        <translation>单个用户可占用的管道缓冲页数，超过后创建管道失败</translation>
    </message>
    <message>
        <source>Receive buffer of a new socket (a Unix stream socket's sender is held by it)</source>
        <translation>新套接字的接收缓冲区（Unix 流套接字的发送方受它限制）</translation>
    </message>
    <message>
        <source>Largest receive buffer a process may set (SO_RCVBUF)</source>
        <translation>进程可设置的最大接收缓冲区 (SO_RCVBUF)</translation>
    </message>
    <message>
        <source>Send buffer of a new socket: how much sent data not yet read it may hold</source>
        <translation>新套接字的发送缓冲区：可容纳多少已发送但尚未读取的数据</translation>
    </message>
    <message>
        <source>Largest send buffer a process may set (SO_SNDBUF)</source>
        <translation>进程可设置的最大发送缓冲区 (SO_SNDBUF)</translation>
    </message>
    <message>
        <source>Datagrams a Unix datagram socket queues before senders wait</source>
        <translation>Unix 数据报套接字在发送方等待之前可排队的数据报数</translation>
    </message>
    <message numerus="yes">
        <source>%n datagram(s)</source>
        <translation>
            <numerusform>%n 个数据报</numerusform>
        </translation>
    </message>
    <message>
        <source>From /proc/sys/kernel, /proc/sys/fs and /proc/sys/net; usage counted from the objects listed</source>
        <translation>取自 /proc/sys/kernel、/proc/sys/fs 和 /proc/sys/net；用量按所列对象统计</translation>
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
        <translation>实验(&amp;L)</translation>
    </message>
    <message>
        <source>System &amp;objects</source>
        <translation>系统对象(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Kernel limits</source>
        <translation>内核限制(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Stop any run, remove its objects and quit</source>
        <translation>停止正在进行的运行，删除其对象并退出</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Objects</source>
        <translation>对象(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Full Screen</source>
        <translation>全屏(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About ipcscope</source>
        <translation>关于 ipcscope(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 &amp;Qt</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>About ipcscope</source>
        <translation>关于 ipcscope</translation>
    </message>
    <message>
        <source>&lt;h3&gt;ipcscope %1&lt;/h3&gt;&lt;p&gt;See inter-process communication happen: real processes over pipes, FIFOs, System V and POSIX queues, shared memory, semaphores and Unix sockets.&lt;/p&gt;&lt;p&gt;Built with Qt %2, running on Qt %3.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;ipcscope %1&lt;/h3&gt;&lt;p&gt;亲眼看到进程间通信的发生：真实的进程通过管道、FIFO、System V 与 POSIX 消息队列、共享内存、信号量和 Unix 套接字相互通信。&lt;/p&gt;&lt;p&gt;基于 Qt %2 构建，运行于 Qt %3。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Classroom</source>
        <translation>课堂(&amp;C)</translation>
    </message>
    <message>
        <source>O&amp;bserve</source>
        <translation>观察(&amp;B)</translation>
    </message>
    <message>
        <source>Could not observe</source>
        <translation>无法观察</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Trace (Perfetto, chrome://tracing)…</source>
        <translation>跟踪（Perfetto、chrome://tracing）(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Wait-for graph (Graphviz DOT)…</source>
        <translation>等待图（Graphviz DOT）(&amp;W)…</translation>
    </message>
    <message>
        <source>Save what the page shows (a run, a replay or an observation) as Trace Event JSON: a track per thread with its waits, counters for the flows; opens in ui.perfetto.dev and chrome://tracing (Ctrl+Shift+T)</source>
        <translation>将本页显示的内容（运行、回放或观察）保存为 Trace Event JSON：每个线程一条轨道及其等待，流量为计数器；可在 ui.perfetto.dev 和 chrome://tracing 中打开（Ctrl+Shift+T）</translation>
    </message>
    <message>
        <source>Save who waits on what and who could release it, at the frame shown, as a Graphviz graph: dot -Tsvg draws it (Ctrl+Shift+G)</source>
        <translation>将当前帧中谁在等待什么、谁能释放它保存为 Graphviz 图：dot -Tsvg 可绘制（Ctrl+Shift+G）</translation>
    </message>
    <message>
        <source>Export a trace</source>
        <translation>导出跟踪</translation>
    </message>
    <message>
        <source>There is nothing to export yet: start a run or an observation, or open a recording, first.</source>
        <translation>还没有可导出的内容：请先开始一次运行或观察，或打开一个录制。</translation>
    </message>
    <message>
        <source>Trace Event JSON (*.json);;All files (*)</source>
        <translation>Trace Event JSON (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Could not export the trace</source>
        <translation>无法导出跟踪</translation>
    </message>
    <message>
        <source>Trace saved as %1: open it in ui.perfetto.dev or chrome://tracing</source>
        <translation>跟踪已保存为 %1：可在 ui.perfetto.dev 或 chrome://tracing 中打开</translation>
    </message>
    <message>
        <source>Export the wait-for graph</source>
        <translation>导出等待图</translation>
    </message>
    <message>
        <source>Graphviz DOT (*.dot *.gv);;All files (*)</source>
        <translation>Graphviz DOT (*.dot *.gv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Could not export the wait-for graph</source>
        <translation>无法导出等待图</translation>
    </message>
    <message>
        <source>Wait-for graph saved as %1: dot -Tsvg draws it</source>
        <translation>等待图已保存为 %1：dot -Tsvg 可绘制</translation>
    </message>
</context>
<context>
    <name>ipcscope::MessageBytesView</name>
    <message>
        <source>%1 bytes = n + 1: the text (n = %2) and its NUL</source>
        <translation>%1 字节 = n + 1：正文（n = %2）加上它的 NUL</translation>
    </message>
    <message>
        <source>%1 bytes = n: the text, no NUL</source>
        <translation>%1 字节 = n：只有正文，没有 NUL</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 received&lt;/b&gt; %2</source>
        <translation>&lt;b&gt;%1 收到&lt;/b&gt; %2</translation>
    </message>
    <message>
        <source>%1 bytes = n + 1, the last one \0</source>
        <translation>%1 字节 = n + 1，最后一个是 \0</translation>
    </message>
    <message>
        <source>%1 bytes = n, no \0</source>
        <translation>%1 字节 = n，没有 \0</translation>
    </message>
    <message>
        <source>&lt;b&gt;The last message %1 received&lt;/b&gt;, as read() returned it — %2%3</source>
        <translation>&lt;b&gt;%1 收到的最后一条消息&lt;/b&gt;，即 read() 返回的内容 — %2%3</translation>
    </message>
    <message>
        <source> (the first %1 shown)</source>
        <translation>（显示前 %1 个）</translation>
    </message>
    <message>
        <source>The bytes the consumer process received, read from its live state: each character (escaped: \n a line end, \0 the NUL, ␣ a space) above its value in hex</source>
        <translation>消费者进程收到的字节，取自它的实时状态：每个字符（转义写法：\n 换行，\0 NUL，␣ 空格）下面是它的十六进制值</translation>
    </message>
</context>
<context>
    <name>ipcscope::ObjectsPage</name>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>List the objects again now (F5 on this page)</source>
        <translation>立即重新列出对象（在本页按 F5）</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>删除(&amp;D)…</translation>
    </message>
    <message>
        <source>Remove the selected objects from the kernel, after checking they are still the objects listed (Delete)</source>
        <translation>先确认所选对象仍是列表中的那些对象，再把它们从内核中删除（Delete）</translation>
    </message>
    <message>
        <source>Clean up &amp;stale ipcscope objects…</source>
        <translation>清理残留的 ipcscope 对象(&amp;S)…</translation>
    </message>
    <message>
        <source>Remove what ipcscope runs left behind when their lab was killed</source>
        <translation>删除实验进程被杀死后 ipcscope 运行遗留下来的对象</translation>
    </message>
    <message>
        <source>&amp;Watch</source>
        <translation>监视(&amp;W)</translation>
    </message>
    <message>
        <source>Open a live chart of the selected object: queued messages, attach count, semaphore values and waiters (Ctrl+W)</source>
        <translation>为所选对象打开实时图表：排队的消息、连接数、信号量的值和等待者（Ctrl+W）</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Show one kind of object</source>
        <translation>只显示一种类型的对象</translation>
    </message>
    <message>
        <source>All owners</source>
        <translation>全部属主</translation>
    </message>
    <message>
        <source>Show the objects of one user</source>
        <translation>只显示某个用户的对象</translation>
    </message>
    <message>
        <source>Filter: owner, name, key, process…</source>
        <translation>过滤：属主、名称、键值、进程…</translation>
    </message>
    <message>
        <source>Show only objects whose row contains this text (Ctrl+F)</source>
        <translation>只显示所在行包含该文字的对象（Ctrl+F）</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>How often the list is refreshed</source>
        <translation>列表的刷新间隔</translation>
    </message>
    <message>
        <source>Stop refreshing (the list stays as it is)</source>
        <translation>停止刷新（列表保持不变）</translation>
    </message>
    <message>
        <source>Refresh every</source>
        <translation>刷新间隔</translation>
    </message>
    <message>
        <source>Select an object to see every detail and the processes using it.</source>
        <translation>选择一个对象，查看它的全部细节以及正在使用它的进程。</translation>
    </message>
    <message numerus="yes">
        <source>%n object(s)</source>
        <translation>
            <numerusform>%n 个对象</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n objects selected</source>
        <translation>
            <numerusform>已选择 %n 个对象</numerusform>
        </translation>
    </message>
    <message>
        <source>Key</source>
        <translation>键值</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>属主</translation>
    </message>
    <message>
        <source>Creator</source>
        <translation>创建者</translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation>权限</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>使用情况</translation>
    </message>
    <message>
        <source>Queue limit</source>
        <translation>队列上限</translation>
    </message>
    <message>
        <source>Creator pid</source>
        <translation>创建者 pid</translation>
    </message>
    <message>
        <source>Last pid</source>
        <translation>最后操作的 pid</translation>
    </message>
    <message>
        <source>Last receiver pid</source>
        <translation>最后接收者 pid</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>修改时间</translation>
    </message>
    <message>
        <source>Last send</source>
        <translation>最后发送</translation>
    </message>
    <message>
        <source>Last receive</source>
        <translation>最后接收</translation>
    </message>
    <message>
        <source>Last attach</source>
        <translation>最后连接</translation>
    </message>
    <message>
        <source>Last detach</source>
        <translation>最后断开</translation>
    </message>
    <message>
        <source>Destroy pending</source>
        <translation>等待销毁</translation>
    </message>
    <message>
        <source>yes: removed when the last process detaches</source>
        <translation>是：最后一个进程断开后删除</translation>
    </message>
    <message>
        <source>Last operation</source>
        <translation>最后操作</translation>
    </message>
    <message>
        <source>Created by</source>
        <translation>创建方</translation>
    </message>
    <message>
        <source>an ipcscope run</source>
        <translation>ipcscope 的一次运行</translation>
    </message>
    <message>
        <source>&lt;h4&gt;Semaphores&lt;/h4&gt;&lt;table&gt;&lt;tr&gt;&lt;th&gt;#&lt;/th&gt;&lt;th&gt;value&lt;/th&gt;&lt;th&gt;waiting +&lt;/th&gt;&lt;th&gt;waiting 0&lt;/th&gt;&lt;th&gt;last pid&lt;/th&gt;&lt;/tr&gt;</source>
        <translation>&lt;h4&gt;信号量&lt;/h4&gt;&lt;table&gt;&lt;tr&gt;&lt;th&gt;#&lt;/th&gt;&lt;th&gt;值&lt;/th&gt;&lt;th&gt;等待增加&lt;/th&gt;&lt;th&gt;等待为 0&lt;/th&gt;&lt;th&gt;最后操作的 pid&lt;/th&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>&lt;h4&gt;Used by&lt;/h4&gt;</source>
        <translation>&lt;h4&gt;使用者&lt;/h4&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;No process has it attached, mapped or open.&lt;/p&gt;</source>
        <translation>&lt;p&gt;没有进程连接、映射或打开它。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Delete IPC objects</source>
        <translation>删除 IPC 对象</translation>
    </message>
    <message>
        <source>Could not delete everything</source>
        <translation>未能全部删除</translation>
    </message>
    <message>
        <source>Nothing stale</source>
        <translation>没有残留对象</translation>
    </message>
    <message>
        <source>No ipcscope run has left objects behind.</source>
        <translation>没有哪次 ipcscope 运行留下了对象。</translation>
    </message>
    <message>
        <source>Clean up stale objects</source>
        <translation>清理残留对象</translation>
    </message>
    <message numerus="yes">
        <source>%n object(s) were left by ipcscope runs whose lab is gone. Remove them?</source>
        <translation>
            <numerusform>有 %n 个对象是实验进程已不存在的 ipcscope 运行遗留的。要删除它们吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>Stale objects</source>
        <translation>残留对象</translation>
    </message>
    <message>
        <source>%1 (uid %2)</source>
        <translation>%1（uid %2）</translation>
    </message>
    <message>
        <source>&amp;Observe who uses it</source>
        <translation>观察谁在使用它(&amp;O)</translation>
    </message>
    <message>
        <source>Observe every process holding, mapping or waiting on the selected object: who waits in which call, for how long, and any deadlock (Ctrl+Shift+O)</source>
        <translation>观察持有、映射或等待所选对象的每个进程：谁在哪个调用中等待、等了多久，以及是否死锁（Ctrl+Shift+O）</translation>
    </message>
    <message>
        <source>Inode</source>
        <translation>Inode</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Other end</source>
        <translation>另一端</translation>
    </message>
    <message>
        <source>Waiting to be accepted</source>
        <translation>等待接受</translation>
    </message>
    <message>
        <source>Backlog limit</source>
        <translation>积压上限</translation>
    </message>
    <message>
        <source>Receive queue</source>
        <translation>接收队列</translation>
    </message>
    <message>
        <source>Send buffer in use</source>
        <translation>已用发送缓冲</translation>
    </message>
    <message>
        <source>%1 (memory held by sent data not read yet)</source>
        <translation>%1（已发送但尚未读取的数据占用的内存）</translation>
    </message>
    <message>
        <source>%1 %2: a Unix socket cannot be removed from outside; it closes when the last process holding it closes it. A socket bound to a path has a file that could be unlinked, but that does not close the socket: its holders keep it and its connections, and only new clients can no longer find it by that path.</source>
        <translation>%1 %2：Unix 套接字无法从外部删除；当最后一个持有它的进程关闭它时它才关闭。绑定到路径的套接字有一个可以删除的文件，但这不会关闭套接字：持有者仍保留它及其连接，只是新的客户端无法再通过该路径找到它。</translation>
    </message>
    <message>
        <source>Anonymous pipes are mostly plumbing between system processes (dozens of them) and cannot be removed: they are hidden unless this is on, the Pipe kind is chosen or the filter has text</source>
        <translation>匿名管道大多是系统进程之间的连接（数量众多），且无法删除：除非勾选此项、选择了“管道”类型或过滤框中有文字，否则隐藏它们</translation>
    </message>
    <message>
        <source>Show anonymous pipes (%1)</source>
        <translation>显示匿名管道 (%1)</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n object(s)</source>
        <translation>
            <numerusform>%1 / %n 个对象</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No object matches the filter. %n object(s) are hidden by it.</source>
        <translation>
            <numerusform>没有对象符合过滤条件。%n 个对象被过滤隐藏。</numerusform>
        </translation>
    </message>
    <message>
        <source>(uid %1)</source>
        <translation>(uid %1)</translation>
    </message>
    <message>
        <source>group %1</source>
        <translation>组 %1</translation>
    </message>
    <message>
        <source>pid %1 (%2, %3)</source>
        <translation>pid %1 (%2, %3)</translation>
    </message>
    <message numerus="yes">
        <source>%n attached process(es) (not visible to you)</source>
        <translation>
            <numerusform>%n 个已附加的进程（你无权查看）</numerusform>
        </translation>
    </message>
    <message>
        <source>in use by %1</source>
        <translation>正被 %1 使用</translation>
    </message>
    <message>
        <source>Remove these objects from the kernel?

%1</source>
        <translation>从内核中删除这些对象？

%1</translation>
    </message>
    <message>
        <source>Processes using them may fail: a queue or semaphore set goes at once, and a process waiting on it gets an error (EIDRM).</source>
        <translation>使用它们的进程可能出错：消息队列或信号量集会立即消失，正在其上等待的进程会得到错误 (EIDRM)。</translation>
    </message>
    <message>
        <source>IPC_RMID on an attached shared memory segment only marks it for destruction: its key becomes IPC_PRIVATE, and it disappears when the last process detaches.</source>
        <translation>对仍被附加的共享内存段执行 IPC_RMID 只会将其标记为销毁：它的键变为 IPC_PRIVATE，最后一个进程分离后它才消失。</translation>
    </message>
    <message>
        <source>shared memory %1</source>
        <translation>共享内存 %1</translation>
    </message>
    <message>
        <source>%1 removed</source>
        <translation>%1 已删除</translation>
    </message>
    <message>
        <source>pid %1 (%2)</source>
        <translation>pid %1 (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%n process(es)</source>
        <translation>
            <numerusform>%n 个进程</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 marked for destruction; still attached by %2</source>
        <translation>%1 已标记为销毁；仍被 %2 附加</translation>
    </message>
</context>
<context>
    <name>ipcscope::ObservePage</name>
    <message>
        <source>%1 is not a kind of object that has an inode number (pipe, unix-stream, unix-dgram, unix-seqpacket).</source>
        <translation>%1 不是带 inode 编号的对象类型（pipe、unix-stream、unix-dgram、unix-seqpacket）。</translation>
    </message>
    <message>
        <source>Write the object as its kind and its id or name, for example "sysv-msg 5", "posix-mq /jobs", "fifo /tmp/f" or "pipe:[88123]".</source>
        <translation>请按类型加标识符或名称写出对象，例如 "sysv-msg 5"、"posix-mq /jobs"、"fifo /tmp/f" 或 "pipe:[88123]"。</translation>
    </message>
    <message>
        <source>A System V object is named by its id, a whole number (ipcs lists them): "%1" is not one.</source>
        <translation>System V 对象以其标识符（一个整数，ipcs 会列出）命名："%1" 不是。</translation>
    </message>
    <message>
        <source>%1 is not a FIFO.</source>
        <translation>%1 不是 FIFO。</translation>
    </message>
    <message>
        <source>Open Recorded Observation</source>
        <translation>打开录制的观察</translation>
    </message>
    <message>
        <source>Recording saved in %1 (Open Recording on this page replays it)</source>
        <translation>录制已保存到 %1（在本页“打开录制”可回放）</translation>
    </message>
    <message>
        <source>&amp;Observe</source>
        <translation>观察(&amp;O)</translation>
    </message>
    <message>
        <source>Start observing the selected processes: read what /proc says they hold and wait for, without disturbing them (F5)</source>
        <translation>开始观察所选进程：读取 /proc 中它们持有和等待的内容，而不打扰它们（F5）</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>Stop observing; what was seen stays shown (Shift+F5)</source>
        <translation>停止观察；已看到的内容保留显示（Shift+F5）</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>录制(&amp;R)</translation>
    </message>
    <message>
        <source>Record: save every sample of the observation to a file to replay later, anywhere (Ctrl+Shift+R). Files go to %1</source>
        <translation>录制：将观察的每个样本保存到文件，以后可在任何地方回放（Ctrl+Shift+R）。文件保存在 %1</translation>
    </message>
    <message>
        <source>&amp;Open Recorded Observation…</source>
        <translation>打开录制的观察(&amp;O)…</translation>
    </message>
    <message>
        <source>Replay a recorded observation with the same views, seek, pause and speed (Ctrl+O)</source>
        <translation>以相同的视图回放录制的观察，可跳转、暂停和调速（Ctrl+O）</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>List the processes again now (Ctrl+R on this page)</source>
        <translation>立即重新列出进程（本页 Ctrl+R）</translation>
    </message>
    <message>
        <source>Search: command, user or pid…</source>
        <translation>搜索：命令、用户或 pid…</translation>
    </message>
    <message>
        <source>Show only processes whose pid, user or command line contains every word (Ctrl+F)</source>
        <translation>只显示 pid、用户或命令行包含每个词的进程（Ctrl+F）</translation>
    </message>
    <message>
        <source>Uses &amp;IPC only</source>
        <translation>仅使用 &amp;IPC 的</translation>
    </message>
    <message>
        <source>Hide processes that hold no pipe, FIFO, Unix socket, POSIX queue or shared mapping</source>
        <translation>隐藏不持有管道、FIFO、Unix 套接字、POSIX 队列或共享映射的进程</translation>
    </message>
    <message>
        <source>With &amp;descendants</source>
        <translation>包括后代进程(&amp;D)</translation>
    </message>
    <message>
        <source>Also observe every child of the selected processes, and their children, as they come and go</source>
        <translation>同时观察所选进程的每个子进程及其子进程（随其创建和退出而变化）</translation>
    </message>
    <message>
        <source>&amp;Everyone using an object</source>
        <translation>使用某对象的所有进程(&amp;E)</translation>
    </message>
    <message>
        <source>Observe every process that holds, maps or waits on this object</source>
        <translation>观察持有、映射或等待此对象的每个进程</translation>
    </message>
    <message>
        <source>Object:</source>
        <translation>对象：</translation>
    </message>
    <message>
        <source>sysv-msg 5, posix-mq /jobs, pipe:[88123]…</source>
        <translation>sysv-msg 5、posix-mq /jobs、pipe:[88123]…</translation>
    </message>
    <message>
        <source>The object by kind and id or name, as System objects lists it (right-click an object there: Observe who uses it)</source>
        <translation>按类型和标识符或名称指定对象，与“系统对象”页列出的一致（在那里右键对象：观察谁在使用它）</translation>
    </message>
    <message>
        <source>&amp;All channels they hold</source>
        <translation>它们持有的所有通道(&amp;A)</translation>
    </message>
    <message>
        <source>Show every channel the observed processes hold, not only those between them (a process often holds dozens of unrelated pipes)</source>
        <translation>显示被观察进程持有的每个通道，而不仅是它们之间的通道（一个进程常持有几十个无关的管道）</translation>
    </message>
    <message>
        <source>Sample every</source>
        <translation>采样间隔</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <source>How often /proc is read; waits shorter than this may be missed</source>
        <translation>读取 /proc 的频率；短于此间隔的等待可能被漏掉</translation>
    </message>
    <message>
        <source>Choose processes on the left and press Observe (F5):
who talks to whom, who waits in which call, and any deadlock.</source>
        <translation>在左侧选择进程并按“观察”（F5）：
谁与谁通信、谁在哪个调用中等待，以及是否死锁。</translation>
    </message>
    <message>
        <source>The observed processes and the channels between them. A process waiting in a call turns red and says the call, the object and how long (≥: at least); a deadlock is drawn as a red loop</source>
        <translation>被观察的进程及其之间的通道。在调用中等待的进程变为红色，并显示调用、对象和时长（≥：至少）；死锁画为红色环路</translation>
    </message>
    <message>
        <source>Observe processes to see a lane per thread</source>
        <translation>观察进程后每个线程显示一条泳道</translation>
    </message>
    <message>
        <source>Waits</source>
        <translation>等待</translation>
    </message>
    <message>
        <source>threads</source>
        <translation>线程</translation>
    </message>
    <message>
        <source>How many threads wait in a call, and how many processes are in a wait cycle</source>
        <translation>有多少线程在调用中等待，有多少进程处于等待环中</translation>
    </message>
    <message>
        <source>&amp;Waits</source>
        <translation>等待(&amp;W)</translation>
    </message>
    <message>
        <source>Wait cycles and lone waits, in words</source>
        <translation>等待环和孤立等待的文字说明</translation>
    </message>
    <message>
        <source>Cannot observe: %1</source>
        <translation>无法观察：%1</translation>
    </message>
    <message>
        <source>Select one or more processes in the list (search finds them by command, user or pid), or name an object whose users to observe.</source>
        <translation>请在列表中选择一个或多个进程（可按命令、用户或 pid 搜索），或指定一个对象以观察其使用者。</translation>
    </message>
    <message>
        <source>Recording to %1</source>
        <translation>正在录制到 %1</translation>
    </message>
    <message>
        <source>This recording is of a Lab run, not of an observation: open it on the Lab page (File › Open Recording).</source>
        <translation>此录制是实验运行而不是观察：请在“实验”页打开（文件 › 打开录制）。</translation>
    </message>
    <message>
        <source>Replaying an observation of %1, recorded %2; no process is read.</source>
        <translation>正在回放对 %1 的观察，录制于 %2；不读取任何进程。</translation>
    </message>
    <message>
        <source>Observing…</source>
        <translation>正在观察…</translation>
    </message>
    <message>
        <source>Stopped observing. What was seen stays shown; File › Export saves it as a trace or a wait-for graph.</source>
        <translation>已停止观察。已看到的内容保留显示；文件 › 导出可将其保存为跟踪或等待图。</translation>
    </message>
    <message>
        <source>waiting threads</source>
        <translation>等待的线程</translation>
    </message>
    <message>
        <source>processes in a wait cycle</source>
        <translation>等待环中的进程</translation>
    </message>
    <message>
        <source>&lt;b&gt;Deadlock:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;死锁：&lt;/b&gt;%1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Possible deadlock:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;可能死锁：&lt;/b&gt;%1</translation>
    </message>
    <message>
        <source>No process selected.</source>
        <translation>未选择进程。</translation>
    </message>
    <message numerus="yes">
        <source>%n process(es) selected, with their descendants.</source>
        <translation>
            <numerusform>已选择 %n 个进程及其后代。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n process(es) selected.</source>
        <translation>
            <numerusform>已选择 %n 个进程。</numerusform>
        </translation>
    </message>
    <message>
        <source>And everyone using the object.</source>
        <translation>以及使用该对象的所有进程。</translation>
    </message>
    <message>
        <source>Ready: choose processes to observe</source>
        <translation>就绪：选择要观察的进程</translation>
    </message>
    <message>
        <source>Replaying an observation</source>
        <translation>正在回放观察</translation>
    </message>
    <message>
        <source>Observing</source>
        <translation>正在观察</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %2 s · %n process(es)</source>
        <translation>
            <numerusform>%1 · %2 秒 · %n 个进程</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %n channel(s)</source>
        <translation>
            <numerusform> · %n 个通道</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %n waiting</source>
        <translation>
            <numerusform> · %n 个等待</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %n deadlock(s)</source>
        <translation>
            <numerusform> · %n 个死锁</numerusform>
        </translation>
    </message>
    <message>
        <source>E&amp;xact flow (eBPF)</source>
        <translation>精确流量（eBPF）(&amp;X)</translation>
    </message>
    <message>
        <source>Count every byte, message and wait of the observed processes in the kernel, with eBPF (ipcscope-probe). This needs administrator rights: ipcscope asks for them through polkit (your password, kept for the session); as root nothing is asked. Without them, the figures stay estimates, marked ≈.</source>
        <translation>用 eBPF（ipcscope-probe）在内核中统计被观察进程的每个字节、每条消息和每次等待。这需要管理员权限：ipcscope 通过 polkit 请求（输入密码，本次会话内有效）；以 root 运行则无需请求。没有权限时，数据仍为估计值，标为 ≈。</translation>
    </message>
    <message>
        <source>What moves through each end of each channel: exact where eBPF counts it, else estimated (≈) or not counted</source>
        <translation>每个通道每一端传输的内容：由 eBPF 计数处为精确值，否则为估计值（≈）或未计数</translation>
    </message>
    <message>
        <source>Where the flow figures come from</source>
        <translation>流量数据的来源</translation>
    </message>
    <message>
        <source>Flow: exact, counted in the kernel by ipcscope-probe.</source>
        <translation>流量：精确，由 ipcscope-probe 在内核中计数。</translation>
    </message>
    <message>
        <source> · exact flow</source>
        <translation> · 精确流量</translation>
    </message>
    <message>
        <source> · flow estimated</source>
        <translation> · 流量为估计值</translation>
    </message>
    <message>
        <source>Flow</source>
        <translation>流量</translation>
    </message>
    <message>
        <source>Flow: estimates (≈) only where the kernel counts (System V and POSIX queues).</source>
        <translation>流量：只有内核计数之处（System V 与 POSIX 队列）才有估计值（≈）。</translation>
    </message>
    <message>
        <source>Flow: estimates (≈) only where the kernel counts (System V and POSIX queues). Exact flow (eBPF) counts every byte and message.</source>
        <translation>流量：只有内核计数之处（System V 与 POSIX 队列）才有估计值（≈）。“精确流量（eBPF）”会统计每个字节和每条消息。</translation>
    </message>
</context>
<context>
    <name>ipcscope::ProbeLaunch</name>
    <message>
        <source>This ipcscope runs from a build tree, where polkit cannot start its probe (polkit allows only the installed one). For exact flow, run ipcscope as root, or give this build's probe the rights once: sudo setcap cap_bpf,cap_perfmon+ep %1 (or install ipcscope with cmake --install).</source>
        <translation>此 ipcscope 从构建目录运行，polkit 无法在此启动其探针（polkit 只允许已安装的探针）。要得到精确流量，请以 root 运行 ipcscope，或一次性授予此构建的探针权限：sudo setcap cap_bpf,cap_perfmon+ep %1（或用 cmake --install 安装 ipcscope）。</translation>
    </message>
    <message>
        <source>ipcscope-probe is not installed with this ipcscope (it is built where clang, bpftool, libbpf-dev and the kernel's BTF are there): only estimates.</source>
        <translation>此 ipcscope 未随附 ipcscope-probe（只有在具备 clang、bpftool、libbpf-dev 和内核 BTF 的环境中才会构建它）：只有估计值。</translation>
    </message>
</context>
<context>
    <name>ipcscope::ProcessListModel</name>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Holds a pipe, FIFO, Unix socket, POSIX queue or shared mapping</source>
        <translation>持有管道、FIFO、Unix 套接字、POSIX 队列或共享映射</translation>
    </message>
    <message>
        <source>Holds no IPC object that /proc shows</source>
        <translation>不持有 /proc 显示的 IPC 对象</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Command line</source>
        <translation>命令行</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>父进程</translation>
    </message>
    <message>
        <source>IPC</source>
        <translation>IPC</translation>
    </message>
    <message>
        <source>Process id</source>
        <translation>进程号</translation>
    </message>
    <message>
        <source>The command line, or the title the process gave itself</source>
        <translation>命令行，或进程给自己设置的标题</translation>
    </message>
    <message>
        <source>The parent's process id</source>
        <translation>父进程的进程号</translation>
    </message>
    <message>
        <source>Whether it holds an IPC object (pipe, FIFO, Unix socket, POSIX queue, shared mapping)</source>
        <translation>是否持有 IPC 对象（管道、FIFO、Unix 套接字、POSIX 队列、共享映射）</translation>
    </message>
</context>
<context>
    <name>ipcscope::ReplayBar</name>
    <message>
        <source>Position in the recording: drag to seek</source>
        <translation>录制中的位置：拖动以跳转</translation>
    </message>
    <message>
        <source>Position / length of the recording (minutes:seconds)</source>
        <translation>录制的位置 / 总长度（分:秒）</translation>
    </message>
    <message>
        <source>%1×</source>
        <translation>%1×</translation>
    </message>
    <message>
        <source>Replay speed</source>
        <translation>回放速度</translation>
    </message>
    <message>
        <source>Close Replay</source>
        <translation>关闭回放</translation>
    </message>
    <message>
        <source>Leave the replay and go back to the live lab</source>
        <translation>退出回放，回到实时实验</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Pause the replay</source>
        <translation>暂停回放</translation>
    </message>
    <message>
        <source>Play the recording</source>
        <translation>播放录制</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Replay of %1</source>
        <translation>%1 的回放</translation>
    </message>
</context>
<context>
    <name>ipcscope::RunPanel</name>
    <message>
        <source>The IPC mechanism the workers talk over</source>
        <translation>工作进程之间通信所用的 IPC 机制</translation>
    </message>
    <message>
        <source>&amp;Mechanism:</source>
        <translation>机制(&amp;M)：</translation>
    </message>
    <message>
        <source>Producer processes: each sends messages into the channel</source>
        <translation>生产者进程：每个都向通道发送消息</translation>
    </message>
    <message>
        <source>&amp;Producers:</source>
        <translation>生产者(&amp;P)：</translation>
    </message>
    <message>
        <source>Consumer processes: each takes messages out and verifies them</source>
        <translation>消费者进程：每个都从通道取出消息并校验</translation>
    </message>
    <message>
        <source>&amp;Consumers:</source>
        <translation>消费者(&amp;C)：</translation>
    </message>
    <message>
        <source> B</source>
        <translation> 字节</translation>
    </message>
    <message>
        <source>Bytes per message, including the 16-byte header (sequence, producer, checksum)</source>
        <translation>每条消息的字节数，包括 16 字节的消息头（序号、生产者、校验和）</translation>
    </message>
    <message>
        <source>Message &amp;size:</source>
        <translation>消息大小(&amp;S)：</translation>
    </message>
    <message>
        <source> msg/s</source>
        <translation> 条/秒</translation>
    </message>
    <message>
        <source>as fast as possible</source>
        <translation>尽可能快</translation>
    </message>
    <message>
        <source>Messages per second for each producer; 0 = as fast as possible</source>
        <translation>每个生产者每秒发送的消息数；0 = 尽可能快</translation>
    </message>
    <message>
        <source>Producer &amp;rate:</source>
        <translation>生产速率(&amp;R)：</translation>
    </message>
    <message>
        <source>Messages per second for each consumer; slow it down to watch producers block</source>
        <translation>每个消费者每秒处理的消息数；调慢它就能看到生产者阻塞</translation>
    </message>
    <message>
        <source>C&amp;onsumer rate:</source>
        <translation>消费速率(&amp;O)：</translation>
    </message>
    <message>
        <source>kernel default</source>
        <translation>内核默认值</translation>
    </message>
    <message>
        <source>C&amp;apacity:</source>
        <translation>容量(&amp;A)：</translation>
    </message>
    <message>
        <source>for a duration</source>
        <translation>运行一段时间</translation>
    </message>
    <message>
        <source>for a number of messages</source>
        <translation>发送一定数量的消息</translation>
    </message>
    <message>
        <source>When producers stop: after a time, or after sending a total number of messages</source>
        <translation>生产者何时停止：经过一段时间后，或发送完指定总数的消息后</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Producers send for this long; consumers then drain the channel</source>
        <translation>生产者发送这么长时间，然后消费者把通道取空</translation>
    </message>
    <message>
        <source>Messages sent in total, split evenly between producers</source>
        <translation>发送的消息总数，平均分配给各个生产者</translation>
    </message>
    <message>
        <source>&amp;Run:</source>
        <translation>运行(&amp;U)：</translation>
    </message>
    <message>
        <source>How much the channel holds before writers wait, in %1; 0 = the kernel's default</source>
        <translation>通道在写者开始等待之前能容纳多少，单位为%1；0 = 内核默认值</translation>
    </message>
    <message>
        <source>Semaphore tokens carry no data</source>
        <translation>信号量令牌不携带数据</translation>
    </message>
    <message>
        <source>Cannot run: %1</source>
        <translation>无法运行：%1</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>注意：%1</translation>
    </message>
</context>
<context>
    <name>ipcscope::ThroughputChartView</name>
    <message>
        <source>Throughput per worker</source>
        <translation>各工作进程的吞吐量</translation>
    </message>
    <message>
        <source>time (s)</source>
        <translation>时间（秒）</translation>
    </message>
    <message>
        <source>messages/s</source>
        <translation>消息/秒</translation>
    </message>
    <message>
        <source>How fast each worker moves messages, over the last minute</source>
        <translation>最近一分钟内每个工作进程传送消息的速度</translation>
    </message>
    <message>
        <source>thousand messages/s</source>
        <translation>千条消息/秒</translation>
    </message>
    <message>
        <source>million messages/s</source>
        <translation>百万条消息/秒</translation>
    </message>
    <message>
        <source>Throughput per process</source>
        <translation>各进程的吞吐量</translation>
    </message>
    <message numerus="yes">
        <source>producers (sum of %n)</source>
        <translation>
            <numerusform>生产者（%n 个之和）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>consumers (sum of %n)</source>
        <translation>
            <numerusform>消费者（%n 个之和）</numerusform>
        </translation>
    </message>
    <message>
        <source>producer range</source>
        <translation>生产者范围</translation>
    </message>
    <message>
        <source>consumer range</source>
        <translation>消费者范围</translation>
    </message>
    <message>
        <source>Throughput by role</source>
        <translation>按角色的吞吐量</translation>
    </message>
    <message>
        <source>How fast the producers together and the consumers together move messages over the last minute; the shaded band runs from the slowest to the fastest single worker of each role</source>
        <translation>最近一分钟内全部生产者与全部消费者传送消息的速度；阴影带从每个角色中最慢的单个工作进程延伸到最快的</translation>
    </message>
</context>
<context>
    <name>ipcscope::TopologyView</name>
    <message>
        <source>exited: %1</source>
        <translation>已退出：%1</translation>
    </message>
    <message>
        <source>stopped (paused)</source>
        <translation>已停止（暂停）</translation>
    </message>
    <message>
        <source>The run as a picture: producers, the channel with its fill level, consumers. A worker waiting in a call turns red and says which call and for how long.</source>
        <translation>用一张图展示这次运行：生产者、通道及其填充程度、消费者。在调用中等待的工作进程会变成红色，并显示是哪个调用、等了多久。</translation>
    </message>
    <message>
        <source>Choose a mechanism and press Start (F5):
real processes will talk, and you will see who waits.</source>
        <translation>选择一种机制并按“开始”（F5）：
真实的进程会相互通信，你会看到谁在等待。</translation>
    </message>
    <message>
        <source>pid %1</source>
        <translation>pid %1</translation>
    </message>
    <message>
        <source>+%1 more producers</source>
        <translation>另有 %1 个生产者</translation>
    </message>
    <message>
        <source>+%1 more consumers</source>
        <translation>另有 %1 个消费者</translation>
    </message>
    <message>
        <source>%1 of %2 queued</source>
        <translation>已排队 %1 / %2</translation>
    </message>
    <message>
        <source>%1 of %2 %3 in use</source>
        <translation>已用 %1 / %2 %3</translation>
    </message>
    <message numerus="yes">
        <source>%n sender(s) waiting</source>
        <translation>
            <numerusform>%n 个发送者在等待</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n receiver(s) waiting</source>
        <translation>
            <numerusform>%n 个接收者在等待</numerusform>
        </translation>
    </message>
    <message>
        <source>+%1 more processes</source>
        <translation>另有 %1 个进程</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 queued</source>
        <translation>已排队 %1</translation>
    </message>
    <message>
        <source>%1 %2 queued</source>
        <translation>已排队 %1 %2</translation>
    </message>
    <message>
        <source>capacity unknown</source>
        <translation>容量未知</translation>
    </message>
    <message>
        <source>≥ %1</source>
        <translation>≥ %1</translation>
    </message>
    <message>
        <source>Deadlock: %1</source>
        <translation>死锁：%1</translation>
    </message>
    <message>
        <source>Possible deadlock: %1</source>
        <translation>可能死锁：%1</translation>
    </message>
    <message>
        <source>%1 · %2 of %3 threads wait</source>
        <translation>%1 · %3 个线程中 %2 个在等待</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n thread(s)</source>
        <translation>
            <numerusform>%1 · %n 个线程</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>+%n more channel(s)</source>
        <translation>
            <numerusform>另有 %n 个通道</numerusform>
        </translation>
    </message>
    <message>
        <source>fill level unknown</source>
        <translation>填充程度未知</translation>
    </message>
    <message>
        <source>throttled · %1</source>
        <translation>限速中 · %1</translation>
    </message>
    <message>
        <source>running · %1</source>
        <translation>运行中 · %1</translation>
    </message>
    <message>
        <source>%1 msg/s</source>
        <translation>%1 条消息/秒</translation>
    </message>
    <message>
        <source>estimated: ≈ %1 · ≈ %2</source>
        <translation>估计：≈ %1 · ≈ %2</translation>
    </message>
    <message>
        <source>exact: %1 · %2</source>
        <translation>精确：%1 · %2</translation>
    </message>
    <message>
        <source>≈ %1/s</source>
        <translation>≈ %1/秒</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/秒</translation>
    </message>
    <message>
        <source>%1 payload queued · send buffer %2 (counts kernel overhead too)</source>
        <translation>排队有效载荷 %1 · 发送缓冲区 %2（也计入内核开销）</translation>
    </message>
    <message>
        <source>pid %1 (%2)</source>
        <translation>pid %1（%2）</translation>
    </message>
    <message>
        <source>Measured wake-up (eBPF): %1 woke %2 from %3 on %4, after it waited %5</source>
        <translation>实测唤醒（eBPF）：%1 把 %2 从 %4 上的 %3 中唤醒，它已等待 %5</translation>
    </message>
    <message>
        <source>a call</source>
        <translation>某个调用</translation>
    </message>
    <message>
        <source>an unknown object</source>
        <translation>未知对象</translation>
    </message>
    <message>
        <source>%1 ago; the wait-for edges (red, dotted) are inferred from /proc, this one was seen in the kernel</source>
        <translation>%1 前；等待边（红色虚线）是从 /proc 推断的，这一条是在内核中看到的</translation>
    </message>
    <message>
        <source>→ measured wake-up (eBPF): who woke whom</source>
        <translation>→ 实测唤醒（eBPF）：谁唤醒了谁</translation>
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
        <translation>pid %1，线程 %2（%3）在 %4 中等待 %5</translation>
    </message>
    <message>
        <source>an unknown object</source>
        <translation>未知对象</translation>
    </message>
    <message>
        <source>Waiting for at least this long: seen in the same call since the first sample that showed it</source>
        <translation>至少已等待这么久：自首次显示它的样本起一直处于同一调用</translation>
    </message>
    <message>
        <source>Deadlock: %1</source>
        <translation>死锁：%1</translation>
    </message>
    <message>
        <source>Possible deadlock: %1</source>
        <translation>可能死锁：%1</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>Thread</source>
        <translation>线程</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>调用</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Waiting for</source>
        <translation>已等待</translation>
    </message>
    <message>
        <source>The waiting thread's id (the pid for a single-threaded process)</source>
        <translation>等待线程的编号（单线程进程即为 pid）</translation>
    </message>
    <message>
        <source>The system call it waits in, from /proc/PID/task/TID/syscall</source>
        <translation>它所等待的系统调用，来自 /proc/PID/task/TID/syscall</translation>
    </message>
    <message>
        <source>The IPC object the call waits on</source>
        <translation>该调用等待的 IPC 对象</translation>
    </message>
    <message>
        <source>What more the call says: the message type asked for, the semaphore operation, the descriptors polled</source>
        <translation>调用提供的更多信息：请求的消息类型、信号量操作、轮询的描述符</translation>
    </message>
    <message>
        <source>How long it has waited; "≥" marks a lower bound (seen since the first sample that showed the wait)</source>
        <translation>已等待的时长；“≥”表示下限（自首次显示该等待的样本起）</translation>
    </message>
    <message>
        <source>Woken by</source>
        <translation>唤醒者</translation>
    </message>
    <message>
        <source>Who woke this thread the last time it waited, measured in the kernel (eBPF tier; empty without it)</source>
        <translation>该线程上一次等待时是谁唤醒了它，在内核中测得（eBPF 层；没有它时为空）</translation>
    </message>
    <message>
        <source>nobody (timeout or signal)</source>
        <translation>无人（超时或信号）</translation>
    </message>
    <message>
        <source>Its last measured wait, %1 on %2, ended after %3 without a wake-up (a timeout or a signal)</source>
        <translation>它上一次测得的等待（%1，对象 %2）在 %3 后结束，没有被唤醒（超时或信号）</translation>
    </message>
    <message>
        <source>Its last measured wait, %1 on %2, ended after %3: woken by pid %4 (%5), thread %6; measured in the kernel (eBPF)</source>
        <translation>它上一次测得的等待（%1，对象 %2）在 %3 后结束：由 pid %4（%5）的线程 %6 唤醒；在内核中测得（eBPF）</translation>
    </message>
    <message>
        <source>command unknown</source>
        <translation>命令未知</translation>
    </message>
</context>
<context>
    <name>ipcscope::WatchWindow</name>
    <message>
        <source>Watch %1 %2</source>
        <translation>监视 %1 %2</translation>
    </message>
    <message>
        <source>messages queued</source>
        <translation>排队的消息</translation>
    </message>
    <message>
        <source>KiB queued</source>
        <translation>排队的 KiB</translation>
    </message>
    <message>
        <source>attached processes</source>
        <translation>已连接的进程</translation>
    </message>
    <message>
        <source>semaphore %1</source>
        <translation>信号量 %1</translation>
    </message>
    <message>
        <source>waiting on %1</source>
        <translation>等待 %1 的进程</translation>
    </message>
    <message>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>waiters</source>
        <translation>等待者</translation>
    </message>
    <message>
        <source>processes mapping it</source>
        <translation>映射它的进程</translation>
    </message>
    <message>
        <source>processes holding it</source>
        <translation>持有它的进程</translation>
    </message>
    <message>
        <source>The object has disappeared (removed, or its id now belongs to another object).</source>
        <translation>该对象已消失（已被删除，或者它的 id 现在属于另一个对象）。</translation>
    </message>
    <message>
        <source>waiting to be accepted</source>
        <translation>等待接受</translation>
    </message>
    <message>
        <source>next datagram, KiB</source>
        <translation>下一个数据报，KiB</translation>
    </message>
    <message>
        <source>queued (KiB)</source>
        <translation>排队量 (KiB)</translation>
    </message>
    <message>
        <source>messages</source>
        <translation>消息数</translation>
    </message>
    <message>
        <source>value · processes waiting</source>
        <translation>值 · 等待进程数</translation>
    </message>
    <message>
        <source>connections</source>
        <translation>连接数</translation>
    </message>
    <message>
        <source>KiB · processes</source>
        <translation>KiB · 进程数</translation>
    </message>
    <message>
        <source>processes</source>
        <translation>进程数</translation>
    </message>
    <message>
        <source>capacity (msg_qbytes)</source>
        <translation>容量 (msg_qbytes)</translation>
    </message>
    <message>
        <source>capacity (mq_maxmsg)</source>
        <translation>容量 (mq_maxmsg)</translation>
    </message>
    <message>
        <source>capacity (listen backlog)</source>
        <translation>容量 (listen backlog)</translation>
    </message>
</context>
<context>
    <name>ipcscope::WorkerTableModel</name>
    <message>
        <source>exited (%1)</source>
        <translation>已退出（%1）</translation>
    </message>
    <message>
        <source>stopped (paused)</source>
        <translation>已停止（暂停）</translation>
    </message>
    <message>
        <source>Waiting inside %1 for %2</source>
        <translation>在 %1 中等待了 %2</translation>
    </message>
    <message>
        <source>Share of the run this worker spent waiting inside IPC calls</source>
        <translation>该工作进程在 IPC 调用中等待的时间占整个运行的比例</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/秒</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>工作进程</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Current call</source>
        <translation>当前调用</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>速率</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>阻塞</translation>
    </message>
    <message>
        <source>Process id of the worker</source>
        <translation>工作进程的进程号</translation>
    </message>
    <message>
        <source>The IPC call the worker is waiting in, and for how long</source>
        <translation>工作进程正在等待的 IPC 调用，以及已经等了多久</translation>
    </message>
    <message>
        <source>Messages per second over the last quarter second</source>
        <translation>最近 0.25 秒内每秒的消息数</translation>
    </message>
    <message>
        <source>Time spent waiting inside IPC calls, as a share of the run</source>
        <translation>在 IPC 调用中等待的时间占整个运行的比例</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Watch inter-process communication happen.</source>
        <translation>亲眼看到进程间通信的发生。</translation>
    </message>
    <message>
        <source>Start a run over MECHANISM at launch.</source>
        <translation>启动时就用 MECHANISM 机制开始一次运行。</translation>
    </message>
    <message>
        <source>Open the recording FILE (.ipcrec) and replay it.</source>
        <translation>打开录制文件 FILE（.ipcrec）并回放。</translation>
    </message>
    <message>
        <source>Open the Classroom on lesson NAME (see ipcscope-cli lessons).</source>
        <translation>打开课堂并显示课程 NAME（见 ipcscope-cli lessons）。</translation>
    </message>
    <message>
        <source>With --lesson: show this variant (broken or fixed).</source>
        <translation>与 --lesson 一起使用：显示该版本（broken 或 fixed）。</translation>
    </message>
    <message>
        <source>With --lesson: start it at once.</source>
        <translation>与 --lesson 一起使用：立即开始。</translation>
    </message>
    <message>
        <source>With --lesson: open it in presentation mode.</source>
        <translation>与 --lesson 一起使用：以演示模式打开。</translation>
    </message>
    <message>
        <source>With --lesson: record its runs (replay them with --replay).</source>
        <translation>与 --lesson 一起使用：录制它的运行（用 --replay 回放）。</translation>
    </message>
    <message>
        <source>Open on this page: lab, classroom, observe, objects or limits.</source>
        <translation>打开此页面：lab、classroom、observe、objects 或 limits。</translation>
    </message>
    <message>
        <source>Observe these processes at launch (comma-separated pids, or the option repeated), on the Observe page.</source>
        <translation>启动时在“观察”页观察这些进程（逗号分隔的 pid，或重复此选项）。</translation>
    </message>
</context>
</TS>

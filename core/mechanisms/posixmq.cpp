// POSIX message queue: the lab's channel (mq_open(3), mq_getattr(3)).

#include "mechanisms/channels.h"

#include "base/uniquefd.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <mqueue.h>

namespace ipcscope {

namespace {

class PosixMqChannel final : public Channel {
public:
    PosixMqChannel(std::string name, UniqueFd observer, std::uint64_t maxmsg)
        : m_name(std::move(name))
        , m_observer(std::move(observer))
        , m_maxmsg(maxmsg) {}
    ~PosixMqChannel() override { ::mq_unlink(m_name.c_str()); }

    EndpointSpec endpoint(Role, std::uint32_t) const override { return {{}, {{"name", m_name}}}; }

    ChannelGauge gauge() const override {
        // The lab's own descriptor only ever asks mq_getattr: it never receives, so it steals
        // nothing and wakes nobody.
        ChannelGauge g;
        mq_attr attr{};
        if (::mq_getattr(m_observer.get(), &attr) != 0) {
            g.problem = "cannot read the POSIX queue's state: " + std::string(std::strerror(errno));
            return g;
        }
        g.depth = std::uint64_t(attr.mq_curmsgs);
        g.depthBytes = std::uint64_t(attr.mq_curmsgs) * std::uint64_t(attr.mq_msgsize);
        // mq_timedsend waits only on a full queue, mq_timedreceive only on an empty one.
        g.waitsPossible = {{attr.mq_curmsgs >= attr.mq_maxmsg, attr.mq_curmsgs == 0}};
        return g;
    }
    std::uint64_t capacity() const override { return m_maxmsg; }
    std::uint64_t capacityInMessages() const override { return m_maxmsg; }
    std::vector<ManifestObject> objects() const override {
        return {{ObjectKind::PosixMq, -1, 0, m_name}};
    }

private:
    std::string m_name;
    UniqueFd m_observer;
    std::uint64_t m_maxmsg;
};

} // namespace

Result<std::unique_ptr<Channel>> createPosixMqChannel(const RunConfig& config,
                                                      const RunContext& context) {
    const std::string name = context.posixName("mq");
    mq_attr attr{};
    attr.mq_maxmsg = long(config.capacity.value_or(context.limits.mqMsgDefault.value_or(10)));
    attr.mq_msgsize = long(config.messageSize);
    const mqd_t mq =
        ::mq_open(name.c_str(), O_RDONLY | O_NONBLOCK | O_CREAT | O_EXCL | O_CLOEXEC, 0600, &attr);
    if (mq == mqd_t(-1)) {
        const int err = errno;
        std::string why = "cannot create POSIX message queue " + name;
        if (err == ENOSYS || err == ENOENT) {
            why += " (is the mqueue filesystem available? mount -t mqueue none /dev/mqueue)";
        } else if (err == EMFILE && context.limits.mqQueuesMax) {
            why += " (queues_max = " + std::to_string(*context.limits.mqQueuesMax) +
                   " reached, or RLIMIT_MSGQUEUE)";
        }
        return Error::fromErrno(why, err);
    }
    UniqueFd observer(mq);
    mq_attr actual{};
    if (::mq_getattr(mq, &actual) != 0) {
        const int err = errno;
        ::mq_unlink(name.c_str());
        return Error::fromErrno("cannot read the new POSIX queue's attributes", err);
    }
    return std::unique_ptr<Channel>(std::make_unique<PosixMqChannel>(
        name, std::move(observer), std::uint64_t(actual.mq_maxmsg)));
}

} // namespace ipcscope

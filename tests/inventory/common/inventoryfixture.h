#pragma once

// What the inventory suites (listing, removal, stale) share: objects a test creates and removes
// again whatever happens, and the inventory narrowed to them.

#include "../../common/testsupport.h"

#include "base/format.h"
#include "base/naming.h"
#include "inventory/inventory.h"
#include "inventory/removal.h"
#include "inventory/sysvipc.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <fcntl.h>
#include <mqueue.h>
#include <pwd.h>
#include <semaphore.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

Q_DECLARE_METATYPE(std::optional<std::uint64_t>)

namespace inventorytests {

using namespace ipcscope;

inline QByteArray run(const QString& program, const QStringList& args) {
    QProcess p;
    p.start(program, args);
    p.waitForFinished(30000);
    return p.readAllStandardOutput();
}

inline const IpcObject* findById(const Inventory& inv, IpcKind kind, int id) {
    for (const auto& o : inv.objects) {
        if (o.kind == kind && o.id && *o.id == id) {
            return &o;
        }
    }
    return nullptr;
}

inline const IpcObject* findByName(const Inventory& inv, IpcKind kind, const std::string& name) {
    for (const auto& o : inv.objects) {
        if (o.kind == kind && o.name == name) {
            return &o;
        }
    }
    return nullptr;
}

inline void writeFile(const QString& path, const QByteArray& data) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(data);
}

// Options that list only objects of `kind`.
inline InventoryOptions optionsFor(IpcKind kind) {
    InventoryOptions options;
    options.kinds = {kind};
    return options;
}

// A suite derives from it (after QObject) and calls removeCreated() in its cleanup().
class InventoryFixture {
protected:
    // Objects this test created, removed in cleanup() whatever happened.
    std::vector<std::pair<IpcKind, int>> m_sysv;
    std::vector<std::pair<IpcKind, std::string>> m_posix;
    std::string m_prefix = "/tst_inventory." + std::to_string(::getpid()) + ".";

    int makeQueue() {
        const int id = ::msgget(IPC_PRIVATE, IPC_CREAT | 0640);
        if (id >= 0) {
            m_sysv.emplace_back(IpcKind::SysvMsg, id);
        }
        return id;
    }
    // A queue with an ipcscope key (0x1bc5....), as runs create them; a free key is found.
    int makeMarkedQueue() {
        for (std::uint32_t low = std::uint32_t(::getpid()) & 0xffff, n = 0; n < 0x10000; ++n) {
            const key_t key = key_t(kSysvKeyPrefix | ((low + n) & 0xffff));
            const int id = ::msgget(key, IPC_CREAT | IPC_EXCL | 0600);
            if (id >= 0) {
                m_sysv.emplace_back(IpcKind::SysvMsg, id);
                return id;
            }
        }
        return -1;
    }
    std::string posixName(const char* role) const { return m_prefix + role; }
    // A POSIX shared-memory object this test creates and removes.
    bool makeShm(const std::string& name) {
        const int fd = ::shm_open(name.c_str(), O_RDWR | O_CREAT | O_EXCL, 0600);
        if (fd < 0) {
            return false;
        }
        ::close(fd);
        m_posix.emplace_back(IpcKind::PosixShm, name);
        return true;
    }
    // The system's inventory narrowed to what this test created: findStale() also offers
    // orphans for removal, and a test never touches objects it did not create.
    Inventory ownInventory() const {
        Inventory all = InventoryScanner().scan();
        std::erase_if(all.objects, [&](const IpcObject& o) {
            return std::none_of(m_sysv.begin(), m_sysv.end(),
                                [&](const auto& k) { return o.id && k.second == *o.id; }) &&
                   std::none_of(m_posix.begin(), m_posix.end(),
                                [&](const auto& k) { return k.second == o.name; });
        });
        return all;
    }
    static pid_t deadPid() {
        const pid_t dead = ::fork();
        if (dead == 0) {
            ::_exit(0);
        }
        ::waitpid(dead, nullptr, 0);
        return dead;
    }

    // Removes every object this test created (called from cleanup(), whatever happened).
    void removeCreated() {
        for (const auto& [kind, id] : m_sysv) {
            kind == IpcKind::SysvMsg   ? ::msgctl(id, IPC_RMID, nullptr)
            : kind == IpcKind::SysvShm ? ::shmctl(id, IPC_RMID, nullptr)
                                       : ::semctl(id, 0, IPC_RMID);
        }
        m_sysv.clear();
        for (const auto& [kind, name] : m_posix) {
            kind == IpcKind::PosixMq    ? ::mq_unlink(name.c_str())
            : kind == IpcKind::PosixShm ? ::shm_unlink(name.c_str())
                                        : ::sem_unlink(name.c_str());
        }
        m_posix.clear();
    }
};

} // namespace inventorytests

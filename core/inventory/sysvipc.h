#pragma once

// The tables of /proc/sysvipc/{msg,shm,sem}: one System V object per line, whitespace-separated
// columns named by a header line (the format of ipc/util.c sysvipc_proc_show() and each kind's
// *_proc_show(); Documentation/filesystems/proc.rst). Columns are found by name, not position:
// shm has 14 to 16 of them depending on the kernel (rss and swap came later), and a column this
// reader does not know is ignored. Keys are signed decimal, perms octal, times seconds since the
// epoch with 0 for never.

#include "inventory/inventory.h"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace ipcscope {

class SysvipcTableParser {
public:
    enum class Column;
    static constexpr std::size_t kColumns = 26;

    // Appends one object per well-formed line of `text` (a table of `kind`, which must be a
    // System V kind), with what /proc tells about it; names of owners are left to the caller.
    // A line without a number the object cannot do without (key, id, perms and the kind's own
    // size or count) is skipped with a warning naming `path` and the line. Returns false, with a
    // warning, when the table has no header line.
    bool parse(IpcKind kind, std::string_view text, const std::string& path,
               std::vector<IpcObject>& out, std::vector<std::string>& warnings);

    // The same, one object at a time: `each` gets each object (built per line, then dropped;
    // names of owners left empty), so that a listing of tens of thousands of objects need not
    // hold them all (an IpcObject is most of a kilobyte). A table read in pieces is given as
    // its header line followed by the next whole lines; `linesGiven` counts the lines after
    // the header given so far (for the line numbers of warnings), and grows by this piece's.
    bool parseEach(IpcKind kind, std::string_view text, const std::string& path,
                   const std::function<void(IpcObject&)>& each, std::vector<std::string>& warnings,
                   int& linesGiven);

private:
    template <typename ReadLine>
    bool parseLines(std::string_view text, const std::string& path,
                    std::vector<std::string>& warnings, ReadLine&& readOne, int& linesGiven);

    // Reused between tables and scans: a refresh does not allocate per line.
    std::vector<std::string_view> m_header;
    std::vector<int> m_fieldColumns; // the Column of each header field; -1 when not known
};

} // namespace ipcscope

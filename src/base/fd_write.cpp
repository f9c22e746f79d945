// Writing a whole buffer to a file descriptor (base/fd_write.h).
#include "base/fd_write.h"
#include <cerrno>
#include <unistd.h>

namespace pystm {

bool write_fully(int fd, void const* data, size_t n)
{
    auto const* p = static_cast<char const*>(data);
    while (n > 0) {
        ssize_t w = ::write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        if (w == 0) {
            errno = ENOSPC;
            return false;
        }
        p += w;
        n -= static_cast<size_t>(w);
    }
    return true;
}

} // namespace pystm

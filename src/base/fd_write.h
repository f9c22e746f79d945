// Writing a whole buffer to a file descriptor, for the places that cannot go through Python file
// objects: the binary files' raw writes, the conflict log, the child of a fork before exec, and
// faulthandler's signal handler.
#pragma once

#include <cstddef>

namespace pystm {

// Writes [n] bytes from [data] to [fd], retrying after EINTR and short writes. Returns false
// with errno set if write() fails (a write that makes no progress counts as ENOSPC).
// Async-signal-safe: it allocates nothing and takes no lock.
bool write_fully(int fd, void const* data, size_t n);

} // namespace pystm

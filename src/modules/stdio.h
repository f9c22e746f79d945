// The standard streams: native text streams for sys.stdin, sys.stdout and sys.stderr (and their
// __stdin__/__stdout__/__stderr__ originals) until the io module exists. They are
// _io.TextIOWrapper objects (modules/file_object.h) on descriptors 0, 1 and 2 that are never
// closed by the streams.
//
// Buffering, as CPython: stdout is line-buffered on a terminal and block-buffered otherwise;
// stderr is line-buffered and written through; stdin reads flush sys.stdout first. With -u
// (or PYTHONUNBUFFERED) stdout and stderr are written through. Encoding is UTF-8; errors are
// stderr's 'backslashreplace' and, for stdin/stdout, 'surrogateescape' under the C/POSIX and
// C.UTF-8 locales or 'strict' otherwise (CPython's rule).
#pragma once

#include "objects/object.h"

namespace pystm {

// Creates the three streams (once; called by init_sys_module()).
void stdio_init();
// The original streams (sys.__stdin__, ...).
Value stdio_stdin();
Value stdio_stdout();
Value stdio_stderr();
// -u: makes stdout and stderr write-through (may be called before or after stdio_init()).
void stdio_set_unbuffered(bool unbuffered);
// Flushes sys.stdout and sys.stderr (the current ones), ignoring errors: at exit.
void stdio_flush_all();

} // namespace pystm

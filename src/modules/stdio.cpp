// The standard streams (see stdio.h).
#include "modules/stdio.h"
#include "gc/heap.h"
#include "modules/builtin_modules.h"
#include "modules/file_object.h"
#include "objects/exceptions.h"
#include "objects/str_object.h"
#include <clocale>
#include <cstdlib>
#include <string>
#include <unistd.h>

namespace pystm {

namespace {

Value s_stdin, s_stdout, s_stderr;
bool s_unbuffered = false;

bool env_unbuffered()
{
    char const* v = std::getenv("PYTHONUNBUFFERED");
    return v && *v;
}

// CPython's rule for stdin/stdout errors: 'surrogateescape' under the C/POSIX locale and the
// UTF-8 locales it coerces to (PEP 538/540), 'strict' otherwise.
char const* stdio_errors()
{
    char const* cur = std::setlocale(LC_CTYPE, nullptr);
    std::string saved = cur ? cur : "C";
    char const* name = std::setlocale(LC_CTYPE, "");
    std::string ctype = name ? name : "C";
    std::setlocale(LC_CTYPE, saved.c_str());
    for (char const* c : { "C", "POSIX", "C.UTF-8", "C.utf8", "UTF-8" })
        if (ctype == c)
            return "surrogateescape";
    return "strict";
}

} // namespace

void stdio_init()
{
    if (s_stdout)
        return;
    bool unbuffered = s_unbuffered || env_unbuffered();
    char const* errors = stdio_errors();
    s_stdin = text_stream_for_fd(0, "<stdin>", "r", errors, false, false);
    s_stdout = text_stream_for_fd(1, "<stdout>", "w", errors, ::isatty(1) != 0, unbuffered);
    // stderr: written through so that messages are never held back (line_buffering only on a tty).
    s_stderr = text_stream_for_fd(2, "<stderr>", "w", "backslashreplace", ::isatty(2) != 0, true);
    gc::add_root(&s_stdin);
    gc::add_root(&s_stdout);
    gc::add_root(&s_stderr);
}

Value stdio_stdin() { return s_stdin; }
Value stdio_stdout() { return s_stdout; }
Value stdio_stderr() { return s_stderr; }

void stdio_set_unbuffered(bool unbuffered)
{
    s_unbuffered = unbuffered;
    if (s_stdout)
        text_stream_set_buffering(s_stdout, ::isatty(1) != 0, unbuffered);
}

void stdio_flush_all()
{
    for (char const* name : { "stdout", "stderr" }) {
        Value stream = sys_get(name);
        if (!stream || is_none(stream))
            continue;
        try {
            py_call_method(stream, names::flush, nullptr, 0);
        } catch (PyError&) {
            take_exception();
        }
    }
}

} // namespace pystm

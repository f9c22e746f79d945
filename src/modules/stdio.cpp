// The standard streams (see stdio.h).
#include "modules/stdio.h"
#include "gc/heap.h"
#include "modules/builtin_modules.h"
#include "modules/file_object.h"
#include "objects/codecs.h"
#include "objects/exceptions.h"
#include "objects/str_object.h"
#include <clocale>
#include <cstdio>
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

// PYTHONIOENCODING "encoding[:errors]": the encoding of the three streams and the errors handler
// of stdin and stdout; naming an encoding makes their handler default to 'strict'. Only the
// codecs the text files implement natively can be named: the standard streams exist before the
// codec registry can be imported.
void io_encoding_from_env(std::string* encoding, std::string* errors)
{
    char const* env = std::getenv("PYTHONIOENCODING");
    if (!env || !*env)
        return;
    std::string_view v(env);
    size_t colon = v.find(':');
    std::string_view enc = v.substr(0, colon);
    if (!enc.empty()) {
        codecs::Codec codec;
        if (!codecs::find_codec(enc, &codec)) {
            fprintf(stderr, "pystm: PYTHONIOENCODING: unsupported encoding '%.*s', using utf-8\n",
                static_cast<int>(enc.size()), enc.data());
        } else {
            // The name codecs.lookup() gives, as CPython reports it.
            *encoding = codec == codecs::Codec::Latin1 ? "iso8859-1" : codecs::codec_name(codec);
            *errors = "strict";
        }
    }
    if (colon != std::string_view::npos && colon + 1 < v.size())
        *errors = std::string(v.substr(colon + 1));
}

} // namespace

void stdio_init()
{
    if (s_stdout)
        return;
    bool unbuffered = s_unbuffered || env_unbuffered();
    std::string encoding = "utf-8";
    std::string errors = stdio_errors();
    io_encoding_from_env(&encoding, &errors);
    char const* enc = encoding.c_str();
    s_stdin = text_stream_for_fd(0, "<stdin>", "r", errors.c_str(), false, false, enc);
    s_stdout
        = text_stream_for_fd(1, "<stdout>", "w", errors.c_str(), ::isatty(1) != 0, unbuffered, enc);
    // stderr: written through so that messages are never held back (line_buffering only on a tty).
    s_stderr
        = text_stream_for_fd(2, "<stderr>", "w", "backslashreplace", ::isatty(2) != 0, true, enc);
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

// warn_format(): warnings issued by the runtime's C++ code (CPython's PyErr_WarnFormat), for
// the DeprecationWarnings of the numeric conversions and the like.
//
// The warning goes through the _warnings module's warn(), so it sees the same filters, registry
// and showwarning hooks as warnings.warn() from Python code. With C++ code having no frame of its
// own, stacklevel 1 names the innermost Python frame: the code that called the builtin.
#include "objects/exceptions.h"
#include "objects/str_object.h"
#include "vm/import.h"
#include <cstdarg>
#include <cstdio>
#include <string>

namespace pystm {

void warn_format(Type* category, int stacklevel, char const* fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    std::vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    Value warnings = import_module("_warnings");
    Value warn = py_getattr(warnings, intern("warn"));
    Value args[] = { Value(str_from_utf8(buf)), Value(category), Value::small_int(stacklevel) };
    py_call(warn, args, 3, nullptr);
}

} // namespace pystm

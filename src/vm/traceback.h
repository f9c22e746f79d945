// Traceback objects and printing exceptions the way CPython 3.11 does.
#pragma once

#include "objects/object.h"

namespace pystm {

namespace vm {
struct Frame;
}

struct TracebackObject : Object {
    Value m_next; // next (inner) traceback entry, or null
    Object* m_frame; // the frame object (tb_frame)
    int32_t m_lasti; // instruction index in the frame's code
    int32_t m_lineno;
    // A constructor-given odd tb_lasti keeps its low bit here, so that it reads back unchanged.
    int32_t m_lasti_rem = 0;
    explicit TracebackObject(Type* t) : Object(t), m_frame(nullptr), m_lasti(0), m_lineno(0) { }
};

extern Type traceback_type;

// Prints [exc] with its traceback and its __cause__/__context__ chain in CPython 3.11's exact
// format (including the source lines and ^ / ~ markers) to the file object [file] (its write
// method), or to sys.stderr when [file] is null.
void print_exception(Value exc, Value file = Value());
// Reports an exception that cannot be raised (a failing __del__, weakref callback, atexit
// callback or thread function) through sys.unraisablehook, as CPython does: the default hook
// prints "Exception ignored <err_msg>: <repr(obj)>" (err_msg null: "Exception ignored in") and
// the traceback on sys.stderr. Never raises. (modules/sys_module.cpp)
void write_unraisable(Value exc, char const* err_msg, Value obj);

} // namespace pystm

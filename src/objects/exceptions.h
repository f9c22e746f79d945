// The builtin exception hierarchy and the functions that raise exceptions from C++.
#pragma once

#include "objects/api.h"
#include <cstdarg>

namespace pystm {

struct TupleObject;
struct DictObject;

struct BaseExceptionObject : Object {
    TupleObject* m_args = nullptr;
    Value m_traceback; // traceback object or null (None at the Python level)
    Value m_cause;
    Value m_context;
    bool m_suppress_context = false;
    DictObject* m_dict = nullptr; // instance attributes (builtin exceptions have a __dict__)
    explicit BaseExceptionObject(Type* t) : Object(t) { }
};

namespace exc {
#define EXCEPTION(name, base) extern Type name;
#include "objects/exceptions.def"
#undef EXCEPTION
} // namespace exc

inline bool is_exception(Value v)
{
    return v.is_object() && v.as_object()->m_type->has_flag(TF_EXC_SUBCLASS);
}

// Raising. The message is printf-formatted UTF-8. All of these throw PyError.
[[noreturn]] void raise(Type* type, char const* fmt, ...) __attribute__((format(printf, 2, 3)));
[[noreturn]] void raise_str(Type* type, StrObject* message);
// raise [v]: an exception instance, or an exception class (instantiated with no arguments).
// TypeError "exceptions must derive from BaseException" otherwise.
[[noreturn]] void raise_value(Value v);
// Re-raises the exception currently being propagated (after a catch (PyError&)).
[[noreturn]] void reraise();
[[noreturn]] void raise_memory_error();
// Raises OSError subclass for [err] (errno), CPython's errno-to-class mapping, with [filename].
[[noreturn]] void raise_os_error(int err, Value filename = Value());

// Issues a warning of [category] with a printf-formatted message, as CPython's
// PyErr_WarnFormat: through _warnings.warn(message, category, stacklevel), so the filters
// apply, and raises when a filter turns the warning into an error. (objects/warn.cpp)
void warn_format(Type* category, int stacklevel, char const* fmt, ...) __attribute__((format(printf, 3, 4)));

// Creates an exception instance: type(*args).
Value exception_new(Type* type, std::initializer_list<Value> args);
// True if the exception being propagated is an instance of [type] (after catch (PyError&)).
bool exception_matches(Type* type);
// After catch (PyError&) from getattr(obj, name): when the exception in flight is an
// AttributeError without name and obj (one raised by a __getattr__ or __getattribute__ written
// in Python), sets them, so that traceback printing can still offer suggestions.
void attribute_error_add_context(Value obj, StrObject* name);
// Takes the exception being propagated out of the thread state (it is no longer "in flight").
Value take_exception();
// Sets the in-flight exception without throwing (the interpreter loop uses this).
void set_exception(Value exc);

} // namespace pystm

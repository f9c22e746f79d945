// Private to the exception implementation files (exceptions*.cpp, exception_group.cpp): the
// layouts of the builtin exception classes that carry fields beyond BaseException's, and the
// helpers those files share.
//
// Invariant EXC-1: every field is a Value whose null state means "unset" (None at the Python
// level, or "no such attribute" for OSError.characters_written), so a freshly allocated, zeroed
// instance of any exception layout is valid before __init__ runs. Field access goes through
// exc_get()/exc_set(), which place the STM barriers (exceptions are mutable).
#pragma once

#include "objects/access.h"
#include "objects/exceptions.h"
#include "objects/function_object.h"

namespace pystm {

struct SystemExitObject : BaseExceptionObject {
    Value m_code;
};
struct StopIterationObject : BaseExceptionObject {
    Value m_value;
};
struct ImportErrorObject : BaseExceptionObject {
    Value m_msg;
    Value m_name;
    Value m_path;
};
struct AttributeErrorObject : BaseExceptionObject {
    Value m_name;
    Value m_obj;
};
struct NameErrorObject : BaseExceptionObject {
    Value m_name;
};
struct OSErrorObject : BaseExceptionObject {
    Value m_errno;
    Value m_strerror;
    Value m_filename;
    Value m_filename2;
    Value m_written; // characters_written (BlockingIOError); null = unset
};
struct SyntaxErrorObject : BaseExceptionObject {
    Value m_msg;
    Value m_filename;
    Value m_lineno;
    Value m_offset;
    Value m_text;
    Value m_end_lineno;
    Value m_end_offset;
    Value m_print_file_and_line;
};
struct UnicodeErrorObject : BaseExceptionObject {
    Value m_encoding;
    Value m_object;
    Value m_start;
    Value m_end;
    Value m_reason;
};
struct ExceptionGroupObject : BaseExceptionObject {
    Value m_msg;
    Value m_excs; // tuple of exceptions
};

inline Value exc_get(Object* o, Value const& field)
{
    read_barrier(o);
    return field;
}
inline void exc_set(Object* o, Value& field, Value v)
{
    write_barrier(o);
    field = v;
}
inline Value or_none(Value v) { return v ? v : none(); }

// Getset accessors for a Value field of an exception layout: the getter maps null to None; the
// setter stores the value (deleting stores null, CPython's member descriptors behave the same).
template <class T, Value T::*F> Value exc_member_get(Value self)
{
    T* o = self.as<T>();
    return or_none(exc_get(o, o->*F));
}
template <class T, Value T::*F> void exc_member_set(Value self, Value v)
{
    T* o = self.as<T>();
    exc_set(o, o->*F, v);
}
template <class T, Value T::*F> void add_exc_member(Type* t, char const* name, char const* doc)
{
    add_getset(t, name, &exc_member_get<T, F>, &exc_member_set<T, F>, doc);
}

// The args tuple of an exception (never null after construction; () when unset).
TupleObject* exc_args(Value exc);
void exc_set_args(Value exc, TupleObject* args);
// Allocates an uninitialised-but-valid (EXC-1) instance of exception class [cls] whose args are
// [args] (BaseException.__new__ without the argument checks).
Value exc_alloc(Type* cls, TupleObject* args);
// BaseException.__str__ applied to [exc] (args-based).
StrObject* base_exception_str(Value exc);
// BaseException.__new__ (METH_STATIC: args[0] is the class).
Value base_exception_new_native(Value self, Value const* args, size_t nargs, TupleObject* kwnames);
// Rejects keyword arguments with "<Type>() takes no keyword arguments".
void exc_no_keywords(Value self, TupleObject* kwnames);
// Registration of a layout's native constructor pair, used by exception_new()'s direct path.
// [cls] must be the class that introduces the layout (or its own __new__/__init__).
struct ExcCtor {
    NativeFn new_fn;
    NativeFn init_fn;
};
void register_exc_ctor(Type* cls, ExcCtor ctor);

// Per-topic set-up, called from init_exception_types() (exceptions.cpp).
void init_os_error_types(); // exceptions_os.cpp
void init_syntax_error_types(); // exceptions_text.cpp
void init_unicode_error_types(); // exceptions_text.cpp
void init_exception_group_types(); // exception_group.cpp
// Trace functions of the layouts defined in the topic files.
void trace_os_error(Object* o, gc::Tracer& t);
void trace_syntax_error(Object* o, gc::Tracer& t);
void trace_unicode_error(Object* o, gc::Tracer& t);
void trace_exception_group(Object* o, gc::Tracer& t);
void trace_base_exception_fields(BaseExceptionObject* e, gc::Tracer& t);

// errno -> OSError subclass (null for plain OSError), CPython's mapping.
Type* os_error_subclass_for_errno(int64_t err);

} // namespace pystm

// OSError: its fields (errno, strerror, filename, filename2, characters_written), the
// constructor's errno-to-subclass mapping (OSError(2, 'x') is a FileNotFoundError), its __str__
// and __reduce__, and raise_os_error().
//
// Fields keep the EXC-1 convention with one refinement CPython also has: null means "not
// given" while None means "given as None", which __str__ distinguishes ("[Errno None] x").
#include "gc/heap.h"
#include "objects/api.h"
#include "objects/dict_object.h"
#include "objects/exceptions_internal.h"
#include "objects/int_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include <cerrno>
#include <cstring>

namespace pystm {

void trace_os_error(Object* o, gc::Tracer& t)
{
    auto* e = static_cast<OSErrorObject*>(o);
    trace_base_exception_fields(e, t);
    t.visit(e->m_errno);
    t.visit(e->m_strerror);
    t.visit(e->m_filename);
    t.visit(e->m_filename2);
    t.visit(e->m_written);
}

Type* os_error_subclass_for_errno(int64_t err)
{
    switch (err) {
    case EAGAIN:
    case EALREADY:
    case EINPROGRESS:
        return &exc::BlockingIOError;
    case ECHILD: return &exc::ChildProcessError;
    case EPIPE:
    case ESHUTDOWN:
        return &exc::BrokenPipeError;
    case ECONNABORTED: return &exc::ConnectionAbortedError;
    case ECONNREFUSED: return &exc::ConnectionRefusedError;
    case ECONNRESET: return &exc::ConnectionResetError;
    case EEXIST: return &exc::FileExistsError;
    case ENOENT: return &exc::FileNotFoundError;
    case EISDIR: return &exc::IsADirectoryError;
    case ENOTDIR: return &exc::NotADirectoryError;
    case EINTR: return &exc::InterruptedError;
    case EACCES:
    case EPERM:
        return &exc::PermissionError;
    case ESRCH: return &exc::ProcessLookupError;
    case ETIMEDOUT: return &exc::TimeoutError;
    default: return nullptr;
    }
}

namespace {

OSErrorObject* as_os(Value v) { return v.as<OSErrorObject>(); }

// Whether [t] (a subclass of OSError) defines a __new__ other than OSError's.
bool new_overridden(Type* t)
{
    if (t == &exc::OSError)
        return false;
    return type_lookup(t, names::__new__) != type_lookup(&exc::OSError, names::__new__);
}

// Sets errno, strerror, filename, filename2 (or characters_written) and args from the
// constructor arguments.
void os_error_fill(Value self, Value const* args, size_t nargs)
{
    OSErrorObject* e = as_os(self);
    TupleObject* all = tuple_from(args, static_cast<int64_t>(nargs));
    Value err, strerror, filename, filename2, written;
    if (nargs >= 2 && nargs <= 5) {
        err = args[0];
        strerror = args[1];
        if (nargs >= 3) {
            Value fn = args[2];
            if (type_of(self)->is_subtype(&exc::BlockingIOError) && is_int(fn)) {
                written = py_number_index(fn);
            } else if (!is_none(fn)) {
                filename = fn;
                if (nargs >= 5 && !is_none(args[4]))
                    filename2 = args[4];
                // args keeps only (errno, strerror) when a filename was given.
                all = tuple_from(args, 2);
            }
        }
    }
    write_barrier(e);
    e->m_args = all;
    e->m_errno = err;
    e->m_strerror = strerror;
    e->m_filename = filename;
    e->m_filename2 = filename2;
    e->m_written = written;
}

Value os_error_new(Value, Value const* args, size_t nargs, TupleObject*)
{
    if (nargs < 1 || !is_type(args[0]))
        raise(&exc::TypeError, "OSError.__new__(X): X is not a type object");
    Type* cls = args[0].as<Type>();
    if (!cls->is_subtype(&exc::OSError))
        raise(&exc::TypeError, "OSError.__new__(%s): %s is not a subtype of OSError",
            cls->name_str().c_str(), cls->name_str().c_str());
    size_t n = nargs - 1;
    // Only OSError itself picks a subclass; OSError's subclasses and user classes stay as given.
    if (cls == &exc::OSError && n >= 2 && n <= 5 && is_int(args[1])) {
        int64_t err;
        if (int_to_i64(args[1], &err)) {
            if (Type* sub = os_error_subclass_for_errno(err))
                cls = sub;
        }
    }
    Value self = exc_alloc(cls, tuple_from(args + 1, static_cast<int64_t>(n)));
    // A class with its own __new__ gets its fields here, since its __init__ may well be called
    // with that __new__'s other arguments.
    if (new_overridden(cls))
        os_error_fill(self, args + 1, n);
    return self;
}

Value os_error_init(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    if (new_overridden(type_of(self)))
        return none();
    exc_no_keywords(self, kwnames);
    os_error_fill(self, args, nargs);
    return none();
}

Value os_error_str(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__str__", nargs, kwnames, 0, 0);
    OSErrorObject* e = as_os(self);
    read_barrier(e);
    Value err = e->m_errno, strerror = e->m_strerror, fn = e->m_filename, fn2 = e->m_filename2;
    auto s = [](Value v) { return str_utf8(py_str(or_none(v))); };
    if (fn) {
        std::string out = "[Errno " + s(err) + "] " + s(strerror) + ": " + repr_utf8(fn);
        if (fn2)
            out += " -> " + repr_utf8(fn2);
        return str_from_utf8(out);
    }
    if (err && strerror)
        return str_from_utf8("[Errno " + s(err) + "] " + s(strerror));
    return base_exception_str(self);
}

Value os_error_reduce(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__reduce__", nargs, kwnames, 0, 0);
    OSErrorObject* e = as_os(self);
    read_barrier(e);
    TupleObject* args = exc_args(self);
    if (args->m_size == 2 && e->m_filename) {
        if (e->m_filename2)
            args = tuple_of({ args->item(0), args->item(1), e->m_filename, none(), e->m_filename2 });
        else
            args = tuple_of({ args->item(0), args->item(1), e->m_filename });
    }
    if (e->m_dict)
        return tuple_of({ Value(type_of(self)), Value(args), Value(e->m_dict) });
    return tuple_of({ Value(type_of(self)), Value(args) });
}

Value get_written(Value self)
{
    OSErrorObject* e = as_os(self);
    Value w = exc_get(e, e->m_written);
    if (!w)
        raise(&exc::AttributeError, "characters_written");
    return w;
}
void set_written(Value self, Value v)
{
    OSErrorObject* e = as_os(self);
    if (!v) {
        if (!exc_get(e, e->m_written))
            raise(&exc::AttributeError, "characters_written");
        exc_set(e, e->m_written, Value());
        return;
    }
    exc_set(e, e->m_written, py_number_index(v));
}

MethodDef const s_os_error_methods[] = {
    { "__new__", os_error_new, METH_STATIC },
    { "__init__", os_error_init },
    { "__str__", os_error_str },
    { "__reduce__", os_error_reduce },
    { nullptr, nullptr },
};

} // namespace

void init_os_error_types()
{
    Type* t = &exc::OSError;
    add_methods(t, s_os_error_methods);
    add_exc_member<OSErrorObject, &OSErrorObject::m_errno>(t, "errno", "POSIX exception code");
    add_exc_member<OSErrorObject, &OSErrorObject::m_strerror>(t, "strerror", "exception strerror");
    add_exc_member<OSErrorObject, &OSErrorObject::m_filename>(t, "filename", "exception filename");
    add_exc_member<OSErrorObject, &OSErrorObject::m_filename2>(t, "filename2", "second exception filename");
    add_getset(t, "characters_written", get_written, set_written);
    register_exc_ctor(t, { os_error_new, os_error_init });
}

void raise_os_error(int err, Value filename)
{
    Value code = int_from_i64(err);
    Value text = Value(str_from_utf8(std::strerror(err)));
    Value exc = filename ? exception_new(&exc::OSError, { code, text, filename })
                         : exception_new(&exc::OSError, { code, text });
    raise_value(exc);
}

} // namespace pystm

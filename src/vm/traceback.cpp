// Traceback objects: one entry per frame an exception passed through, newest (outermost) first
// in the tb_next chain as CPython builds it, and the Python `traceback` type.
#include "vm/traceback.h"
#include "gc/heap.h"
#include "objects/exceptions.h"
#include "objects/int_object.h"
#include "objects/list_object.h"
#include "objects/str_object.h"
#include "objects/type_object.h"
#include "vm/frame.h"

namespace pystm {

Type traceback_type { &type_type };

namespace {

void trace_tb(Object* o, gc::Tracer& t)
{
    auto* tb = static_cast<TracebackObject*>(o);
    t.visit(tb->m_next);
    t.visit(tb->m_frame);
}

TracebackObject* as_tb(Value v)
{
    if (!v.is_object() || v.as_object()->m_type != &traceback_type)
        raise(&exc::TypeError, "descriptor requires a 'traceback' object but received a '%s'", type_name(v).c_str());
    return v.as<TracebackObject>();
}

Value tb_next(Value self)
{
    auto* tb = as_tb(self);
    read_barrier(tb);
    return tb->m_next ? tb->m_next : none();
}
void tb_set_next(Value self, Value v)
{
    auto* tb = as_tb(self);
    if (!v)
        raise(&exc::TypeError, "can't delete tb_next attribute");
    if (is_none(v)) {
        v = Value();
    } else {
        if (!v.is_object() || v.as_object()->m_type != &traceback_type)
            raise(&exc::TypeError, "expected traceback object or None, got '%s'", type_name(v).c_str());
        for (Value c = v; c; c = c.as<TracebackObject>()->m_next)
            if (c == self)
                raise(&exc::ValueError, "traceback loop detected");
    }
    write_barrier(tb);
    tb->m_next = v;
}
Value tb_frame(Value self) { return Value(as_tb(self)->m_frame); }
Value tb_lasti(Value self)
{
    auto* tb = as_tb(self);
    return int_from_i64(static_cast<int64_t>(tb->m_lasti) * 2 + tb->m_lasti_rem);
}
Value tb_lineno(Value self)
{
    int32_t l = as_tb(self)->m_lineno;
    return l > 0 ? int_from_i64(l) : none();
}

Value tb_new(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    Value a[5];
    parse_args("TracebackType", args, nargs, kwnames, { "type", "tb_next", "tb_frame", "tb_lasti", "tb_lineno" }, 5, a);
    if (!is_none(a[1]) && !(a[1].is_object() && a[1].as_object()->m_type == &traceback_type))
        raise(&exc::TypeError, "expected traceback object or None, got '%s'", type_name(a[1]).c_str());
    if (!(a[2].is_object() && a[2].as_object()->m_type == &vm::frame_type))
        raise(&exc::TypeError, "TracebackType() argument 'tb_frame' must be frame, not %s", type_name(a[2]).c_str());
    auto* tb = gc::make<TracebackObject>(&traceback_type);
    tb->m_next = is_none(a[1]) ? Value() : a[1];
    tb->m_frame = a[2].as_object();
    int64_t lasti = py_index_i64(a[3]);
    tb->m_lasti = static_cast<int32_t>(lasti / 2);
    tb->m_lasti_rem = static_cast<int32_t>(lasti % 2);
    tb->m_lineno = static_cast<int32_t>(py_index_i64(a[4]));
    return Value(tb);
}

// dir(tb) lists the four attributes only, as CPython's tb_dir.
Value tb_dir(Value, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__dir__", nargs, kwnames, 0, 0);
    ListObject* l = list_new(0);
    for (char const* n : { "tb_frame", "tb_next", "tb_lasti", "tb_lineno" })
        list_append(l, Value(intern(n)));
    return Value(l);
}

MethodDef const tb_methods[] = {
    { "__new__", tb_new, METH_STATIC },
    { "__dir__", tb_dir },
    { nullptr, nullptr },
};

} // namespace

// Prepends an entry for [f] (at its current instruction) to [exc]'s traceback.
void traceback_add(Value exc, vm::Frame* f)
{
    if (!is_exception(exc))
        return;
    auto* tb = gc::make<TracebackObject>(&traceback_type);
    auto* e = exc.as<BaseExceptionObject>();
    read_barrier(e);
    tb->m_next = e->m_traceback && !is_none(e->m_traceback) ? e->m_traceback : Value();
    tb->m_frame = f;
    tb->m_lasti = f->m_lasti;
    tb->m_lineno = f->lineno();
    write_barrier(e);
    e->m_traceback = Value(tb);
}

void setup_traceback_type()
{
    init_static_type(&traceback_type, "traceback", nullptr, sizeof(TracebackObject), 0, trace_tb);
}

void init_traceback_type()
{
    add_methods(&traceback_type, tb_methods);
    add_getset(&traceback_type, "tb_next", tb_next, tb_set_next);
    add_getset(&traceback_type, "tb_frame", tb_frame);
    add_getset(&traceback_type, "tb_lasti", tb_lasti);
    add_getset(&traceback_type, "tb_lineno", tb_lineno);
}

} // namespace pystm

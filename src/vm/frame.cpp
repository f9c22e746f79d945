// Frame objects: allocation, tracing (FRAME-2) and the Python `frame` type (f_back, f_code,
// f_globals, f_locals, f_lineno, f_lasti, f_builtins, f_trace, clear()).
#include "vm/frame.h"
#include "objects/access.h"
#include "builtins/builtins.h"
#include "gc/heap.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/int_object.h"
#include "objects/module_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "vm/interpreter.h"
#include <cstring>
#include <new>

namespace pystm {

void setup_traceback_type(); // vm/traceback.cpp
void init_traceback_type();

namespace vm {

Type frame_type { &type_type };

namespace {

void trace_frame(Object* o, gc::Tracer& t)
{
    auto* f = static_cast<Frame*>(o);
    t.visit(f->m_code);
    t.visit(f->m_func);
    t.visit(f->m_globals);
    t.visit(f->m_builtins);
    t.visit(f->m_locals);
    t.visit(f->m_previous);
    t.visit(f->m_gen);
    // FRAME-2: every slot, including the value stack above its top.
    Value* slots = f->localsplus();
    int32_t n = f->m_nlocalsplus + f->m_stacksize;
    for (int32_t i = 0; i < n; ++i)
        t.visit(slots[i]);
}

Frame* as_frame(Value v)
{
    if (!v.is_object() || v.as_object()->m_type != &frame_type)
        raise(&exc::TypeError, "descriptor requires a 'frame' object but received a '%s'", type_name(v).c_str());
    return v.as<Frame>();
}

Value f_back(Value self)
{
    Frame* f = as_frame(self);
    if (!f->m_previous)
        return none();
    f->m_previous->m_escaped = true; // FRAME-4
    return Value(f->m_previous);
}
Value f_code(Value self) { return Value(as_frame(self)->m_code); }
Value f_globals(Value self) { return Value(as_frame(self)->m_globals); }
Value f_builtins(Value self) { return Value(as_frame(self)->m_builtins); }
Value f_locals(Value self) { return frame_locals_snapshot(as_frame(self)); }
Value f_lineno(Value self)
{
    int32_t line = as_frame(self)->lineno();
    return line > 0 ? int_from_i64(line) : none();
}
Value f_lasti(Value self) { return int_from_i64(static_cast<int64_t>(as_frame(self)->m_lasti) * 2); }
Value f_trace(Value) { return none(); }
void f_set_trace(Value, Value) { }
Value f_trace_lines(Value) { return Value(g_true); }
void f_set_trace_lines(Value, Value) { }

Value frame_repr(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__repr__", nargs, kw, 0, 0);
    Frame* f = as_frame(self);
    char addr[32];
    snprintf(addr, sizeof addr, "%p", static_cast<void*>(f));
    std::string s = std::string("<frame at ") + addr + ", file '"
        + (f->m_code->m_filename ? str_utf8(f->m_code->m_filename) : std::string("?")) + "', line "
        + std::to_string(f->lineno()) + ", code " + str_utf8(f->m_code->m_name) + ">";
    return str_from_utf8(s);
}

Value frame_clear(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("clear", nargs, kw, 0, 0);
    Frame* f = as_frame(self);
    if (f->m_running)
        raise(&exc::RuntimeError, "cannot clear an executing frame");
    if (f->m_gen)
        raise(&exc::RuntimeError, "cannot clear a suspended frame");
    for (int32_t i = 0; i < f->m_nlocalsplus; ++i)
        f->localsplus()[i] = Value();
    return none();
}

MethodDef const frame_methods[] = {
    { "__repr__", frame_repr },
    { "clear", frame_clear },
    { nullptr, nullptr },
};

} // namespace

namespace {

    // A __builtins__ that is neither a module nor a dict: CPython keeps the object and indexes it
    // at each builtin lookup (a TypeError for 123). Frames hold a dict, so they get an empty dict
    // subclass whose __getitem__ indexes the object; lookups in a dict subclass go through
    // __getitem__ (vm/interpreter.cpp).
    Type builtins_proxy_type { &type_type };

    struct BuiltinsProxy : DictObject {
        Value m_target;
        explicit BuiltinsProxy(Type* t)
            : DictObject(t)
        {
        }
    };

    void trace_builtins_proxy(Object* o, gc::Tracer& t)
    {
        dict_type.m_trace(o, t);
        t.visit(static_cast<BuiltinsProxy*>(o)->m_target);
    }

    void destroy_builtins_proxy(Object* o)
    {
        if (dict_type.m_destroy)
            dict_type.m_destroy(o);
    }

    Value builtins_proxy_getitem(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
    {
        check_nargs("__getitem__", nargs, kwnames, 1, 1);
        return py_getitem(self.as<BuiltinsProxy>()->m_target, args[0]);
    }

    MethodDef const builtins_proxy_methods[] = {
        { "__getitem__", builtins_proxy_getitem },
        { nullptr, nullptr },
    };

} // namespace

DictObject* builtins_from_globals(DictObject* globals)
{
    Value b = dict_get_str(globals, names::__builtins__);
    if (b) {
        if (b.is_object() && b.as_object()->m_type->is_subtype(&module_type))
            return b.as<ModuleObject>()->m_dict;
        if (is_dict(b))
            return b.as<DictObject>();
        auto* proxy = gc::make<BuiltinsProxy>(&builtins_proxy_type);
        proxy->m_target = b;
        return proxy;
    }
    return builtins_dict();
}

// --- the frame pool (FRAME-4) -----------------------------------------------------------------
//
// Frames that returned without escaping wait in their thread's pool for the next call needing
// the same number of slots, which saves an allocation and the garbage a call would otherwise
// leave for the collector (with the STM engaged, FRAME-5). One list per slot count, linked
// through m_previous, at most POOL_DEPTH frames deep; trace_thread_state() keeps them alive, and
// a pooled frame's slots are cleared so it keeps nothing else alive.
namespace {
constexpr size_t POOL_BUCKETS = ThreadState::kFramePoolBuckets; // up to 63 slots
constexpr uint32_t POOL_DEPTH = 32;

inline size_t frame_extra(CodeObject* code)
{
    return sizeof(Value) * static_cast<size_t>(code->nlocalsplus() + code->m_stacksize)
        + sizeof(Block) * static_cast<size_t>(code->m_blockdepth);
}
static_assert(sizeof(Block) == sizeof(Value));
} // namespace

void frame_release(Frame* f)
{
    if (f->m_escaped || f->m_gen || f->m_type != &frame_type)
        return;
    size_t extra = frame_extra(f->m_code);
    size_t bucket = extra / sizeof(Value);
    ThreadState* ts = tstate();
    if (PY_UNLIKELY(g_stm_active) && (f->m_alloc_word == 0 || f->m_alloc_word != stm::t_own_word)) {
        // FRAME-5: not the running attempt's own frame. The slots are still cleared (through the
        // barrier: an abort puts them back), so that a dead frame that a stale word still
        // reaches keeps nothing alive.
        write_barrier(f);
        Value* lp = f->localsplus();
        for (int32_t i = 0, n = f->m_nlocalsplus + f->m_stacksize; i < n; ++i)
            lp[i] = Value();
        f->m_locals = Value();
        f->m_globals = nullptr; // nor its module (what the collection at exit finalizes)
        f->m_builtins = nullptr;
        return;
    }
    if (!ts || bucket >= POOL_BUCKETS || ts->m_frame_pool_count[bucket] >= POOL_DEPTH)
        return;
    // Every slot is cleared, the block stack's too: the locals must read as unbound in the next
    // user, no object may outlive its last use just because a pooled frame saw it (weak
    // references and finalizers would notice), and the next user's code may split the same
    // number of slots differently, so its locals or value stack (traced in full, FRAME-2) may
    // cover this code's block stack, whose entries are not Values.
    Value* lp = f->localsplus();
    for (size_t i = 0; i < bucket; ++i)
        lp[i] = Value();
    f->m_func = nullptr;
    f->m_locals = Value();
    // The globals too: a pooled frame would otherwise keep its module alive (and with it every
    // object whose __del__ interpreter shutdown should run).
    f->m_globals = nullptr;
    f->m_builtins = nullptr;
    f->m_previous = ts->m_frame_pool[bucket];
    ts->m_frame_pool[bucket] = f;
    ts->m_frame_pool_count[bucket]++;
}

Frame* frame_new(CodeObject* code, DictObject* globals, DictObject* builtins, Value locals)
{
    size_t extra = frame_extra(code);
    if (!builtins)
        builtins = builtins_from_globals(globals);
    size_t bucket = extra / sizeof(Value);
    ThreadState* ts = tstate();
    if (ts && bucket < POOL_BUCKETS && ts->m_frame_pool[bucket]) {
        Frame* f = ts->m_frame_pool[bucket];
        ts->m_frame_pool[bucket] = f->m_previous;
        ts->m_frame_pool_count[bucket]--;
        // frame_release() cleared the slots; a fresh frame's fields replace the rest. The GC
        // bits stay as they are, never rewritten, not even for an instant: another thread may
        // be sweeping the frame's chunk (GC-14), and a header it read as unmarked would be freed.
        Frame fresh(&frame_type, code, globals, builtins, locals);
        std::memcpy(reinterpret_cast<char*>(f) + sizeof(Object),
            reinterpret_cast<char const*>(&fresh) + sizeof(Object), sizeof(Frame) - sizeof(Object));
        f->m_hash = 0;
        f->m_stm.store(0, std::memory_order_relaxed);
        if (PY_UNLIKELY(g_stm_active))
            stm::on_allocate(f); // FRAME-5: private to the running attempt, as if just allocated
        f->m_alloc_word = stm::t_own_word;
        return f;
    }
    Frame* f = gc::make_var<Frame>(&frame_type, extra, code, globals, builtins, locals);
    f->m_alloc_word = stm::t_own_word;
    return f;
}

Value frame_locals_snapshot(Frame* f)
{
    // Module, class and exec frames have a real locals mapping.
    if (f->m_locals)
        return f->m_locals;
    DictObject* d = dict_new();
    CodeObject* co = f->m_code;
    for (int32_t i = 0; i < co->nlocalsplus(); ++i) {
        Value v = f->localsplus()[i];
        uint8_t kind = co->m_localspluskinds[i];
        if (!v)
            continue;
        if ((kind & (CO_FAST_CELL | CO_FAST_FREE)) && v.is_object() && v.as_object()->m_type == &cell_type) {
            // Before MAKE_CELL runs, a cell argument slot still holds the plain value.
            v = cell_get(v.as<CellObject>());
            if (!v)
                continue;
        }
        // Free variables of class bodies and methods (__class__) are not shown by CPython when
        // the code is not optimized; functions show them.
        dict_set(d, co->m_localsplusnames->item(i), v);
    }
    return Value(d);
}

} // namespace vm

void setup_frame_types()
{
    init_static_type(&vm::frame_type, "frame", nullptr, sizeof(vm::Frame), 0, vm::trace_frame);
    setup_traceback_type();
    init_static_type(&vm::builtins_proxy_type, "builtins_proxy", &dict_type,
        sizeof(vm::BuiltinsProxy), 0, vm::trace_builtins_proxy, vm::destroy_builtins_proxy);
}

void init_frame_types()
{
    using namespace vm;
    add_methods(&frame_type, frame_methods);
    add_methods(&builtins_proxy_type, builtins_proxy_methods);
    add_getset(&frame_type, "f_back", f_back);
    add_getset(&frame_type, "f_code", f_code);
    add_getset(&frame_type, "f_globals", f_globals);
    add_getset(&frame_type, "f_builtins", f_builtins);
    add_getset(&frame_type, "f_locals", f_locals);
    add_getset(&frame_type, "f_lineno", f_lineno);
    add_getset(&frame_type, "f_lasti", f_lasti);
    add_getset(&frame_type, "f_trace", f_trace, f_set_trace);
    add_getset(&frame_type, "f_trace_lines", f_trace_lines, f_set_trace_lines);
    init_traceback_type();
}

} // namespace pystm

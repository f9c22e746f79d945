// generator, coroutine and async_generator objects, coroutine.__await__()'s wrapper, and the
// asend / athrow awaitables of async generators (PEP 342, 380, 479, 492, 525 semantics as in
// CPython 3.11).
//
// Resumption from C++ goes through send_ex(), which runs the frame with vm::run_frame(); the
// interpreter's FOR_ITER and SEND resume generator frames inline and call gen_activate() /
// gen_frame_suspended() / gen_frame_finished() itself (GEN-1).
#include "objects/generator_object.h"
#include "gc/heap.h"
#include "objects/access.h"
#include "objects/exceptions.h"
#include "objects/int_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "vm/frame.h"
#include "vm/opcode.h"
#include "vm/stm_client.h"
#include "vm/thread_state.h"
#include "vm/traceback.h"

#include <vector>

namespace pystm {

// sys.set_asyncgen_hooks()'s hooks of the calling thread (modules/sys_module.cpp).
void asyncgen_hooks(Value* firstiter, Value* finalizer);

Type generator_type { &type_type };
Type coroutine_type { &type_type };
Type async_generator_type { &type_type };
Type coroutine_wrapper_type { &type_type };
Type async_generator_asend_type { &type_type };
Type async_generator_athrow_type { &type_type };
Type async_generator_wrapped_value_type { &type_type };

namespace {

enum AwaitableState : uint8_t { AW_INIT, AW_ITER, AW_CLOSED };

struct WrappedValue : Object {
    Value m_value;
    WrappedValue(Type* t, Value v) : Object(t), m_value(v) { }
};

struct CoroWrapper : Object {
    GenObject* m_coro;
    CoroWrapper(Type* t, GenObject* c) : Object(t), m_coro(c) { }
};

struct ASend : Object {
    GenObject* m_gen;
    Value m_sendval;
    uint8_t m_state = AW_INIT;
    ASend(Type* t, GenObject* g, Value v) : Object(t), m_gen(g), m_sendval(v) { }
};

struct AThrow : Object {
    GenObject* m_gen;
    Value m_exc; // the exception to throw; null for aclose()
    uint8_t m_state = AW_INIT;
    AThrow(Type* t, GenObject* g, Value e) : Object(t), m_gen(g), m_exc(e) { }
};

void trace_gen(Object* o, gc::Tracer& t)
{
    auto* g = static_cast<GenObject*>(o);
    t.visit(g->m_frame);
    t.visit(g->m_code);
    t.visit(g->m_name);
    t.visit(g->m_qualname);
    t.visit(g->m_exc_state.m_exc);
    t.visit(g->m_origin);
}
void trace_wrapped(Object* o, gc::Tracer& t) { t.visit(static_cast<WrappedValue*>(o)->m_value); }
void trace_corowrapper(Object* o, gc::Tracer& t) { t.visit(static_cast<CoroWrapper*>(o)->m_coro); }
void trace_asend(Object* o, gc::Tracer& t)
{
    t.visit(static_cast<ASend*>(o)->m_gen);
    t.visit(static_cast<ASend*>(o)->m_sendval);
}
void trace_athrow(Object* o, gc::Tracer& t)
{
    t.visit(static_cast<AThrow*>(o)->m_gen);
    t.visit(static_cast<AThrow*>(o)->m_exc);
}

char const* kind_name(GenObject* g)
{
    if (g->m_type == &coroutine_type)
        return "coroutine";
    if (g->m_type == &async_generator_type)
        return "async generator";
    return "generator";
}

bool is_genlike(Value v)
{
    if (!v.is_object())
        return false;
    Type* t = v.as_object()->m_type;
    return t == &generator_type || t == &coroutine_type || t == &async_generator_type;
}

[[noreturn]] void raise_stop_iteration(Value v)
{
    if (!v || is_none(v))
        raise_value(Value(&exc::StopIteration));
    raise_value(exception_new(&exc::StopIteration, { v }));
}

// CPython's gen_send_ex2: resumes the frame with [arg], or with the exception in the thread
// state when [throwing]. [closing] suppresses the "cannot reuse" error for close().
GenStatus send_ex(GenObject* g, Value arg, bool throwing, bool closing, Value* out)
{
    read_barrier(g);
    if (g->m_state == GEN_CREATED && !throwing && arg && !is_none(arg))
        raise(&exc::TypeError, "can't send non-None value to a just-started %s", kind_name(g));
    if (g->m_state == GEN_RUNNING)
        raise(&exc::ValueError, "%s already executing", kind_name(g));
    if (g->m_state == GEN_COMPLETED) {
        if (g->m_type == &coroutine_type && !closing)
            raise(&exc::RuntimeError, "cannot reuse already awaited coroutine");
        if (!throwing) {
            *out = none();
            return GenStatus::Returned;
        }
        throw PyError(); // the thrown exception is raised as is
    }
    vm::Frame* f = g->m_frame;
    bool started = g->m_state == GEN_SUSPENDED;
    bool yielded = false;
    Value r = vm::run_frame(f, throwing, &yielded, (started && !throwing) ? (arg ? arg : none()) : Value());
    *out = r;
    return yielded ? GenStatus::Yielded : GenStatus::Returned;
}

// close() of a sub-iterator a generator delegates to. Raises what close() raises.
void close_iter(Value yf)
{
    if (is_genlike(yf) && yf.as_object()->m_type != &async_generator_type) {
        gen_close(yf.as<GenObject>());
        return;
    }
    Value meth = py_getattr_opt(yf, names::close);
    if (meth)
        py_call0(meth);
}

Value make_exception(Value typ, Value val, Value tb)
{
    if (tb && !is_none(tb) && !(tb.is_object() && tb.as_object()->m_type == &traceback_type))
        raise(&exc::TypeError, "throw() third argument must be a traceback object");
    Value e;
    if (is_type(typ) && typ.as<Type>()->is_subtype(&exc::BaseException)) {
        // As CPython's PyErr_NormalizeException: an error while instantiating the class is the
        // exception thrown into the generator in its place.
        try {
            if (val && is_exception(val) && type_of(val)->is_subtype(typ.as<Type>())) {
                e = val;
            } else if (!val || is_none(val)) {
                e = py_call0(typ);
            } else if (is_tuple(val)) {
                e = py_call_ex(typ, val.as<TupleObject>(), nullptr);
            } else {
                e = py_call1(typ, val);
            }
            if (!is_exception(e))
                raise(&exc::TypeError,
                    "calling %s should have returned an instance of BaseException, not %s",
                    repr_utf8(typ).c_str(), type_name(e).c_str());
        } catch (PyError&) {
            return take_exception();
        }
    } else if (is_exception(typ)) {
        if (val && !is_none(val))
            raise(&exc::TypeError, "instance exception may not have a separate value");
        e = typ;
    } else {
        raise(&exc::TypeError, "exceptions must be classes or instances deriving from BaseException, not %s",
            type_name(typ).c_str());
    }
    if (tb && !is_none(tb)) {
        write_barrier(e.as_object());
        e.as<BaseExceptionObject>()->m_traceback = tb;
    }
    return e;
}

// Makes [f] the thread's current frame, called from the current one, while in scope.
struct CallerLink {
    ThreadState* m_ts;
    vm::Frame* m_prev;
    explicit CallerLink(vm::Frame* f)
        : m_ts(tstate())
        , m_prev(m_ts->m_frame)
    {
        write_barrier(f); // vm/stm_client.h, CLI-2
        f->m_previous = m_prev;
        m_ts->m_frame = f;
    }
    // m_previous is left as is, as unlink_frame() does: no barrier may run during unwinding.
    ~CallerLink() { m_ts->m_frame = m_prev; }
    CallerLink(CallerLink const&) = delete;
    CallerLink& operator=(CallerLink const&) = delete;
};

// CPython's _gen_throw.
GenStatus throw_ex(GenObject* g, bool close_on_genexit, Value exc, Value* out)
{
    Value yf = gen_yieldfrom(g);
    if (yf) {
        // The sub-iterator's close() or throw() may end the transaction (a blocking call), so
        // the generator is write-barriered again after it.
        write_barrier(g);
        if (close_on_genexit && type_of(exc)->is_subtype(&exc::GeneratorExit)) {
            g->m_state = GEN_RUNNING;
            bool failed = false;
            try {
                close_iter(yf);
            } catch (PyError&) {
                failed = true;
            }
            write_barrier(g);
            g->m_state = GEN_SUSPENDED;
            if (failed)
                return send_ex(g, none(), true, false, out);
            set_exception(exc);
            return send_ex(g, none(), true, false, out);
        }
        GenStatus st = GenStatus::Yielded;
        Value ret;
        bool failed = false;
        g->m_state = GEN_RUNNING;
        try {
            if (is_genlike(yf) && yf.as_object()->m_type != &async_generator_type) {
                // The delegating frame is the caller of the sub-generator's frame meanwhile, as
                // if the exception had come through its SEND (f_back, tracebacks).
                CallerLink link(g->m_frame);
                st = throw_ex(yf.as<GenObject>(), close_on_genexit, exc, &ret);
            } else {
                Value meth = py_getattr_opt(yf, names::throw_);
                if (!meth) {
                    g->m_state = GEN_SUSPENDED;
                    goto throw_here;
                }
                Value tb = exc.as<BaseExceptionObject>()->m_traceback;
                Value args[3] = { Value(type_of(exc)), exc, tb ? tb : none() };
                ret = py_call(meth, args, 3);
            }
        } catch (PyError&) {
            failed = true;
        }
        write_barrier(g);
        g->m_state = GEN_SUSPENDED;
        if (!failed && st == GenStatus::Yielded) {
            *out = ret;
            return GenStatus::Yielded;
        }
        // The sub-iterator finished: pop it and continue after the SEND loop with its value.
        vm::Frame* f = g->m_frame;
        write_barrier(f); // vm/stm_client.h, CLI-2
        f->m_sp--;
        uint32_t send_instr = f->m_code->m_code[static_cast<size_t>(f->m_lasti - 1)];
        f->m_pc = instr_arg(send_instr);
        if (!failed)
            return send_ex(g, ret, false, false, out);
        if (exception_matches(&exc::StopIteration)) {
            Value e = take_exception();
            Value v = py_getattr_opt(e, names::value);
            return send_ex(g, v ? v : none(), false, false, out);
        }
        return send_ex(g, none(), true, false, out);
    }
throw_here:
    set_exception(exc);
    return send_ex(g, none(), true, false, out);
}

Value gen_repr(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__repr__", nargs, kw, 0, 0);
    auto* g = self.as<GenObject>();
    char addr[32];
    snprintf(addr, sizeof addr, "%p", static_cast<void*>(g));
    char const* kind = g->m_type == &coroutine_type ? "coroutine" : g->m_type == &async_generator_type ? "async_generator" : "generator";
    return str_from_utf8(std::string("<") + kind + " object " + str_utf8(g->m_qualname) + " at " + addr + ">");
}

GenObject* as_gen(Value v, Type* t)
{
    if (!v.is_object() || !v.as_object()->m_type->is_subtype(t))
        raise(&exc::TypeError, "descriptor requires a '%s' object but received a '%s'", t->name_str().c_str(),
            type_name(v).c_str());
    return v.as<GenObject>();
}

Value gen_send_native(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("send", nargs, kw, 1, 1);
    Value out;
    if (send_ex(as_gen(self, self.as_object()->m_type), args[0], false, false, &out) == GenStatus::Yielded)
        return out;
    raise_stop_iteration(out);
}

Value gen_next_native(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__next__", nargs, kw, 0, 0);
    Value out;
    if (send_ex(as_gen(self, &generator_type), none(), false, false, &out) == GenStatus::Yielded)
        return out;
    raise_stop_iteration(out);
}

Value gen_throw_native(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("throw", nargs, kw, 1, 3);
    Value e = make_exception(args[0], nargs > 1 ? args[1] : Value(), nargs > 2 ? args[2] : Value());
    Value out;
    if (throw_ex(self.as<GenObject>(), true, e, &out) == GenStatus::Yielded)
        return out;
    raise_stop_iteration(out);
}

Value gen_close_native(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("close", nargs, kw, 0, 0);
    gen_close(self.as<GenObject>());
    return none();
}

Value gen_get_frame(Value self)
{
    auto* g = self.as<GenObject>();
    return g->m_frame && g->m_state != GEN_COMPLETED ? Value(g->m_frame) : none();
}
Value gen_get_running(Value self) { return py_bool(self.as<GenObject>()->m_state == GEN_RUNNING); }
Value gen_get_suspended(Value self) { return py_bool(self.as<GenObject>()->m_state == GEN_SUSPENDED); }
Value gen_get_code(Value self) { return Value(self.as<GenObject>()->m_code); }
Value gen_get_yieldfrom(Value self)
{
    Value yf = gen_yieldfrom(self.as<GenObject>());
    return yf ? yf : none();
}
Value gen_get_name(Value self) { return Value(self.as<GenObject>()->m_name); }
void gen_set_name(Value self, Value v)
{
    if (!v || !is_str(v))
        raise(&exc::TypeError, "__name__ must be set to a string object");
    self.as<GenObject>()->m_name = v.as<StrObject>();
}
Value gen_get_qualname(Value self) { return Value(self.as<GenObject>()->m_qualname); }
void gen_set_qualname(Value self, Value v)
{
    if (!v || !is_str(v))
        raise(&exc::TypeError, "__qualname__ must be set to a string object");
    self.as<GenObject>()->m_qualname = v.as<StrObject>();
}
Value gen_get_ag_running(Value self) { return py_bool(self.as<GenObject>()->m_running_async); }

Value gen_iternext(Object* o)
{
    Value out;
    if (send_ex(static_cast<GenObject*>(o), none(), false, false, &out) == GenStatus::Yielded)
        return out;
    return Value();
}

// --- coroutine.__await__() -------------------------------------------------------------------

Value coro_await(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__await__", nargs, kw, 0, 0);
    return Value(gc::make<CoroWrapper>(&coroutine_wrapper_type, as_gen(self, &coroutine_type)));
}
Value cw_send(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    return gen_send_native(Value(self.as<CoroWrapper>()->m_coro), args, nargs, kw);
}
Value cw_next(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__next__", nargs, kw, 0, 0);
    Value n = none();
    return gen_send_native(Value(self.as<CoroWrapper>()->m_coro), &n, 1, nullptr);
}
Value cw_throw(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    return gen_throw_native(Value(self.as<CoroWrapper>()->m_coro), args, nargs, kw);
}
Value cw_close(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    return gen_close_native(Value(self.as<CoroWrapper>()->m_coro), args, nargs, kw);
}
Value cw_iternext(Object* o)
{
    Value out;
    if (send_ex(static_cast<CoroWrapper*>(o)->m_coro, none(), false, false, &out) == GenStatus::Yielded)
        return out;
    return Value();
}

// --- async generators ------------------------------------------------------------------------

// async_gen_unwrap_value: interprets what the async generator's frame produced.
Value ag_unwrap(GenObject* g, bool failed, GenStatus st, Value r)
{
    write_barrier(g); // the generator's frame may have ended the transaction (a blocking call)
    if (failed || st == GenStatus::Returned) {
        if (!failed)
            set_exception(exception_new(&exc::StopAsyncIteration, {}));
        if (exception_matches(&exc::StopAsyncIteration) || exception_matches(&exc::GeneratorExit))
            g->m_ag_closed = true;
        g->m_running_async = false;
        throw PyError();
    }
    if (r.is_object() && r.as_object()->m_type == &async_generator_wrapped_value_type) {
        g->m_running_async = false;
        raise_stop_iteration(static_cast<WrappedValue*>(r.as_object())->m_value);
    }
    return r;
}

// CPython's async_gen_init_hooks: the first iteration of an async generator calls the thread's
// firstiter hook with it (asyncio tracks its generators so that it can close them at shutdown).
// The finalizer hook is not called: pystm does not finalize unfinished generators when they are
// collected.
GenObject* ag_init_hooks(GenObject* g)
{
    read_barrier(g);
    if (g->m_ag_hooks_inited)
        return g;
    write_barrier(g);
    g->m_ag_hooks_inited = true;
    Value firstiter, finalizer;
    asyncgen_hooks(&firstiter, &finalizer);
    if (!is_none(firstiter)) {
        Value arg(g);
        py_call(firstiter, &arg, 1);
    }
    return g;
}

Value ag_anext(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__anext__", nargs, kw, 0, 0);
    return Value(gc::make<ASend>(&async_generator_asend_type, ag_init_hooks(as_gen(self, &async_generator_type)), none()));
}
Value ag_asend(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("asend", nargs, kw, 1, 1);
    return Value(gc::make<ASend>(&async_generator_asend_type, ag_init_hooks(as_gen(self, &async_generator_type)), args[0]));
}
Value ag_athrow(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("athrow", nargs, kw, 1, 3);
    Value e = make_exception(args[0], nargs > 1 ? args[1] : Value(), nargs > 2 ? args[2] : Value());
    return Value(gc::make<AThrow>(&async_generator_athrow_type, ag_init_hooks(as_gen(self, &async_generator_type)), e));
}
Value ag_aclose(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("aclose", nargs, kw, 0, 0);
    return Value(gc::make<AThrow>(&async_generator_athrow_type, ag_init_hooks(as_gen(self, &async_generator_type)), Value()));
}

Value asend_send_impl(ASend* a, Value arg)
{
    // The awaitable's and the generator's state change below: an abort must undo them (the
    // awaitable's type keeps no undo record, so its barrier makes the transaction inevitable).
    write_barrier(a);
    write_barrier(a->m_gen);
    if (a->m_state == AW_CLOSED)
        raise(&exc::RuntimeError, "cannot reuse already awaited __anext__()/asend()");
    GenObject* g = a->m_gen;
    if (a->m_state == AW_INIT) {
        if (g->m_running_async)
            raise(&exc::RuntimeError, "anext(): asynchronous generator is already running");
        if (!arg || is_none(arg))
            arg = a->m_sendval;
        a->m_state = AW_ITER;
    }
    g->m_running_async = true;
    Value r;
    GenStatus st = GenStatus::Returned;
    bool failed = false;
    try {
        st = send_ex(g, arg, false, false, &r);
    } catch (PyError&) {
        failed = true;
    }
    write_barrier(a); // a blocking call in the generator may have begun another transaction
    try {
        return ag_unwrap(g, failed, st, r);
    } catch (PyError&) {
        a->m_state = AW_CLOSED;
        throw;
    }
}

Value asend_send(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("send", nargs, kw, 1, 1);
    return asend_send_impl(self.as<ASend>(), args[0]);
}
Value asend_next(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__next__", nargs, kw, 0, 0);
    return asend_send_impl(self.as<ASend>(), none());
}
Value asend_iternext(Object* o)
{
    try {
        return asend_send_impl(static_cast<ASend*>(o), none());
    } catch (PyError&) {
        if (exception_matches(&exc::StopIteration)) {
            take_exception();
            return Value();
        }
        throw;
    }
}
Value asend_throw(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("throw", nargs, kw, 1, 3);
    auto* a = self.as<ASend>();
    if (a->m_state == AW_CLOSED)
        raise(&exc::RuntimeError, "cannot reuse already awaited __anext__()/asend()");
    Value e = make_exception(args[0], nargs > 1 ? args[1] : Value(), nargs > 2 ? args[2] : Value());
    Value r;
    GenStatus st = GenStatus::Returned;
    bool failed = false;
    try {
        st = throw_ex(a->m_gen, false, e, &r);
    } catch (PyError&) {
        failed = true;
    }
    try {
        return ag_unwrap(a->m_gen, failed, st, r);
    } catch (PyError&) {
        a->m_state = AW_CLOSED;
        throw;
    }
}
Value aw_close(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("close", nargs, kw, 0, 0);
    write_barrier(self.as_object());
    if (self.as_object()->m_type == &async_generator_asend_type)
        self.as<ASend>()->m_state = AW_CLOSED;
    else
        self.as<AThrow>()->m_state = AW_CLOSED;
    return none();
}

Value athrow_send_impl(AThrow* a, Value arg, bool throw_mode, Value thrown)
{
    GenObject* g = a->m_gen;
    // As in asend_send_impl: both objects change, and an abort must undo that.
    write_barrier(a);
    write_barrier(g);
    if (a->m_state == AW_CLOSED)
        raise(&exc::RuntimeError, "cannot reuse already awaited aclose()/athrow()");
    if (g->m_state == GEN_COMPLETED) {
        a->m_state = AW_CLOSED;
        raise_value(Value(&exc::StopIteration));
    }
    bool aclose = !a->m_exc;
    Value r;
    GenStatus st = GenStatus::Returned;
    bool failed = false;
    if (a->m_state == AW_INIT && !throw_mode) {
        if (g->m_running_async) {
            a->m_state = AW_CLOSED;
            raise(&exc::RuntimeError, "%s(): asynchronous generator is already running", aclose ? "aclose" : "athrow");
        }
        if (g->m_ag_closed) {
            a->m_state = AW_CLOSED;
            raise_value(Value(&exc::StopAsyncIteration));
        }
        if (!is_none(arg))
            raise(&exc::RuntimeError, "can't send non-None value to a just-started coroutine");
        a->m_state = AW_ITER;
        g->m_running_async = true;
        try {
            if (aclose) {
                g->m_ag_closed = true;
                st = throw_ex(g, false, exception_new(&exc::GeneratorExit, {}), &r);
            } else {
                st = throw_ex(g, false, a->m_exc, &r);
            }
        } catch (PyError&) {
            failed = true;
        }
    } else {
        try {
            if (throw_mode)
                st = throw_ex(g, false, thrown, &r);
            else
                st = send_ex(g, arg, false, false, &r);
        } catch (PyError&) {
            failed = true;
        }
    }
    write_barrier(a); // a blocking call in the generator may have begun another transaction
    write_barrier(g);
    if (!aclose) {
        try {
            return ag_unwrap(g, failed, st, r);
        } catch (PyError&) {
            a->m_state = AW_CLOSED;
            throw;
        }
    }
    // aclose() mode.
    if (!failed && st == GenStatus::Yielded) {
        if (r.is_object() && r.as_object()->m_type == &async_generator_wrapped_value_type) {
            g->m_running_async = false;
            a->m_state = AW_CLOSED;
            raise(&exc::RuntimeError, "async generator ignored GeneratorExit");
        }
        return r;
    }
    g->m_running_async = false;
    a->m_state = AW_CLOSED;
    if (!failed || exception_matches(&exc::StopAsyncIteration) || exception_matches(&exc::GeneratorExit)) {
        if (failed)
            take_exception();
        raise_value(Value(&exc::StopIteration));
    }
    throw PyError();
}

Value athrow_send(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("send", nargs, kw, 1, 1);
    return athrow_send_impl(self.as<AThrow>(), args[0], false, Value());
}
Value athrow_next(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__next__", nargs, kw, 0, 0);
    return athrow_send_impl(self.as<AThrow>(), none(), false, Value());
}
Value athrow_iternext(Object* o)
{
    try {
        return athrow_send_impl(static_cast<AThrow*>(o), none(), false, Value());
    } catch (PyError&) {
        if (exception_matches(&exc::StopIteration)) {
            take_exception();
            return Value();
        }
        throw;
    }
}
Value athrow_throw(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("throw", nargs, kw, 1, 3);
    auto* a = self.as<AThrow>();
    if (a->m_state == AW_CLOSED)
        raise(&exc::RuntimeError, "cannot reuse already awaited aclose()/athrow()");
    Value e = make_exception(args[0], nargs > 1 ? args[1] : Value(), nargs > 2 ? args[2] : Value());
    return athrow_send_impl(a, none(), true, e);
}

// The docstrings of CPython's genobject.c.
char const gen_send_doc[] = "send(arg) -> send 'arg' into generator,\n"
                            "return next yielded value or raise StopIteration.";
char const gen_throw_doc[] = "throw(value)\nthrow(type[,value[,tb]])\n\n"
                             "Raise exception in generator, return next yielded value or raise\n"
                             "StopIteration.";
char const gen_close_doc[] = "close() -> raise GeneratorExit inside generator.";
char const coro_send_doc[] = "send(arg) -> send 'arg' into coroutine,\n"
                             "return next iterated value or raise StopIteration.";
char const coro_throw_doc[] = "throw(value)\nthrow(type[,value[,traceback]])\n\n"
                              "Raise exception in coroutine, return next iterated value or raise\n"
                              "StopIteration.";
char const coro_close_doc[] = "close() -> raise GeneratorExit inside coroutine.";

MethodDef const gen_methods[] = {
    { "__repr__", gen_repr },
    { "send", gen_send_native, METH_DEFAULT, gen_send_doc },
    { "throw", gen_throw_native, METH_DEFAULT, gen_throw_doc },
    { "close", gen_close_native, METH_DEFAULT, gen_close_doc },
    { "__iter__", native_iter_self },
    { "__next__", gen_next_native },
    { nullptr, nullptr },
};
MethodDef const coro_methods[] = {
    { "__repr__", gen_repr },
    { "send", gen_send_native, METH_DEFAULT, coro_send_doc },
    { "throw", gen_throw_native, METH_DEFAULT, coro_throw_doc },
    { "close", gen_close_native, METH_DEFAULT, coro_close_doc },
    { "__await__", coro_await },
    { nullptr, nullptr },
};
MethodDef const cw_methods[] = {
    { "send", cw_send, METH_DEFAULT, coro_send_doc },
    { "throw", cw_throw, METH_DEFAULT, coro_throw_doc },
    { "close", cw_close, METH_DEFAULT, coro_close_doc },
    { "__iter__", native_iter_self },
    { "__next__", cw_next },
    { nullptr, nullptr },
};
MethodDef const ag_methods[] = {
    { "__repr__", gen_repr },
    { "__aiter__", native_iter_self },
    { "__anext__", ag_anext },
    { "asend", ag_asend, METH_DEFAULT, "asend(v) -> send 'v' in generator." },
    { "athrow", ag_athrow, METH_DEFAULT,
        "athrow(typ[,val[,tb]]) -> raise exception in generator." },
    { "aclose", ag_aclose, METH_DEFAULT, "aclose() -> raise GeneratorExit inside generator." },
    { nullptr, nullptr },
};
MethodDef const asend_methods[] = {
    { "send", asend_send, METH_DEFAULT, gen_send_doc },
    { "throw", asend_throw, METH_DEFAULT, gen_throw_doc },
    { "close", aw_close, METH_DEFAULT, gen_close_doc },
    { "__iter__", native_iter_self },
    { "__await__", native_iter_self },
    { "__next__", asend_next },
    { nullptr, nullptr },
};
MethodDef const athrow_methods[] = {
    { "send", athrow_send, METH_DEFAULT, gen_send_doc },
    { "throw", athrow_throw, METH_DEFAULT, gen_throw_doc },
    { "close", aw_close, METH_DEFAULT, gen_close_doc },
    { "__iter__", native_iter_self },
    { "__await__", native_iter_self },
    { "__next__", athrow_next },
    { nullptr, nullptr },
};

void add_gen_getsets(Type* t, char const* prefix)
{
    std::string p = prefix;
    // Attribute names must outlive the type: keep them in static storage.
    static std::vector<std::string> s_names;
    auto name = [&](char const* suffix) {
        s_names.push_back(p + suffix);
        return s_names.back().c_str();
    };
    s_names.reserve(64);
    add_getset(t, name("_frame"), gen_get_frame);
    add_getset(t, name("_code"), gen_get_code);
    add_getset(t, name("_suspended"), gen_get_suspended);
    if (t == &async_generator_type) {
        add_getset(t, name("_running"), gen_get_ag_running);
        add_getset(t, name("_await"), gen_get_yieldfrom);
    } else {
        add_getset(t, name("_running"), gen_get_running);
        add_getset(t, name(t == &coroutine_type ? "_await" : "_yieldfrom"), gen_get_yieldfrom);
    }
    add_getset(t, "__name__", gen_get_name, gen_set_name);
    add_getset(t, "__qualname__", gen_get_qualname, gen_set_qualname);
}

} // namespace

// --- interpreter hooks -----------------------------------------------------------------------

void gen_prepare_resume(GenObject* g, bool)
{
    read_barrier(g);
    if (g->m_state == GEN_RUNNING)
        raise(&exc::ValueError, "%s already executing", kind_name(g));
}

void gen_activate(GenObject* g)
{
    ThreadState* ts = tstate();
    write_barrier(g);
    write_barrier(g->m_frame); // vm/stm_client.h, CLI-2
    g->m_state = GEN_RUNNING;
    g->m_exc_state.m_previous = ts->m_exc_info;
    ts->m_exc_info = &g->m_exc_state;
}

namespace {
void pop_exc_state(GenObject* g)
{
    ThreadState* ts = tstate();
    if (ts->m_exc_info == &g->m_exc_state)
        ts->m_exc_info = g->m_exc_state.m_previous;
    g->m_exc_state.m_previous = nullptr;
}
} // namespace

void gen_frame_suspended(GenObject* g)
{
    write_barrier(g);
    pop_exc_state(g);
    g->m_state = GEN_SUSPENDED;
}

void gen_frame_finished(GenObject* g)
{
    write_barrier(g);
    pop_exc_state(g);
    g->m_exc_state.m_exc = Value();
    g->m_state = GEN_COMPLETED;
    // GEN-2: a program that keeps its exhausted generators (a queue of them, say) must not keep
    // everything they used. A traceback that names the frame still holds it.
    g->m_frame = nullptr;
}

Value gen_convert_stop_iteration(GenObject* g, Value exc)
{
    if (!is_exception(exc))
        return exc;
    char const* msg = nullptr;
    bool is_async = g->m_type == &async_generator_type;
    if (type_of(exc)->is_subtype(&exc::StopIteration))
        msg = g->m_type == &coroutine_type ? "coroutine raised StopIteration"
            : is_async                     ? "async generator raised StopIteration"
                                           : "generator raised StopIteration";
    else if (is_async && type_of(exc)->is_subtype(&exc::StopAsyncIteration))
        msg = "async generator raised StopAsyncIteration";
    if (!msg)
        return exc;
    Value e = exception_new(&exc::RuntimeError, { Value(str_from_ascii(msg)) });
    auto* eo = e.as<BaseExceptionObject>();
    eo->m_cause = exc;
    eo->m_context = exc;
    eo->m_suppress_context = true;
    return e;
}

Value gen_yieldfrom(GenObject* g)
{
    if (g->m_state != GEN_SUSPENDED || !g->m_frame)
        return Value();
    vm::Frame* f = g->m_frame;
    if (f->m_lasti < 1 || f->m_sp < 1)
        return Value();
    auto const& code = f->m_code->m_code;
    if (instr_opcode(code[static_cast<size_t>(f->m_lasti)]) != vm::YIELD_VALUE
        || instr_opcode(code[static_cast<size_t>(f->m_lasti - 1)]) != vm::SEND)
        return Value();
    return f->stack()[f->m_sp - 1];
}

GenStatus gen_send(GenObject* g, Value sent, Value* out) { return send_ex(g, sent, false, false, out); }

GenStatus gen_throw(GenObject* g, Value exc, Value* out) { return throw_ex(g, true, exc, out); }

void gen_close(GenObject* g)
{
    write_barrier(g);
    if (g->m_state == GEN_CREATED) {
        g->m_state = GEN_COMPLETED;
        g->m_frame = nullptr; // GEN-2
        return;
    }
    if (g->m_state == GEN_COMPLETED)
        return;
    if (g->m_state == GEN_RUNNING)
        raise(&exc::ValueError, "%s already executing", kind_name(g));
    Value yf = gen_yieldfrom(g);
    bool failed = false;
    if (yf) {
        g->m_state = GEN_RUNNING;
        try {
            close_iter(yf);
        } catch (PyError&) {
            failed = true;
        }
        write_barrier(g); // close() may have ended the transaction (a blocking call)
        g->m_state = GEN_SUSPENDED;
    }
    if (!failed)
        set_exception(exception_new(&exc::GeneratorExit, {}));
    Value out;
    GenStatus st;
    try {
        st = send_ex(g, none(), true, true, &out);
    } catch (PyError&) {
        if (exception_matches(&exc::StopIteration) || exception_matches(&exc::GeneratorExit)) {
            take_exception();
            return;
        }
        throw;
    }
    if (st == GenStatus::Yielded)
        raise(&exc::RuntimeError, "%s ignored GeneratorExit", kind_name(g));
}

Value async_gen_wrap(Value v) { return Value(gc::make<WrappedValue>(&async_generator_wrapped_value_type, v)); }

namespace vm {
Value gen_new_from_frame(Frame* f, FunctionObject* func)
{
    uint32_t flags = f->m_code->m_flags;
    Type* t = (flags & CO_COROUTINE) ? &coroutine_type : (flags & CO_ASYNC_GENERATOR) ? &async_generator_type : &generator_type;
    auto* g = gc::make<GenObject>(t);
    g->m_frame = f;
    g->m_code = f->m_code;
    g->m_name = func ? func->m_name : f->m_code->m_name;
    g->m_qualname = func ? func->m_qualname : f->m_code->m_qualname;
    f->m_gen = g;
    if (t == &coroutine_type) {
        ThreadState* ts = tstate();
        if (PY_UNLIKELY(ts && ts->m_coro_origin_depth > 0)) {
            // The creating frames, innermost first, as CPython's cr_origin.
            std::vector<Value> frames;
            for (Frame* c = ts->m_frame; c && int(frames.size()) < ts->m_coro_origin_depth;
                 c = c->m_previous) {
                int32_t line = c->lineno();
                frames.push_back(Value(tuple_of({ Value(c->m_code->m_filename),
                    line > 0 ? int_from_i64(line) : none(), Value(c->m_code->m_name) })));
            }
            g->m_origin = Value(tuple_from(frames.data(), int64_t(frames.size())));
        }
    }
    // GC-15: closed at its death if it is then suspended in a try or with block; a coroutine
    // that dies never started warns that it was never awaited. Async generators are finalized by
    // the event loop (sys.set_asyncgen_hooks), as in CPython.
    if (t == &coroutine_type || (f->m_code->m_blockdepth > 0 && t != &async_generator_type))
        stm_register_finalizable(g);
    return Value(g);
}
} // namespace vm

void setup_generator_types()
{
    init_static_type(&generator_type, "generator", nullptr, sizeof(GenObject), 0, trace_gen);
    generator_type.m_iternext = gen_iternext;
    init_static_type(&coroutine_type, "coroutine", nullptr, sizeof(GenObject), 0, trace_gen);
    init_static_type(&async_generator_type, "async_generator", nullptr, sizeof(GenObject), 0, trace_gen);
    init_static_type(&coroutine_wrapper_type, "coroutine_wrapper", nullptr, sizeof(CoroWrapper), 0, trace_corowrapper);
    coroutine_wrapper_type.m_iternext = cw_iternext;
    init_static_type(&async_generator_asend_type, "async_generator_asend", nullptr, sizeof(ASend), 0, trace_asend);
    async_generator_asend_type.m_iternext = asend_iternext;
    init_static_type(&async_generator_athrow_type, "async_generator_athrow", nullptr, sizeof(AThrow), 0, trace_athrow);
    async_generator_athrow_type.m_iternext = athrow_iternext;
    init_static_type(&async_generator_wrapped_value_type, "async_generator_wrapped_value", nullptr, sizeof(WrappedValue),
        0, trace_wrapped);
}

void init_generator_types()
{
    add_methods(&generator_type, gen_methods);
    add_gen_getsets(&generator_type, "gi");
    add_methods(&coroutine_type, coro_methods);
    add_gen_getsets(&coroutine_type, "cr");
    add_getset(&coroutine_type, "cr_origin", [](Value self) -> Value {
        Value o = static_cast<GenObject*>(self.as_object())->m_origin;
        return o ? o : none();
    });
    add_methods(&coroutine_wrapper_type, cw_methods);
    add_methods(&async_generator_type, ag_methods);
    add_gen_getsets(&async_generator_type, "ag");
    add_methods(&async_generator_asend_type, asend_methods);
    add_methods(&async_generator_athrow_type, athrow_methods);
    // None of these can be created from Python, nor pickled or copied (CPython's null tp_new).
    for (Type* t : { &generator_type, &coroutine_type, &coroutine_wrapper_type,
             &async_generator_type, &async_generator_asend_type, &async_generator_athrow_type,
             &async_generator_wrapped_value_type })
        add_type_attr(t, "__new__", none());
}

} // namespace pystm

// The _thread module: threads, lock (LockType), RLock, _local, _ExceptHookArgs, the identity
// functions, stack_size, interrupt_main.
//
// Threads. start_new_thread creates an OS thread (pthread, with stack_size()'s size or 8 MiB)
// that attaches a ThreadState, which begins its first transaction (vm/transaction.h), runs the
// function, reports an exception other than SystemExit through sys.unraisablehook as CPython
// does, and detaches.
//
// Locks are transactional objects: acquiring a free lock is a write to it (THR-1). Waiting for
// a held one ends the transaction (vm::BlockingRegion) and sleeps on a futex word in the lock
// (m_wake), which every release increments; a waiter loads the word inside its transaction
// before testing the lock, so a release that happens after the test changes the word and the
// futex wait returns at once (THR-2). The wake words and waiter counts are wait-queue
// bookkeeping, not lock state: they are not transactional (principle 6). A signal interrupts
// the wait; the eval breaker then runs the Python signal handlers (main thread) or raises
// KeyboardInterrupt, and the lock is tested again.
//
// _local keeps one attribute dict per thread, in the thread's ThreadState::m_dict under the
// local's unique id. Attribute access looks the calling thread's dict up there and runs the
// generic attribute algorithm against it, without storing it anywhere in the shared object
// (THR-3): threads that use one local therefore share no written object and never conflict
// (pystm.local is this type, and threading.local is built on it).
//
// Invariants THR-1: a lock's state (m_locked; an RLock's m_owner and m_count) is read and
// written only after read_barrier / write_barrier on the lock; an RLock with m_count == 0 has
// m_owner == 0.
// THR-4: a release wakes the lock's waiters only once its transaction commits (or becomes
// inevitable), and asks the transaction to end at the thread's next restart point
// (wake_after_release).
// THR-3: a _local's builtin fields (m_id, m_args, m_kw) are set by __new__ and never written
// again; it has no dict slot (a heap subclass gets one, as in CPython, which only the generic
// object.__setattr__ uses): every attribute access finds the calling thread's dict in that
// thread's ThreadState::m_dict, so one thread never reads or writes another's dict.
#include "gc/heap.h"
#include "modules/builtin_modules.h"
#include "modules/signal_module.h"
#include "modules/structseq.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/float_object.h"
#include "objects/function_object.h"
#include "objects/int_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_internal.h"
#include "objects/type_object.h"
#include "objects/undo.h"
#include "vm/eval_breaker.h"
#include "vm/import.h"
#include "vm/stm_client.h"
#include "vm/traceback.h"
#include "vm/transaction.h"
#include <atomic>
#include <cerrno>
#include <climits>
#include <cmath>
#include <csignal>
#include <cstddef>
#include <ctime>
#include <link.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace pystm {

namespace {

Type lock_type { &type_type };
Type rlock_type { &type_type };
Type local_type { &type_type };
Type excepthook_args_type { &type_type };

// CPython's PY_TIMEOUT_MAX / 1e6 on Linux (the largest timeout, in seconds, a lock accepts).
constexpr double kTimeoutMax = 9223372036.0;

// Wait-queue bookkeeping shared by lock and RLock (THR-2); not transactional.
struct WaitWord {
    std::atomic<uint32_t> m_wake { 0 };
    std::atomic<uint32_t> m_waiters { 0 };
    // THR-4: another thread has waited for the lock, or met it held by an attempt (a hint,
    // never cleared: bookkeeping like the words above, not lock state).
    std::atomic<bool> m_contended { false };
};

struct LockObject : Object {
    bool m_locked = false;
    WaitWord m_wait;
    explicit LockObject(Type* t) : Object(t) { }
};

struct RLockObject : Object {
    uint64_t m_owner = 0; // get_ident() of the owner, 0 when unowned (THR-1)
    uint64_t m_count = 0;
    WaitWord m_wait;
    explicit RLockObject(Type* t) : Object(t) { }
};

struct LocalObject : Object {
    uint64_t m_id = 0; // key of this local's dicts in the threads' ThreadState::m_dict
    Value m_args; // tuple of the constructor's arguments, for __init__ in other threads
    Value m_kw; // dict or null
    explicit LocalObject(Type* t) : Object(t) { }
};

void trace_local(Object* o, gc::Tracer& t)
{
    auto* l = static_cast<LocalObject*>(o);
    t.visit(l->m_args);
    t.visit(l->m_kw);
}

std::atomic<uint64_t> s_next_local_id { 1 };
std::atomic<int64_t> s_thread_count { 0 }; // threads started by start_new_thread still running

uint64_t current_ident() { return static_cast<uint64_t>(pthread_self()); }

int64_t now_ns()
{
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

// Seconds to wait from acquire()'s (blocking, timeout) arguments: -1 means forever.
double parse_timeout(Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[2];
    parse_args("acquire", args, nargs, kw, { "blocking", "timeout" }, 0, a);
    bool blocking = a[0] ? py_truthy(a[0]) : true;
    double timeout = -1;
    if (a[1]) {
        if (is_float(a[1]))
            timeout = float_value(a[1]);
        else
            timeout = static_cast<double>(py_index_i64(a[1]));
        if (std::isnan(timeout))
            raise(&exc::ValueError, "Invalid value NaN (not a number)");
        if (!(std::fabs(timeout) * 1e9 < 9.2233720368547758e18))
            raise(&exc::OverflowError, "timestamp out of range for platform time_t");
    }
    if (!blocking && timeout != -1)
        raise(&exc::ValueError, "can't specify a timeout for a non-blocking call");
    if (timeout < 0 && timeout != -1)
        raise(&exc::ValueError, "timeout value must be positive");
    if (!blocking)
        return 0;
    if (timeout > kTimeoutMax)
        raise(&exc::OverflowError, "timeout value is too large");
    return timeout;
}

void wake_waiters(WaitWord& w)
{
    w.m_wake.fetch_add(1, std::memory_order_seq_cst);
    if (w.m_waiters.load(std::memory_order_seq_cst))
        syscall(SYS_futex, reinterpret_cast<uint32_t*>(&w.m_wake), FUTEX_WAKE_PRIVATE, INT_MAX, nullptr, nullptr, 0);
}

WaitWord& wait_word_of(Object* o);

// THR-4: a release reaches other threads when its transaction commits: until then the lock
// object belongs to the releasing attempt, and a thread that acquires the lock, even a free one,
// waits for that attempt or, if it is inevitable (as every thread is after a blocking call),
// kills it; the releaser then runs again from its last restart point. A thread that released a
// lock and went on into a long computation in the same attempt (a starting thread: its
// Event.set() and the `with _active_limbo_lock:` of threading's bootstrap, then the thread's
// work) lost that work to the starting thread's next acquire, again and again. So the release
// of a lock that other threads wait for, or have met held by an attempt (m_contended), asks the
// transaction to end at the thread's next restart point, and the waiters it wakes are woken
// when it commits: woken before, they would only find the lock still held by the attempt. The
// release of a lock only its thread uses ends nothing: `with lock:` in a loop would otherwise
// commit once per iteration (2.5 times as slow). A release that nobody waits for only counts
// the release at once (THR-2).
void wake_after_release(Object* lock, WaitWord& w)
{
    bool waited = w.m_waiters.load(std::memory_order_seq_cst) != 0;
    if (!g_stm_active || !stm::in_transaction()) {
        wake_waiters(w);
        return;
    }
    if (waited || w.m_contended.load(std::memory_order_relaxed))
        vm::stm_request_commit_soon(tstate());
    if (!waited)
        wake_waiters(w);
    else
        vm::stm_on_commit(lock, [](Object* o) { wake_waiters(wait_word_of(o)); });
}

// THR-4: notes that [o], a lock, is held by another thread's attempt (its STM word names an
// owner that is not the running attempt; a stale word of an ended one counts too, harmlessly).
void note_if_contended(Object* o, WaitWord& w)
{
    uint64_t word = o->m_stm.load(std::memory_order_relaxed);
    if (stm::word_owned(word) && !stm::write_fast(o)
        && !w.m_contended.load(std::memory_order_relaxed))
        w.m_contended.store(true, std::memory_order_relaxed);
}

// Waits until [ready]() is true or [timeout] seconds passed (-1: no limit); true if ready.
// The sleep happens outside the transaction, on [w]'s futex word (THR-2).
template <class Ready> bool wait_until(WaitWord& w, double timeout, Ready ready)
{
    if (ready())
        return true;
    if (timeout == 0)
        return false;
    // TX-3: inside pystm.atomic no other thread runs until the block ends, so nobody could
    // release the lock: waiting would hang for ever.
    if (tstate()->m_atomic_depth > 0)
        raise(&exc::RuntimeError, "cannot wait for a lock held by another thread inside a pystm.atomic block");
    int64_t deadline = timeout < 0 ? INT64_MAX : now_ns() + static_cast<int64_t>(timeout * 1e9);
    for (;;) {
        uint32_t seen = w.m_wake.load(std::memory_order_seq_cst);
        // A signal marked pending while this thread slept without being woken by it (one
        // simulated by _thread.interrupt_main(), or delivered to another thread) is handled as
        // CPython handles it after the call returns: with the lock already taken, so that the
        // caller's `finally` or `with` that releases it stays right.
        if (ready()) {
            signal_check_interrupt();
            return true;
        }
        int64_t left = deadline == INT64_MAX ? int64_t(3600) * 1000000000 : deadline - now_ns();
        if (left <= 0) {
            signal_check_interrupt();
            return false;
        }
        timespec ts { static_cast<time_t>(left / 1000000000), static_cast<long>(left % 1000000000) };
        int r, err;
        {
            vm::BlockingRegion region;
            w.m_contended.store(true, std::memory_order_relaxed); // THR-4
            w.m_waiters.fetch_add(1, std::memory_order_seq_cst);
            r = static_cast<int>(syscall(SYS_futex, reinterpret_cast<uint32_t*>(&w.m_wake), FUTEX_WAIT_PRIVATE, seen, &ts, nullptr, 0));
            err = errno;
            w.m_waiters.fetch_sub(1, std::memory_order_seq_cst);
        }
        if (r != 0 && err == EINTR) {
            if (ThreadState* st = tstate())
                vm::poll_eval_breaker(st);
        }
    }
}

LockObject* as_lock(Value v)
{
    if (!v.is_object() || !v.as_object()->m_type->is_subtype(&lock_type))
        raise(&exc::TypeError, "descriptor requires a '_thread.lock' object but received a '%s'", type_name(v).c_str());
    return v.as<LockObject>();
}

RLockObject* as_rlock(Value v)
{
    if (!v.is_object() || !v.as_object()->m_type->is_subtype(&rlock_type))
        raise(&exc::TypeError, "descriptor requires a '_thread.RLock' object but received a '%s'", type_name(v).c_str());
    return v.as<RLockObject>();
}

WaitWord& wait_word_of(Object* o)
{
    if (o->m_type->is_subtype(&lock_type))
        return static_cast<LockObject*>(o)->m_wait;
    return static_cast<RLockObject*>(o)->m_wait;
}

bool lock_try(LockObject* l)
{
    if (g_stm_active)
        note_if_contended(l, l->m_wait);
    read_barrier(l);
    if (l->m_locked)
        return false;
    write_barrier(l);
    l->m_locked = true;
    return true;
}

std::string address_of(Value v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%p", static_cast<void*>(v.as_object()));
    return buf;
}

// --- lock ----------------------------------------------------------------------------------------

Value lock_new(Value, Value const*, size_t, TupleObject*)
{
    raise(&exc::TypeError, "cannot create '_thread.lock' instances");
}

Value lock_acquire(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    LockObject* l = as_lock(self);
    double timeout = parse_timeout(args, nargs, kw);
    return py_bool(wait_until(l->m_wait, timeout, [l] { return lock_try(l); }));
}

Value lock_enter(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__enter__", nargs, kw, 0, 0);
    LockObject* l = as_lock(self);
    return py_bool(wait_until(l->m_wait, -1, [l] { return lock_try(l); }));
}

Value lock_release(Value self, Value const*, size_t, TupleObject*)
{
    // __exit__ shares this function and ignores its arguments, as CPython's does.
    LockObject* l = as_lock(self);
    read_barrier(l);
    if (!l->m_locked)
        raise(&exc::RuntimeError, "release unlocked lock");
    write_barrier(l);
    l->m_locked = false;
    wake_after_release(l, l->m_wait); // THR-4
    return none();
}

Value lock_locked(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("locked", nargs, kw, 0, 0);
    LockObject* l = as_lock(self);
    read_barrier(l);
    return py_bool(l->m_locked);
}

Value lock_at_fork_reinit(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("_at_fork_reinit", nargs, kw, 0, 0);
    LockObject* l = as_lock(self);
    write_barrier(l);
    l->m_locked = false;
    return none();
}

Value lock_repr(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__repr__", nargs, kw, 0, 0);
    LockObject* l = as_lock(self);
    read_barrier(l);
    std::string s = std::string("<") + (l->m_locked ? "locked" : "unlocked") + " " + type_of(self)->m_tp_name
        + " object at " + address_of(self) + ">";
    return str_from_utf8(s);
}

// --- RLock ---------------------------------------------------------------------------------------

Value rlock_new(Value, Value const* args, size_t nargs, TupleObject*)
{
    if (nargs < 1 || !is_type(args[0]) || !args[0].as<Type>()->is_subtype(&rlock_type))
        raise(&exc::TypeError, "RLock.__new__(X): X is not a subtype of _thread.RLock");
    return gc::make<RLockObject>(args[0].as<Type>());
}

bool rlock_try(RLockObject* r, uint64_t me)
{
    if (g_stm_active)
        note_if_contended(r, r->m_wait);
    read_barrier(r);
    if (r->m_count && r->m_owner != me)
        return false;
    if (r->m_count == UINT64_MAX)
        raise(&exc::OverflowError, "Internal lock count overflowed");
    write_barrier(r);
    r->m_owner = me;
    r->m_count++;
    return true;
}

Value rlock_acquire(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    RLockObject* r = as_rlock(self);
    double timeout = parse_timeout(args, nargs, kw);
    uint64_t me = current_ident();
    return py_bool(wait_until(r->m_wait, timeout, [r, me] { return rlock_try(r, me); }));
}

Value rlock_release(Value self, Value const*, size_t, TupleObject*)
{
    RLockObject* r = as_rlock(self);
    read_barrier(r);
    if (r->m_count == 0 || r->m_owner != current_ident())
        raise(&exc::RuntimeError, "cannot release un-acquired lock");
    write_barrier(r);
    if (--r->m_count == 0) {
        r->m_owner = 0;
        wake_after_release(r, r->m_wait); // THR-4
    }
    return none();
}

Value rlock_is_owned(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("_is_owned", nargs, kw, 0, 0);
    RLockObject* r = as_rlock(self);
    read_barrier(r);
    return py_bool(r->m_count && r->m_owner == current_ident());
}

Value rlock_recursion_count(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("_recursion_count", nargs, kw, 0, 0);
    RLockObject* r = as_rlock(self);
    read_barrier(r);
    return int_from_u64(r->m_owner == current_ident() ? r->m_count : 0);
}

Value rlock_release_save(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("_release_save", nargs, kw, 0, 0);
    RLockObject* r = as_rlock(self);
    read_barrier(r);
    if (r->m_count == 0)
        raise(&exc::RuntimeError, "cannot release un-acquired lock");
    Value state = tuple_of({ int_from_u64(r->m_count), int_from_u64(r->m_owner) });
    write_barrier(r);
    r->m_count = 0;
    r->m_owner = 0;
    wake_after_release(r, r->m_wait); // THR-4
    return state;
}

Value rlock_acquire_restore(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("_acquire_restore", nargs, kw, 1, 1);
    RLockObject* r = as_rlock(self);
    if (!is_tuple(args[0]))
        raise(&exc::TypeError, "_acquire_restore() argument must be tuple, not %s", type_name(args[0]).c_str());
    TupleObject* t = args[0].as<TupleObject>();
    if (t->m_size != 2)
        raise(&exc::TypeError, "_acquire_restore() argument must be a 2-tuple");
    uint64_t count = static_cast<uint64_t>(py_index_i64(t->item(0)));
    uint64_t owner = static_cast<uint64_t>(py_index_i64(t->item(1)));
    wait_until(r->m_wait, -1, [r] {
        read_barrier(r);
        return r->m_count == 0;
    });
    write_barrier(r);
    r->m_owner = count ? owner : 0;
    r->m_count = count;
    return none();
}

Value rlock_at_fork_reinit(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("_at_fork_reinit", nargs, kw, 0, 0);
    RLockObject* r = as_rlock(self);
    write_barrier(r);
    r->m_owner = 0;
    r->m_count = 0;
    return none();
}

Value rlock_repr(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__repr__", nargs, kw, 0, 0);
    RLockObject* r = as_rlock(self);
    read_barrier(r);
    Type* t = type_of(self);
    // CPython prints tp_name: "_thread.RLock" for the builtin type, the bare __name__ for subclasses.
    std::string name = t->has_flag(TF_HEAPTYPE) ? str_utf8(t->m_name) : std::string(t->m_tp_name);
    std::string s = std::string("<") + (r->m_count ? "locked" : "unlocked") + " " + name + " object owner="
        + std::to_string(r->m_owner) + " count=" + std::to_string(r->m_count) + " at " + address_of(self) + ">";
    return str_from_utf8(s);
}

// --- _local --------------------------------------------------------------------------------------

// The calling thread's dict of _local dicts (ThreadState::m_dict), created on first use.
DictObject* thread_locals_dict(ThreadState* ts)
{
    if (!ts->m_dict) {
        // The thread state lives outside the heap, so an abort would not take this pointer back:
        // the re-run would find the dicts (and the attributes) that the aborted attempt stored
        // in a dict nobody undoes. Once per thread, the transaction becomes inevitable first.
        vm::transaction_irreversible();
        ts->m_dict = dict_new();
    }
    return ts->m_dict;
}

// The calling thread's attribute dict of [l]: created on the thread's first use, and __init__
// re-run then for a subclass that defines one. Writes only the thread's own dicts (THR-3).
DictObject* local_thread_dict(LocalObject* l)
{
    DictObject* all = thread_locals_dict(tstate());
    // m_id never changes after __new__ (THR-3): no barrier, so reading it conflicts with nothing.
    Value key = int_from_u64(l->m_id);
    if (Value d = dict_get(all, key))
        return d.as<DictObject>();
    DictObject* fresh = dict_new();
    dict_set(all, key, Value(fresh));
    Type* cls = l->m_type;
    Value init = type_lookup(cls, names::__init__);
    if (init != type_lookup(&object_type, names::__init__)) {
        Value args = l->m_args ? l->m_args : Value(tuple_new(0));
        try {
            Value bound = py_getattr(Value(l), names::__init__);
            py_call_ex(bound, args.as<TupleObject>(), l->m_kw ? l->m_kw.as<DictObject>() : nullptr);
        } catch (PyError&) {
            // As CPython: the thread gets no dict, so its next access runs __init__ again.
            dict_pop(all, key);
            throw;
        }
    }
    return fresh;
}

LocalObject* as_local(Value v)
{
    if (!v.is_object() || !v.as_object()->m_type->is_subtype(&local_type))
        raise(&exc::TypeError, "descriptor requires a '_thread._local' object but received a '%s'", type_name(v).c_str());
    return v.as<LocalObject>();
}

Value local_new(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    if (nargs < 1 || !is_type(args[0]) || !args[0].as<Type>()->is_subtype(&local_type))
        raise(&exc::TypeError, "_local.__new__(X): X is not a subtype of _thread._local");
    Type* cls = args[0].as<Type>();
    if (nargs > 1 || (kw && kw->m_size)) {
        // Arguments are allowed only when a subclass's __init__ will consume them.
        if (type_lookup(cls, names::__init__) == type_lookup(&object_type, names::__init__))
            raise(&exc::TypeError, "Initialization arguments are not supported");
    }
    LocalObject* l = gc::make<LocalObject>(cls);
    l->m_id = s_next_local_id.fetch_add(1, std::memory_order_relaxed);
    l->m_args = tuple_from(args + 1, static_cast<int64_t>(nargs) - 1);
    if (kw && kw->m_size) {
        DictObject* kwd = dict_new();
        for (int64_t i = 0; i < kw->m_size; i++)
            dict_set(kwd, kw->item(i), args[nargs + static_cast<size_t>(i)]);
        l->m_kw = Value(kwd);
    }
    // The creating thread's dict exists from the start; its __init__ is run by the type call.
    dict_set(thread_locals_dict(tstate()), int_from_u64(l->m_id), Value(dict_new()));
    return l;
}

Value local_dict(Value self) { return Value(local_thread_dict(as_local(self))); }

// The attribute name of a _local access; [writing]: __dict__ itself cannot be replaced or deleted.
StrObject* local_attr_name(Value self, Value name, bool writing)
{
    if (!is_str(name))
        raise(&exc::TypeError, "attribute name must be string, not '%s'", type_name(name).c_str());
    if (writing && str_eq(name.as<StrObject>(), names::__dict__))
        raise(&exc::AttributeError, "'%s' object attribute '__dict__' is read-only", type_name(self).c_str());
    return name.as<StrObject>();
}

// object.__getattribute__ with the calling thread's dict in place of the instance dict: data
// descriptors of the type (slots, properties, __dict__, __class__) first, then the thread's
// dict, then the other class attributes.
Value local_getattribute(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__getattribute__", nargs, kw, 1, 1);
    LocalObject* l = as_local(self);
    StrObject* name = local_attr_name(self, args[0], false);
    DictObject* d = local_thread_dict(l);
    // A heap subclass has a __dict__ descriptor of its own for its dict slot: the thread's dict
    // takes precedence, as in CPython.
    if (name == names::__dict__ || str_eq(name, names::__dict__))
        return Value(d);
    Type* t = l->m_type;
    Value descr = type_lookup(t, name);
    if (descr) {
        Type* dt = type_of(descr);
        if (dt != &function_type && dt != &method_descriptor_type && dt != &wrapper_descriptor_type
            && is_data_descriptor(descr))
            return descr_get(descr, self, t);
    }
    if (Value v = dict_get_str(d, name))
        return v;
    if (descr)
        return descr_get(descr, self, t);
    raise_no_attribute(self, name);
}

// object.__setattr__ / __delattr__ ([v] null) with the calling thread's dict (see above).
void local_store(Value self, Value name_value, Value v)
{
    LocalObject* l = as_local(self);
    StrObject* name = local_attr_name(self, name_value, true);
    DictObject* d = local_thread_dict(l);
    Value descr = type_lookup(l->m_type, name);
    if (descr && descr_set(descr, self, v))
        return;
    if (v) {
        dict_set_str(d, name, v);
        return;
    }
    if (!dict_pop(d, name))
        raise_no_attribute(self, name);
}

Value local_setattr(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__setattr__", nargs, kw, 2, 2);
    local_store(self, args[0], args[1]);
    return none();
}

Value local_delattr(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("__delattr__", nargs, kw, 1, 1);
    local_store(self, args[0], Value());
    return none();
}

// --- module functions ----------------------------------------------------------------------------

Value th_allocate_lock(Value, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("allocate_lock", nargs, kw, 0, 0);
    return gc::make<LockObject>(&lock_type);
}

Value th_get_ident(Value, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("get_ident", nargs, kw, 0, 0);
    return int_from_u64(current_ident());
}

Value th_get_native_id(Value, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("get_native_id", nargs, kw, 0, 0);
    return int_from_i64(static_cast<int64_t>(syscall(SYS_gettid)));
}

Value th_count(Value, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("_count", nargs, kw, 0, 0);
    return int_from_i64(s_thread_count.load(std::memory_order_relaxed));
}

int64_t s_stack_size = 0;

Value th_stack_size(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("stack_size", nargs, kw, 0, 1);
    int64_t size = nargs ? py_index_i64(args[0]) : 0;
    if (size < 0)
        raise(&exc::ValueError, "size must be 0 or a positive value");
    if (size != 0 && size < 32768)
        raise(&exc::ValueError, "size not valid: %lld bytes", static_cast<long long>(size));
    // C++ state, which an abort would not put back: the transaction becomes inevitable first.
    vm::transaction_irreversible();
    int64_t old = s_stack_size;
    s_stack_size = size;
    return int_from_i64(old);
}

// The stack a new thread gets for a requested size of [requested] bytes (0: the 8 MiB default).
// glibc carves the static thread-local storage out of the thread's stack, and pystm's (the
// interpreter's per-thread caches) is a few hundred KiB, which alone would not fit in a small
// request such as threading.stack_size(256 * 1024); the recursion guard also keeps a reserve
// at the end of every stack (vm/thread_state.cpp). Both are added to a request, so the thread
// has at least the requested stack for itself.
size_t thread_stack_bytes(int64_t requested)
{
    static size_t const s_tls = [] {
        size_t total = 0;
        dl_iterate_phdr(
            [](dl_phdr_info* info, size_t, void* data) {
                for (int i = 0; i < info->dlpi_phnum; i++)
                    if (info->dlpi_phdr[i].p_type == PT_TLS)
                        *static_cast<size_t*>(data)
                            += info->dlpi_phdr[i].p_memsz + info->dlpi_phdr[i].p_align;
                return 0;
            },
            &total);
        return total;
    }();
    if (requested == 0)
        return size_t(8) << 20;
    size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
    size_t bytes = static_cast<size_t>(requested) + s_tls + kStackReserve;
    return (bytes + page - 1) / page * page;
}

// What a new thread needs from its creator; the Roots keep the callable and its arguments alive
// until the thread holds them in its own stack.
struct ThreadBoot {
    gc::Root<> m_func, m_args, m_kwargs;
    ThreadBoot(Value f, Value a, Value k) : m_func(f), m_args(a), m_kwargs(k) { }
};

void* thread_main(void* arg)
{
    // Asynchronous signals go to the main thread, which runs the Python handlers (CPython's
    // rule) and whose blocking waits they interrupt.
    sigset_t set;
    sigfillset(&set);
    for (int sig : { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP, SIGSYS })
        sigdelset(&set, sig);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    int stack_marker = 0;
    thread_state_attach(&stack_marker); // begins the thread's first transaction
    vm::note_thread_starting(-1); // registered now (TX-5)
    auto* boot = static_cast<ThreadBoot*>(arg);
    Value func = boot->m_func.get(), args = boot->m_args.get(), kwargs = boot->m_kwargs.get();
    delete boot;
    try {
        py_call_ex(func, args.as<TupleObject>(), kwargs ? kwargs.as<DictObject>() : nullptr);
    } catch (PyError&) {
        Value e = take_exception();
        if (!isinstance(e, &exc::SystemExit))
            write_unraisable(e, "in thread started by", func); // as CPython
    }
    // The thread is over for threading's join(): release its sentinel lock.
    ThreadState* ts = tstate();
    if (ts->m_sentinel) {
        auto* l = ts->m_sentinel.as<LockObject>();
        ts->m_sentinel = Value();
        read_barrier(l);
        if (l->m_locked) {
            write_barrier(l);
            l->m_locked = false;
            wake_after_release(l, l->m_wait); // THR-4: ends with the thread's last transaction
        }
    }
    s_thread_count.fetch_sub(1, std::memory_order_relaxed);
    thread_state_detach(); // ends the last transaction
    return nullptr;
}

Value th_start_new_thread(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    if (kw && kw->m_size)
        raise(&exc::TypeError, "start_new_thread() takes no keyword arguments");
    if (nargs < 2 || nargs > 3)
        raise(&exc::TypeError, "start_new_thread expected at %s %d argument%s, got %zu", nargs < 2 ? "least" : "most",
            nargs < 2 ? 2 : 3, "s", nargs);
    if (!py_callable(args[0]))
        raise(&exc::TypeError, "first arg must be callable");
    if (!is_tuple(args[1]))
        raise(&exc::TypeError, "2nd arg must be a tuple");
    if (nargs == 3 && !is_dict(args[2]))
        raise(&exc::TypeError, "optional 3rd arg must be a dictionary");
    vm::engage_parallel_transactions(tstate()); // parallel mode: STM on before a second thread
    vm::transaction_irreversible(); // the new thread cannot be un-started
    auto* boot = new ThreadBoot(args[0], args[1], nargs == 3 ? args[2] : Value());
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, thread_stack_bytes(s_stack_size));
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_t th;
    s_thread_count.fetch_add(1, std::memory_order_relaxed);
    vm::note_thread_starting(+1); // TX-5: the STM stays on until the thread has registered
    int r = pthread_create(&th, &attr, thread_main, boot);
    pthread_attr_destroy(&attr);
    if (r != 0) {
        vm::note_thread_starting(-1);
        s_thread_count.fetch_sub(1, std::memory_order_relaxed);
        delete boot;
        raise(&exc::RuntimeError, "can't start new thread");
    }
    return int_from_u64(static_cast<uint64_t>(th));
}

Value th_exit(Value, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("exit", nargs, kw, 0, 0);
    raise_value(Value(&exc::SystemExit));
}

Value th_interrupt_main(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[1];
    parse_args("interrupt_main", args, nargs, kw, { "signum" }, 0, a);
    int64_t signum = a[0] ? py_index_i64(a[0]) : SIGINT;
    if (signum < 1 || signum >= 65)
        raise(&exc::ValueError, "signal number out of range");
    // As CPython: a signal whose handler is SIG_DFL or SIG_IGN is not simulated. Otherwise it
    // is marked pending as if it had arrived (no signal is sent: other threads block them), and
    // the main thread's eval breaker runs the Python handler (or raises KeyboardInterrupt).
    Value sigmod = import_module("_signal");
    Value argv[1] = { Value::small_int(signum) };
    Value handler = py_call(py_getattr(sigmod, str_from_ascii("getsignal")), argv, 1);
    if (handler.is_small_int() && (handler.as_small_int() == 0 || handler.as_small_int() == 1))
        return none();
    vm::transaction_irreversible(); // the mark cannot be rolled back: never simulate twice
    signal_simulate(static_cast<int>(signum));
    // CPython checks the eval breaker right after a call returns: called in the main thread,
    // the handler runs (or KeyboardInterrupt is raised) before the caller's next statement.
    signal_check_interrupt();
    return none();
}

Value th_set_sentinel(Value, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("_set_sentinel", nargs, kw, 0, 0);
    LockObject* l = gc::make<LockObject>(&lock_type);
    tstate()->m_sentinel = Value(l);
    return l;
}

Value th_daemon_threads_allowed(Value, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("daemon_threads_allowed", nargs, kw, 0, 0);
    return py_bool(true);
}

Value th_excepthook(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("_excepthook", nargs, kw, 1, 1);
    Value a = args[0];
    if (type_of(a) != &excepthook_args_type)
        raise(&exc::TypeError, "_thread.excepthook argument type must be ExceptHookArgs");
    TupleObject* t = a.as<TupleObject>();
    Value exc_type = t->item(0), exc_value = t->item(1), thread = t->item(3);
    if (exc_type.is_object() && exc_type.as_object() == static_cast<Object*>(&exc::SystemExit))
        return none(); // silently ignored, as CPython does
    Value err = sys_get("stderr");
    if (!err || is_none(err)) {
        if (is_none(thread))
            return none();
        err = py_getattr_opt(thread, str_from_ascii("_stderr"));
        if (!err || is_none(err))
            return none();
    }
    std::string head = "Exception in thread ";
    Value name = is_none(thread) ? Value() : py_getattr_opt(thread, names::name);
    if (name && !is_none(name))
        head += str_utf8(py_str(name));
    else
        head += std::to_string(current_ident());
    head += ":\n";
    Value text(str_from_utf8(head));
    py_call_method(err, names::write, &text, 1);
    py_call_method(err, str_from_ascii("flush"), nullptr, 0);
    if (!is_none(exc_value) && isinstance(exc_value, &exc::BaseException))
        print_exception(exc_value, err);
    py_call_method(err, str_from_ascii("flush"), nullptr, 0);
    return none();
}

MethodDef const lock_methods[] = {
    { "__new__", lock_new, METH_STATIC },
    { "acquire", lock_acquire, METH_DEFAULT,
        "acquire(blocking=True, timeout=-1) -> bool\n(acquire_lock() is an obsolete synonym)\n\nLock the lock." },
    { "acquire_lock", lock_acquire },
    { "__enter__", lock_enter },
    { "release", lock_release, METH_DEFAULT, "release()\n(release_lock() is an obsolete synonym)\n\nRelease the lock." },
    { "release_lock", lock_release },
    { "__exit__", lock_release },
    { "locked", lock_locked, METH_DEFAULT, "locked() -> bool\n(locked_lock() is an obsolete synonym)\n\nTell whether the lock is locked." },
    { "locked_lock", lock_locked },
    { "_at_fork_reinit", lock_at_fork_reinit },
    { "__repr__", lock_repr },
    { nullptr, nullptr },
};

MethodDef const rlock_methods[] = {
    { "__new__", rlock_new, METH_STATIC },
    { "acquire", rlock_acquire },
    { "__enter__", rlock_acquire },
    { "release", rlock_release },
    { "__exit__", rlock_release },
    { "_is_owned", rlock_is_owned },
    { "_recursion_count", rlock_recursion_count },
    { "_release_save", rlock_release_save },
    { "_acquire_restore", rlock_acquire_restore },
    { "_at_fork_reinit", rlock_at_fork_reinit },
    { "__repr__", rlock_repr },
    { nullptr, nullptr },
};

MethodDef const local_methods[] = {
    { "__new__", local_new, METH_STATIC },
    { "__getattribute__", local_getattribute },
    { "__setattr__", local_setattr },
    { "__delattr__", local_delattr },
    { nullptr, nullptr },
};

MethodDef const module_methods[] = {
    { "allocate_lock", th_allocate_lock, METH_DEFAULT, "allocate_lock() -> lock object\n(allocate() is an obsolete synonym)\n\nCreate a new lock object. See help(type(threading.Lock())) for\ninformation about locks." },
    { "allocate", th_allocate_lock },
    { "get_ident", th_get_ident },
    { "get_native_id", th_get_native_id },
    { "_count", th_count },
    { "stack_size", th_stack_size },
    { "start_new_thread", th_start_new_thread },
    { "start_new", th_start_new_thread },
    { "exit", th_exit },
    { "exit_thread", th_exit },
    { "interrupt_main", th_interrupt_main },
    { "_set_sentinel", th_set_sentinel },
    { "daemon_threads_allowed", th_daemon_threads_allowed },
    { "_excepthook", th_excepthook },
    { nullptr, nullptr },
};

char const* const excepthook_fields[] = { "exc_type", "exc_value", "exc_traceback", "thread", nullptr };
StructSeqDesc const excepthook_desc { "_thread", "_ExceptHookArgs", excepthook_fields, 4, true, "ExceptHookArgs\n\nType used to pass arguments to threading.excepthook." };

// Undo records of lock and RLock (objects/undo.h): the lock state of THR-1 only. The wait words
// are not transactional (THR-2): waiters outside any transaction change m_waiters while a
// transaction holds the lock object, and a release's m_wake increment must never be taken back
// (a waiter that loaded the incremented word would sleep through the next release). A byte copy
// of the whole object would put both back on abort.
void* lock_undo_save(Object* o, Type*)
{
    return reinterpret_cast<void*>(uintptr_t(static_cast<LockObject*>(o)->m_locked));
}
void lock_undo_restore(Object* o, Type*, void* r)
{
    static_cast<LockObject*>(o)->m_locked = reinterpret_cast<uintptr_t>(r) != 0;
}
void lock_undo_drop(void*) { }
void lock_undo_trace(void*, gc::Tracer&) { }
StmUndoOps const s_lock_undo { lock_undo_save, lock_undo_restore, lock_undo_drop, lock_undo_trace, sizeof(LockObject) };

struct RLockUndo {
    uint64_t owner, count;
};
void* rlock_undo_save(Object* o, Type*)
{
    auto* r = static_cast<RLockObject*>(o);
    return new RLockUndo { r->m_owner, r->m_count };
}
void rlock_undo_restore(Object* o, Type*, void* rec)
{
    auto* r = static_cast<RLockObject*>(o);
    auto* u = static_cast<RLockUndo*>(rec);
    r->m_owner = u->owner;
    r->m_count = u->count;
}
void rlock_undo_drop(void* rec) { delete static_cast<RLockUndo*>(rec); }
// A subclass's __dict__ pointer and __slots__ lie past sizeof(RLockObject): the client byte
// copies them.
StmUndoOps const s_rlock_undo { rlock_undo_save, rlock_undo_restore, rlock_undo_drop, lock_undo_trace, sizeof(RLockObject) };

} // namespace

void setup_thread_types()
{
    init_static_type(&lock_type, "_thread.lock", nullptr, sizeof(LockObject), TF_WEAKREFABLE);
    init_static_type(
        &rlock_type, "_thread.RLock", nullptr, sizeof(RLockObject), TF_BASETYPE | TF_WEAKREFABLE);
    lock_type.m_stm_undo = &s_lock_undo;
    rlock_type.m_stm_undo = &s_rlock_undo;
    init_static_type(&local_type, "_thread._local", nullptr, sizeof(LocalObject),
        TF_BASETYPE | TF_WEAKREFABLE, trace_local);
    // Only a subclass's __slots__ are ever written (THR-3); plain data, so a byte copy undoes it.
    local_type.m_stm_undo = &g_plain_undo;
    structseq_setup(&excepthook_args_type, &excepthook_desc);
}

void init_thread_types()
{
    add_methods(&lock_type, lock_methods);
    add_methods(&rlock_type, rlock_methods);
    add_methods(&local_type, local_methods);
    add_getset(&local_type, "__dict__", local_dict);
    structseq_init(&excepthook_args_type);
}

ModuleObject* init_thread_module()
{
    ModuleObject* m = module_new("_thread");
    DictObject* d = m->m_dict;
    dict_set_str(d, names::__doc__, str_from_ascii("This module provides primitive operations to write multi-threaded programs.\nThe 'threading' module provides a more convenient interface."));
    for (MethodDef const* def = module_methods; def->name; def++)
        dict_set_cstr(d, def->name, builtin_function_new(def, m));
    dict_set_cstr(d, "LockType", &lock_type);
    dict_set_cstr(d, "RLock", &rlock_type);
    dict_set_cstr(d, "_local", &local_type);
    dict_set_cstr(d, "_ExceptHookArgs", &excepthook_args_type);
    dict_set_cstr(d, "error", Value(&exc::RuntimeError));
    dict_set_cstr(d, "TIMEOUT_MAX", float_new(kTimeoutMax));
    return m;
}

} // namespace pystm

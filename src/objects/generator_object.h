// Generators, coroutines and async generators: objects that own a suspended heap frame.
//
// All three share GenObject; m_type tells them apart. The frame (vm/frame.h) is created by the
// call and runs only when the object is resumed (send/__next__/throw/close, or the
// interpreter's FOR_ITER / SEND fast paths, which resume generator frames inside the running
// loop without C++ recursion).
// Invariant GEN-1: m_state == GEN_RUNNING exactly while the frame is on some thread's frame
// chain; while running, m_exc_state is linked into that thread's handled-exception stack.
// Invariant GEN-2: m_frame is null exactly when m_state == GEN_COMPLETED, so a finished
// generator keeps nothing its frame named alive (CPython clears a finished generator's frame).
#pragma once

#include "objects/object.h"
#include "vm/thread_state.h"

namespace pystm {

struct StrObject;
struct CodeObject;
namespace vm {
struct Frame;
}

enum GenState : uint8_t { GEN_CREATED, GEN_SUSPENDED, GEN_RUNNING, GEN_COMPLETED };

struct GenObject : Object {
    vm::Frame* m_frame = nullptr; // null once completed (GEN-2)
    CodeObject* m_code = nullptr;
    StrObject* m_name = nullptr;
    StrObject* m_qualname = nullptr;
    ExcInfo m_exc_state; // this generator's handled exception while suspended (GEN-1)
    uint8_t m_state = GEN_CREATED;
    // Async generators: an asend/athrow awaitable is running (ag_running), and aclose() or
    // exhaustion has happened (later athrow/asend raise StopAsyncIteration immediately).
    bool m_running_async = false;
    bool m_ag_closed = false;
    // Async generators: sys.set_asyncgen_hooks()'s firstiter has been called for it (on its
    // first __anext__/asend/athrow/aclose, as CPython's async_gen_init_hooks).
    bool m_ag_hooks_inited = false;
    // Coroutines: cr_origin, the (filename, lineno, function) of the frames that created it when
    // origin tracking was on (sys.set_coroutine_origin_tracking_depth); null otherwise.
    Value m_origin;
    explicit GenObject(Type* t) : Object(t) { }
};

extern Type generator_type;
extern Type coroutine_type;
extern Type async_generator_type;
extern Type coroutine_wrapper_type; // what coroutine.__await__() returns
extern Type async_generator_asend_type;
extern Type async_generator_athrow_type;
extern Type async_generator_wrapped_value_type; // ASYNC_GEN_WRAP's marker for yielded values

inline bool is_generator(Value v) { return v.is_object() && v.as_object()->m_type == &generator_type; }
inline bool is_coroutine(Value v) { return v.is_object() && v.as_object()->m_type == &coroutine_type; }
inline bool is_async_generator(Value v) { return v.is_object() && v.as_object()->m_type == &async_generator_type; }

// Result of resuming a generator from C++.
enum class GenStatus { Yielded, Returned };

// Resumes [g] with [sent] (send semantics; the first send must be None). Sets [*out] to the
// yielded or returned value. Raises what the frame raises (StopIteration raised inside becomes
// RuntimeError per PEP 479), ValueError "generator already executing", RuntimeError "cannot
// reuse already awaited coroutine".
GenStatus gen_send(GenObject* g, Value sent, Value* out);
// Raises [exc] (an exception instance) inside [g] at its suspension point, delegating to a
// sub-iterator it is suspended in (yield from / await) as CPython's throw() does.
GenStatus gen_throw(GenObject* g, Value exc, Value* out);
// generator.close().
void gen_close(GenObject* g);
// The iterator a suspended generator delegates to (yield from / await), or null.
Value gen_yieldfrom(GenObject* g);

// ASYNC_GEN_WRAP: wraps a value yielded by an async generator.
Value async_gen_wrap(Value v);

// Used by the interpreter when a generator frame it resumed inline suspends, returns or raises.
void gen_frame_suspended(GenObject* g);
void gen_frame_finished(GenObject* g);
// Checks that [g] can be resumed, raising the "already executing" / "cannot reuse already
// awaited coroutine" errors; changes nothing. [throwing] is true for throw()/close().
void gen_prepare_resume(GenObject* g, bool throwing);
// Marks [g] running on the current thread and links its handled-exception entry (GEN-1).
// Cannot fail; called right before its frame is linked.
void gen_activate(GenObject* g);
// PEP 479: replaces a StopIteration (or StopAsyncIteration for async generators) escaping the
// frame of [g] by RuntimeError. [exc] is the escaping exception; returns the one to propagate.
Value gen_convert_stop_iteration(GenObject* g, Value exc);

} // namespace pystm

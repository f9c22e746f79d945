// The garbage-collected heap: allocation, roots and collection.
//
// pystm has no reference counting (principle 1). Objects are allocated from per-thread
// allocation buffers carved out of size-class chunks, never move, and are reclaimed by a
// mark-and-sweep collector that runs only at safepoints (the eval-breaker poll, gc.collect()).
//
// Roots, the rule for C++ code (GC-1):
//   * Values in C++ local variables of the running thread's stack are roots: the collector scans
//     every thread's C++ stack conservatively (and its saved registers) for words that point at
//     the start of a live object. So C++ code may hold Values in locals across any call,
//     including calls back into Python that reach a safepoint.
//   * Values stored anywhere else outside the GC heap (static variables, std::vector members of
//     C++ structs that are not objects, C++ heap memory) must be registered: either by living
//     inside a traced object (its type's m_trace visits them), or through add_root()/Root<T>.
//   * Statically allocated objects (builtin types, None, True, ...) are registered with
//     register_permanent() and are traced every cycle but never swept.
// Invariant GC-2: a collection happens only at a safepoint, so an object allocated by C++ code
// cannot be freed before that code returns to the interpreter loop or calls back into Python.
// Invariant GC-3: an object is swept only if no root reaches it; its type's m_destroy runs first.
// Invariant GC-14: between collections a chunk may be unswept; its allocated cells without
// OF_MARK are dead. Mutators never rewrite a live object's m_gc with a plain store (only RMWs),
// since the thread sweeping such a chunk clears survivors' marks concurrently.
// Invariant GC-15: an unreachable generator suspended in a block is closed once, through the
// finalizer queue, if and only if its registration is settled (gc/weak_slots.h).
#pragma once

#include "objects/access.h"
#include "objects/object.h"
#include <vector>

namespace pystm::gc {

class Tracer {
public:
    virtual ~Tracer() = default;
    virtual void visit(Value v) = 0;
    void visit(Object const* o) { visit(Value(o)); }
    // Treats every aligned word of [lo, hi) as a possible reference (conservative scanning), for
    // memory that mixes Values with other data (undo records, objects/undo.h).
    virtual void visit_words(char const* lo, char const* hi) = 0;
    // Visits [count] elements [stride] Values apart from [first] on, [width] Values of each: a
    // container's whole item array (a list's items; a dict table's keys and values, two of the
    // three words of each entry). The collector's marker may visit a big span later, in pieces
    // that other markers share (GC-12), so the memory must stay as it is until the collection
    // ends (it does: nothing runs but the collection).
    virtual void visit_span(Value const* first, size_t count, size_t stride, size_t width = 1)
    {
        for (size_t i = 0; i < count; i++)
            for (size_t k = 0; k < width; k++)
                visit(first[i * stride + k]);
    }
};

// Allocates [size] bytes (>= sizeof(Object)) of zeroed memory for an object of type [t] and
// initialises its header. Raises MemoryError when the heap is exhausted.
Object* allocate(Type* t, size_t size);
// allocate() without the header: for make() and make_var(), whose constructor writes the whole
// header (finish_header() then sets the bits that come from the type).
void* allocate_memory(Type* t, size_t size);

namespace detail {
// Sets the header bits that come from the type, once T's constructor (which initialises the
// whole Object header, the STM word included) has run, and marks [o] private to the running
// transaction (STM-3), so that its barriers take the fast path.
inline void finish_header(Object* o, Type* t)
{
    uint32_t bits = 0;
    if (t->m_flags & TF_IMMUTABLE)
        bits |= OF_IMMUTABLE;
    if (t->m_destroy)
        bits |= OF_NEEDS_DESTROY;
    o->m_gc.store(bits, std::memory_order_relaxed);
    if (PY_UNLIKELY(g_stm_active))
        stm::on_allocate(o);
}
} // namespace detail

// Constructs a T (a struct deriving from Object whose constructor takes Type* first) in a fresh
// allocation sized for type [t]: max(sizeof(T), t->m_instance_size), so subclasses of builtin
// types get room for their __dict__ and __slots__.
template <class T, class... A> T* make(Type* t, A&&... args)
{
    size_t size = sizeof(T) > t->m_instance_size ? sizeof(T) : t->m_instance_size;
    void* mem = allocate_memory(t, size);
    T* obj = new (mem) T(t, static_cast<A&&>(args)...);
    detail::finish_header(obj, t);
    return obj;
}
// Variable-size objects (tuple, str, bytes): T followed by [extra] bytes, then, for heap
// subclasses, their __dict__ pointer and __slots__ (OBJ-2).
template <class T, class... A> T* make_var(Type* t, size_t extra, A&&... args)
{
    size_t size = sizeof(T) + extra;
    if (t->m_instance_size > t->m_layout_size && t->m_layout_size != 0)
        size = ((size + 7) & ~size_t(7)) + (t->m_instance_size - t->m_layout_size);
    void* mem = allocate_memory(t, size);
    T* obj = new (mem) T(t, static_cast<A&&>(args)...);
    detail::finish_header(obj, t);
    return obj;
}

// Accounts for [bytes] of C++ heap memory acquired (positive) or released (negative) by an
// object (a list's items, a dict's table), so that collections keep pace with memory that
// the GC heap does not see.
void note_external_memory(ptrdiff_t bytes);

// Declares that [fn], a type's m_destroy, only releases memory its object owns (no shared state,
// no Python code): collections may run it on helper threads (GC-12). Call at start-up.
void register_parallel_destroy(DestroyFn fn);

// GC-9 (STM-5): memory that a transaction detached from an object (a container's old storage,
// a buffer replaced or discarded by an undo record) while other threads may still be reading
// it through a pointer loaded before the object was locked. With parallel transactions it is
// kept until the next collection: every thread has then stopped at a safepoint, where no C++
// code holds such a pointer, so what was retired before the world stopped is released by the
// collecting thread once the world resumes (outside the pause). With the STM off,
// [release]([p]) runs at once. [bytes] counts towards the next collection: memory whose
// allocation was counted already (note_external_memory) passes 0, or it would count twice and
// bring collections forward (a resized dict's old table made the word count of
// bench/transaction collect 9 times instead of 8).
// Retiring takes only the calling thread's own lock (its list of retired memory).
void retire(void* p, void (*release)(void*), size_t bytes);
// GC-10: threads count their allocations towards the next collection in batches (64 KiB), so
// that allocating in parallel writes no shared cache line on the common path.

// Installs a function that visits extra roots at every collection (the STM client's undo
// records and written objects, vm/stm_client.cpp).
void set_root_tracer(void (*fn)(Tracer&));

// True on the thread that is marking and sweeping. Everything it does then (destroy hooks) is
// outside every transaction: the other threads are stopped (GC-8), so the STM's barriers are not
// taken (vm/stm_client.cpp), and nothing in a collection may wait for another thread.
namespace detail {
extern constinit thread_local bool t_in_collection;
}
inline bool in_collection() { return detail::t_in_collection; }
// True on a thread that runs the weak-reference callbacks and finalizers (__del__) that its
// collection queued: CPython runs them inside the collection, and faulthandler says so.
bool finishing_collection();

// GC-2: [word] is the calling thread's eval-breaker word: when a collection is requested
// while this thread allocates, [bit] is set in it (an atomic OR), so that the thread's polls
// need to read only that word. The reader clears the bit and asks collection_requested(), which
// stays the authority. The word must outlive the thread's registration: unregister_thread()
// forgets it.
void set_request_flag(std::atomic<uint32_t>* word, uint32_t bit);

// GC-8: installs the functions that stop every other thread at a safepoint before a collection
// and let them go after it (parallel transactions, vm/transaction.cpp). [stop] returns false if
// a collection by another thread happened instead while waiting, so this one is skipped.
void set_world_hooks(bool (*stop)(), void (*resume)());

// Registers [slot] (a Value stored outside the heap) as a root until remove_root().
void add_root(Value* slot);
void remove_root(Value* slot);
// Registers a statically allocated object as permanent (GC-1).
void register_permanent(Object* o);

// RAII root for a Value kept in C++ heap memory (not needed for stack locals, see GC-1).
template <class T = Object> class Root {
public:
    explicit Root(Value v = Value()) : m_value(v) { add_root(&m_value); }
    ~Root() { remove_root(&m_value); }
    Root(Root const&) = delete;
    Root& operator=(Root const&) = delete;
    Root& operator=(Value v)
    {
        m_value = v;
        return *this;
    }
    Value get() const { return m_value; }
    T* operator->() const { return m_value.as<T>(); }

private:
    Value m_value;
};

// A std::vector<Value> whose elements are roots while it lives, for C++ temporaries that may
// call back into Python (and so reach a safepoint) while holding Values in C++ heap memory.
// Not copyable or movable: it registers its own address with the calling thread.
class RootedValues : public std::vector<Value> {
public:
    RootedValues();
    ~RootedValues();
    RootedValues(RootedValues const&) = delete;
    RootedValues& operator=(RootedValues const&) = delete;
    RootedValues* m_prev_rooted; // per-thread chain, newest first
};

// Called from safepoints: collects if enough has been allocated since the last collection.
inline bool collection_requested();
void maybe_collect();
// Runs a full collection now. Returns the number of objects freed.
size_t collect();
// gc.callbacks: called by collect() on the collecting thread, outside the heap lock, before the
// collection ([start] true) and after it, with the number of objects it freed (the gc module
// calls the Python callbacks). Not called again while one runs on the thread, and no collection
// starts from a poll inside it (maybe_collect).
using CollectCallbackFn = void (*)(bool start, size_t freed);
void set_collect_callback(CollectCallbackFn fn);

// Marks the calling thread as one whose C++ stack the collector must scan; [stack_base] is an
// address near the top of its stack (the caller's frame).
// A registered thread starts parked (see park_thread).
void register_thread(void* stack_base);
void unregister_thread();
// TX-2: called by a thread as it leaves its transaction (vm/transaction.h): publishes its stack
// pointer and callee-saved registers, so that a collection run by another thread scans its
// stack. unpark_thread() is called when its next transaction begins.
void park_thread();
void unpark_thread();

// True if [p] points at the start of a live heap object (used by conservative scanning and by
// heap verification in tests).
bool is_heap_object(void const* p);

struct Stats {
    size_t bytes_in_use = 0; // live bytes after the last collection plus allocation since
    size_t objects_in_use = 0;
    size_t collections = 0;
    size_t threshold = 0; // bytes allocated since last collection that trigger the next one
};
Stats stats();

// Heap verification for tests and debug builds: walks every live object and checks that each
// traced reference is null, a small int, a permanent object or a live heap object (GC-3).
void verify_heap();

namespace detail {
extern std::atomic<bool> g_collect_requested;
extern size_t g_collection_count;
}
inline bool collection_requested() { return detail::g_collect_requested.load(std::memory_order_relaxed); }
// Collections so far. Written with the world stopped, so a thread reads it outside a collection
// without a race: a change tells it that objects it remembers by address may have been freed.
inline size_t collection_count() { return detail::g_collection_count; }

} // namespace pystm::gc

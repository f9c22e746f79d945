// The mark-and-sweep collector and the allocator (gc/heap.h states the contract and GC-1..3).
//
// Layout. Small objects (up to MAX_SMALL bytes) live in CHUNK_SIZE-aligned chunks, each holding
// cells of one size class; a chunk's Chunk record (kept outside the chunk) has an allocation
// bitmap. Larger objects are individually malloc'ed and kept in an address-ordered map. Both
// make "does this word point into a live object?" a cheap question, which conservative stack
// scanning asks for every word of every thread's C++ stack.
//
// Allocation. Each thread owns a free list per size class (ThreadHeap); when one runs dry it
// takes a whole chunk with free cells (swept earlier) or a fresh chunk from the global pool.
// Invariant GC-7: a free cell is on exactly one free list and its allocation bit is clear.
//
// Collection (GC-2: only at safepoints). Mark: roots are the permanent objects, add_root()
// slots, every thread's RootedValues chains and ThreadState, and, conservatively, every word of
// every registered thread's C++ stack and of the program's static data (.data/.bss), which
// holds the interpreter's static caches. Interior pointers count: a word anywhere inside a live
// object keeps it alive, since optimised C++ code may hold only a derived pointer (GC-1).
// Marking a big graph is shared by helper threads (GC-12).
// Sweep: every allocated, unmarked cell is destroyed (its type's m_destroy) in a first pass and
// freed in a second, so a destroy hook may still read its (possibly also dead) type. GC-14: a
// collection started by the allocation threshold leaves the second pass of most chunks to the
// thread that next allocates from them (docs/internals/gc.md, "Lazy sweeping").
#include "gc/heap.h"
#include "gc/weak_slots.h"
#include "objects/access.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "vm/thread_state.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <map>
#include <mutex>
#include <pthread.h>
#include <thread>
#include <unordered_map>
#include <vector>

extern "C" {
extern char __data_start[];
extern char _end[];
}

namespace pystm::gc {

namespace detail {
std::atomic<bool> g_collect_requested { false };
// Set on the collecting thread while it marks and sweeps: the barriers of destroy hooks are
// not part of any transaction then (in_collection()).
constinit thread_local bool t_in_collection = false;
// Set on the collecting thread while it runs the weak-reference callbacks and finalizers that its
// collection queued (finishing_collection()).
constinit thread_local bool t_finishing_collection = false;
size_t g_collection_count = 0;
}

bool finishing_collection() { return detail::t_finishing_collection; }

namespace {

constexpr size_t CHUNK_SIZE = 256 * 1024;
constexpr size_t MAX_SMALL = 2048;
constexpr size_t MIN_THRESHOLD = 64 * 1024 * 1024;
// GC-13: the collection threshold is MIN_THRESHOLD per thread that allocates, for at most this
// many threads. Threads allocating in parallel reach a fixed threshold that many times sooner,
// while the pause of each collection (which stops them all) does not shrink as much: the mark
// costs the same (it follows the live objects) and only the sweep is shared among more threads.
// Without it, the share of time every thread spends stopped would grow with the threads.
constexpr size_t MAX_BUDGETS = 4;

constexpr uint32_t SIZE_CLASSES[] = { 32, 48, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384,
    448, 512, 640, 768, 1024, 1280, 1536, 2048 };
constexpr size_t NUM_CLASSES = sizeof(SIZE_CLASSES) / sizeof(SIZE_CLASSES[0]);

struct FreeCell {
    FreeCell* next;
};

struct Chunk {
    char* base;
    uint32_t cell_size;
    uint32_t cell_count;
    uint8_t size_class;
    uint32_t free_count = 0;
    FreeCell* free_list = nullptr; // cells freed by the last sweep, not yet owned by a thread
    bool owned = false; // a thread's allocator is carving this chunk
    // GC-14: the last collection left this chunk's dead cells allocated (their destroy hooks
    // have run); a cell is live only if its header has OF_MARK. Never set on an owned chunk.
    bool unswept = false;
    std::vector<uint64_t> alloc_bits;
    // Cells allocated for a type with a destroy hook: a superset of the live cells whose header
    // has OF_NEEDS_DESTROY, so the sweep's first pass need not read every header.
    std::vector<uint64_t> destroy_bits;

    bool allocated(uint32_t i) const { return alloc_bits[i >> 6] >> (i & 63) & 1; }
    void set_allocated(uint32_t i) { alloc_bits[i >> 6] |= uint64_t(1) << (i & 63); }
    void clear_allocated(uint32_t i) { alloc_bits[i >> 6] &= ~(uint64_t(1) << (i & 63)); }
    size_t allocated_count() const
    {
        size_t n = 0;
        for (uint64_t w : alloc_bits)
            n += static_cast<size_t>(__builtin_popcountll(w));
        return n;
    }
};

struct LargeObject {
    size_t size;
};

// The callee-saved registers of the calling function, unmangled (setjmp mangles the frame
// pointer, and getcontext also saves argument registers, whose stale values keep garbage alive).
struct SavedRegs {
    uintptr_t r[12] = {};
};

__attribute__((noinline)) void save_callee_saved(SavedRegs* out)
{
#if defined(__x86_64__)
    asm volatile("movq %%rbx, 0(%0)\n\t"
                 "movq %%rbp, 8(%0)\n\t"
                 "movq %%r12, 16(%0)\n\t"
                 "movq %%r13, 24(%0)\n\t"
                 "movq %%r14, 32(%0)\n\t"
                 "movq %%r15, 40(%0)"
                 :
                 : "r"(out)
                 : "memory");
#elif defined(__aarch64__)
    asm volatile("stp x19, x20, [%0, #0]\n\t"
                 "stp x21, x22, [%0, #16]\n\t"
                 "stp x23, x24, [%0, #32]\n\t"
                 "stp x25, x26, [%0, #48]\n\t"
                 "stp x27, x28, [%0, #64]\n\t"
                 "str x29, [%0, #80]"
                 :
                 : "r"(out)
                 : "memory");
#else
#error "save_callee_saved: unsupported architecture"
#endif
}

// GC-9: memory kept until the next collection.
struct Retired {
    void* p;
    void (*release)(void*);
};

// GC-15: objects registered for finalization; those from [settled] on are tentative.
struct Registrations {
    std::vector<Object*> list;
    size_t settled = 0;
};

struct ThreadHeap {
    FreeCell* free_lists[NUM_CLASSES] = {};
    Chunk* current[NUM_CLASSES] = {};
    char const* stack_top = nullptr; // highest address of the thread's stack
    // TX-2: while the thread is outside its transaction, the lowest address of its stack that
    // may hold roots and its callee-saved registers; null while it runs a transaction.
    char const* parked_sp = nullptr;
    SavedRegs parked_regs;
    RootedValues* rooted = nullptr;
    ThreadHeap* next = nullptr;
    // Bytes this thread allocated that g_allocated_since does not count yet (GC-10).
    size_t unflushed = 0;
    // GC-13: the thread flushed a batch since the last collection.
    bool allocating = false;
    // GC-9: what this thread retired since the last collection. Per thread, so that threads
    // replacing container storage in parallel (a list's growth retires its old block, LIST-4)
    // share no lock; the collector takes the lists while the world is stopped.
    std::mutex retire_mutex; // a leaf lock, taken by its thread and by the collector
    std::vector<Retired> retired;
    Registrations finalizable; // GC-15: only this thread and a stopped-world collector use it
    // GC-2: the word and bit that tell this thread's polls about a collection request
    // (set_request_flag); null for a thread the interpreter does not run on.
    std::atomic<uint32_t>* request_word = nullptr;
    uint32_t request_bit = 0;
};

thread_local ThreadHeap* t_heap = nullptr;

std::mutex g_heap_mutex; // protects everything below
std::unordered_map<uintptr_t, Chunk*> g_chunks; // chunk base -> record
std::vector<Chunk*> g_chunk_list;
std::map<uintptr_t, LargeObject> g_large; // start -> record
std::vector<Object*> g_permanent;
std::vector<Value*> g_roots;
ThreadHeap* g_threads = nullptr;
// Bytes allocated since the last collection. GC-10: a thread adds its allocations in batches of
// ALLOCATION_BATCH bytes (ThreadHeap::unflushed), so that threads allocating in parallel do not
// write this shared line on every allocation; a collection is therefore requested at most
// (threads x ALLOCATION_BATCH) bytes late.
std::atomic<size_t> g_allocated_since { 0 };
size_t g_threshold = MIN_THRESHOLD;
constexpr size_t ALLOCATION_BATCH = 64 * 1024;
// GC-2: raises the request that maybe_collect() acts on, and tells the polls of the thread that
// raised it (the allocating thread, [heap]), which is the one that reaches a poll soonest. The
// polls read only their own thread's word; any thread that flushes a batch while the request
// stands is told again, so a thread without a word (no interpreter on it) delays nothing.
void request_collection(ThreadHeap* heap)
{
    detail::g_collect_requested.store(true, std::memory_order_relaxed);
    if (heap && heap->request_word)
        heap->request_word->fetch_or(heap->request_bit, std::memory_order_relaxed);
}
__attribute__((noinline)) void flush_allocation_count(ThreadHeap* heap)
{
    g_allocated_since.fetch_add(heap->unflushed, std::memory_order_relaxed);
    heap->unflushed = 0;
    heap->allocating = true; // GC-13
    if (g_allocated_since.load(std::memory_order_relaxed) > g_threshold)
        request_collection(heap);
}
inline void count_allocation(ThreadHeap* heap, size_t bytes)
{
    if (!heap) {
        g_allocated_since.fetch_add(bytes, std::memory_order_relaxed);
        return;
    }
    heap->unflushed += bytes;
    if (PY_UNLIKELY(heap->unflushed >= ALLOCATION_BATCH))
        flush_allocation_count(heap);
}
inline void count_allocation(size_t bytes) { count_allocation(t_heap, bytes); }
void (*g_root_tracer)(Tracer&) = nullptr; // set_root_tracer()
bool (*g_stop_world)() = nullptr; // set_world_hooks()
void (*g_resume_world)() = nullptr;
size_t g_live_bytes = 0; // bytes surviving the last collection
size_t g_live_objects = 0;
bool g_collecting = false;

// Size class of every request size, by 16-byte granule: allocation's first step is one load.
struct ClassTable {
    uint8_t cls[MAX_SMALL / 16 + 1];
    constexpr ClassTable() : cls()
    {
        for (size_t g = 0; g <= MAX_SMALL / 16; ++g) {
            uint8_t c = 0;
            while (SIZE_CLASSES[c] < g * 16)
                ++c;
            cls[g] = c;
        }
    }
};
constexpr ClassTable s_class_table;

inline uint8_t class_for(size_t size) { return s_class_table.cls[(size + 15) >> 4]; }

// ceil(2**32 / cell size) per class: a cell's index is (offset * recip) >> 32, exact for offsets
// below 2**18 >= CHUNK_SIZE and cell sizes below 2**11 + 1, without a division on allocation.
struct RecipTable {
    uint64_t recip[NUM_CLASSES];
    constexpr RecipTable() : recip()
    {
        for (size_t c = 0; c < NUM_CLASSES; ++c)
            recip[c] = ((uint64_t(1) << 32) + SIZE_CLASSES[c] - 1) / SIZE_CLASSES[c];
    }
};
constexpr RecipTable s_recip_table;
static_assert(CHUNK_SIZE <= (size_t(1) << 18) && MAX_SMALL <= 2048);

Chunk* new_chunk(uint8_t cls)
{
    void* mem = std::aligned_alloc(CHUNK_SIZE, CHUNK_SIZE);
    if (!mem)
        return nullptr;
    // STM-12: the read filter keeps a tag in the top 16 bits of object addresses.
    PY_VERIFY((reinterpret_cast<uintptr_t>(mem) + CHUNK_SIZE) >> 48 == 0, "STM-12");
    auto* c = new Chunk;
    c->base = static_cast<char*>(mem);
    c->cell_size = SIZE_CLASSES[cls];
    c->cell_count = static_cast<uint32_t>(CHUNK_SIZE / c->cell_size);
    c->size_class = cls;
    c->alloc_bits.assign((c->cell_count + 63) / 64, 0);
    c->destroy_bits.assign((c->cell_count + 63) / 64, 0);
    // Thread all cells into the chunk's free list, lowest address first.
    FreeCell* head = nullptr;
    for (uint32_t i = c->cell_count; i-- > 0;) {
        auto* cell = reinterpret_cast<FreeCell*>(c->base + size_t(i) * c->cell_size);
        cell->next = head;
        head = cell;
    }
    c->free_list = head;
    c->free_count = c->cell_count;
    g_chunks[reinterpret_cast<uintptr_t>(c->base)] = c;
    g_chunk_list.push_back(c);
    return c;
}

// The second pass of a sweep over one chunk: pushes its dead cells (allocated, unmarked) onto
// [list] and clears its survivors' marks. Adds the survivors to [live]; returns the cells freed.
// [concurrent]: other threads run (GC-14) and may set other bits of a survivor's header with
// an RMW meanwhile, so the mark is cleared with one too. (Nobody but the sweep touches a dead
// cell, and no thread allocates in a chunk it does not own.)
uint32_t sweep_cells(Chunk* c, FreeCell** list, size_t& live, bool concurrent)
{
    uint32_t freed = 0;
    for (size_t w = 0; w < c->alloc_bits.size(); ++w) {
        uint64_t word = c->alloc_bits[w];
        for (uint64_t bits = word; bits; bits &= bits - 1) {
            uint32_t i = static_cast<uint32_t>(w * 64 + static_cast<size_t>(__builtin_ctzll(bits)));
            auto* o = reinterpret_cast<Object*>(c->base + size_t(i) * c->cell_size);
            uint32_t gcbits = o->m_gc.load(std::memory_order_relaxed);
            if (gcbits & OF_MARK) {
                if (concurrent)
                    o->m_gc.fetch_and(~uint32_t(OF_MARK), std::memory_order_relaxed);
                else
                    o->m_gc.store(gcbits & ~uint32_t(OF_MARK), std::memory_order_relaxed);
                live++;
                continue;
            }
            word &= ~(uint64_t(1) << (i & 63));
            auto* cell = reinterpret_cast<FreeCell*>(o);
            cell->next = *list;
            *list = cell;
            freed++;
        }
        c->alloc_bits[w] = word;
        c->destroy_bits[w] &= word;
    }
    return freed;
}

// GC-14: finishes the sweep of an unswept chunk, onto its own free list ([concurrent]: see
// sweep_cells). g_heap_mutex held, or the world stopped.
void sweep_chunk(Chunk* c, bool concurrent)
{
    size_t live = 0;
    c->free_count += sweep_cells(c, &c->free_list, live, concurrent);
    c->unswept = false;
}

// Gives [heap] a chunk of class [cls] with free cells. Called with g_heap_mutex held.
bool refill(ThreadHeap* heap, uint8_t cls)
{
    if (Chunk* old = heap->current[cls])
        old->owned = false;
    heap->current[cls] = nullptr;
    Chunk* found = nullptr;
    for (Chunk* c : g_chunk_list) {
        if (c->size_class != cls || c->owned)
            continue;
        if (c->unswept)
            sweep_chunk(c, true); // GC-14: the allocating thread sweeps what it is about to use
        if (c->free_list) {
            found = c;
            break;
        }
    }
    if (!found)
        found = new_chunk(cls);
    if (!found)
        return false;
    found->owned = true;
    heap->current[cls] = found;
    heap->free_lists[cls] = found->free_list;
    found->free_list = nullptr;
    found->free_count = 0;
    return true;
}

Chunk* chunk_of(uintptr_t p)
{
    auto it = g_chunks.find(p & ~(uintptr_t)(CHUNK_SIZE - 1));
    return it == g_chunks.end() ? nullptr : it->second;
}

// The start of the live object containing address [p], or nullptr. g_heap_mutex held.
Object* find_object(uintptr_t p)
{
    if (Chunk* c = chunk_of(p)) {
        uint32_t i = static_cast<uint32_t>((p - reinterpret_cast<uintptr_t>(c->base)) / c->cell_size);
        if (i >= c->cell_count || !c->allocated(i))
            return nullptr;
        auto* o = reinterpret_cast<Object*>(c->base + size_t(i) * c->cell_size);
        if (c->unswept && !(o->m_gc.load(std::memory_order_relaxed) & OF_MARK))
            return nullptr; // GC-14: dead, not yet swept
        return o;
    }
    if (g_large.empty())
        return nullptr;
    auto it = g_large.upper_bound(p);
    if (it == g_large.begin())
        return nullptr;
    --it;
    if (p < it->first + it->second.size)
        return reinterpret_cast<Object*>(it->first);
    return nullptr;
}

// GC-12: a piece of a big item array (Tracer::visit_span) waiting to be marked. It goes on the
// mark stack as its address with the low bit set (objects are 16-byte aligned), so that markers
// share the pieces of one big table like any other work.
struct SpanPiece {
    Value const* first;
    size_t count;
    uint32_t stride;
    uint32_t width;
};
constexpr size_t kSpanPiece = 1024; // elements per piece
inline bool is_span(Object* entry) { return reinterpret_cast<uintptr_t>(entry) & 1; }

class Marker final : public Tracer {
    static constexpr size_t kRing = 16;
    static constexpr size_t kPopAhead = 16;
    Object* m_ring[kRing] = {};
    size_t m_ring_pos = 0;
    // The pieces this marker cut (their addresses must not move until marking ends).
    std::deque<SpanPiece> m_pieces;

public:
    std::vector<Object*> stack;
    // GC-12: set while several markers drain in parallel; then a mark is an atomic RMW, so that
    // exactly one marker pushes each object.
    bool m_shared = false;
    size_t m_marked = 0; // objects this marker marked (drain_parallel() adds its helpers')

    void visit(Value v) override
    {
        if (!v.is_object())
            return;
        mark(v.as_object());
    }
    // Marks [o] and queues it for tracing, after a delay: [o] waits in a small ring while its
    // header is prefetched, and the object that leaves the ring is marked in its place. Marking
    // a big heap is a cache miss per object; a trace function that visits many objects at once
    // (a big dict's table) so has kRing misses in flight instead of one. flush_ring() marks what
    // the ring still holds.
    void mark(Object* o)
    {
        __builtin_prefetch(o, 1);
        Object* oldest = m_ring[m_ring_pos];
        m_ring[m_ring_pos] = o;
        m_ring_pos = (m_ring_pos + 1) & (kRing - 1);
        if (oldest)
            mark_now(oldest);
    }
    // Marks what the ring holds (which may push onto the stack); false if it held nothing.
    bool flush_ring()
    {
        bool any = false;
        for (Object*& o : m_ring) {
            if (o) {
                Object* p = o;
                o = nullptr;
                mark_now(p);
                any = true;
            }
        }
        return any;
    }
    void mark_now(Object* o)
    {
        uint32_t bits = o->m_gc.load(std::memory_order_relaxed);
        if (bits & OF_MARK)
            return;
        if (PY_UNLIKELY(m_shared)) {
            if (o->m_gc.fetch_or(OF_MARK, std::memory_order_relaxed) & OF_MARK)
                return;
        } else {
            o->m_gc.store(bits | OF_MARK, std::memory_order_relaxed);
        }
        m_marked++;
        // A leaf (a str, a float, a big int: a builtin type with no references but its type,
        // which is permanent and marked with the roots) needs no tracing: not pushing it spares
        // fetching it again when it would be popped.
        Type* t = o->m_type;
        if (!(t->m_flags & TF_HEAPTYPE) && !t->m_trace && !t->m_dict_offset && !t->m_nslots)
            return;
        stack.push_back(o);
    }
    // A word that may or may not be a pointer (GC-1's conservative roots).
    void visit_word(uintptr_t w)
    {
        if (w < 4096)
            return;
        if (Object* o = find_object(w))
            mark(o);
    }
    void visit_words(char const* lo, char const* hi) override { scan_range(lo, hi); }
    // GC-12: a span of more than one piece is cut into pieces pushed on the stack: a big dict's
    // keys are leaves, marked without being pushed, so marking them in place would be one step
    // of one marker however big the table, and no helper would ever start.
    void visit_span(Value const* first, size_t count, size_t stride, size_t width) override
    {
        SpanPiece whole { first, count, static_cast<uint32_t>(stride),
            static_cast<uint32_t>(width) };
        if (count <= kSpanPiece) {
            mark_span(whole);
            return;
        }
        for (size_t lo = 0; lo < count; lo += kSpanPiece) {
            m_pieces.push_back({ first + lo * stride, std::min(kSpanPiece, count - lo),
                whole.stride, whole.width });
            stack.push_back(
                reinterpret_cast<Object*>(reinterpret_cast<uintptr_t>(&m_pieces.back()) | 1));
        }
    }
    void mark_span(SpanPiece const& p)
    {
        if (p.width == 1) {
            for (size_t i = 0; i < p.count; i++)
                visit(p.first[i * p.stride]);
            return;
        }
        for (size_t i = 0; i < p.count; i++)
            for (size_t k = 0; k < p.width; k++)
                visit(p.first[i * p.stride + k]);
    }
    __attribute__((no_sanitize("address", "thread"))) void scan_range(char const* lo, char const* hi)
    {
        auto p = reinterpret_cast<uintptr_t>(lo);
        p = (p + 7) & ~uintptr_t(7);
        for (; p + 8 <= reinterpret_cast<uintptr_t>(hi); p += 8)
            visit_word(*reinterpret_cast<uintptr_t const*>(p));
    }
    // Traces the object on top of the stack.
    void step()
    {
        // The objects near the top were marked (and fetched) long ago when a trace function
        // pushed many at once: fetch the one popped a few steps from now.
        if (stack.size() > kPopAhead)
            __builtin_prefetch(stack[stack.size() - kPopAhead]);
        Object* o = stack.back();
        stack.pop_back();
        if (is_span(o)) {
            mark_span(*reinterpret_cast<SpanPiece const*>(
                reinterpret_cast<uintptr_t>(o) & ~uintptr_t(1)));
            return;
        }
        Type* t = o->m_type;
        visit(Value(t));
        if (t->m_trace)
            t->m_trace(o, *this);
        if (DictObject** d = instance_dict_slot(o))
            visit(Value(*d));
        if (t->m_nslots) {
            Value* slots = instance_slots(o);
            for (uint32_t i = 0; i < t->m_nslots; ++i)
                visit(slots[i]);
        }
    }
    void drain()
    {
        do {
            while (!stack.empty())
                step();
        } while (flush_ring());
    }
    // drain(), with helper threads once the graph proves big (GC-12).
    void drain_parallel();
};

// GC-12: parallel marking. Every other thread is stopped during a collection, so its core is
// idle; marking a large heap (tens of megabytes of live objects) is most of a pause. The
// collecting thread first drains alone; past kSerialMarks objects it starts helpers (one per
// further core, at most kMaxMarkers in all), which share work through a pool of batches: a
// marker whose stack holds more than two batches while another marker is idle gives one batch
// to the pool, and an idle marker takes one. Marking ends when every marker is idle and the
// pool is empty. Trace functions only read the heap, which nobody writes during a collection;
// the mark bit is set with an atomic RMW (m_shared), so each object is traced once.
constexpr size_t kSerialMarks = 50000;
constexpr size_t kMarkBatch = 256;
constexpr unsigned kMaxMarkers = 8;

// Threads a collection may use (GC-12): one per core, at most kMaxMarkers; PYSTM_GC_MARKERS=N
// sets it (tests and measurements).
unsigned gc_workers()
{
    static unsigned const s_workers = [] {
        unsigned cores = std::thread::hardware_concurrency();
        unsigned n = std::min(cores ? cores : 1, kMaxMarkers);
        if (char const* e = std::getenv("PYSTM_GC_MARKERS"))
            n = std::clamp(unsigned(std::strtoul(e, nullptr, 10)), 1u, kMaxMarkers);
        return n;
    }();
    return s_workers;
}

// A helper thread of the collection running [fn]: barriers in trace functions and hooks do
// nothing there, as on the collecting thread (GC-8).
template <class F> std::thread collection_thread(F fn)
{
    return std::thread([fn] {
        detail::t_in_collection = true;
        fn();
    });
}

// Runs fn(lo, hi) over [0, n) split among the collection's threads (GC-12), or on this thread
// alone when n is small.
template <class F> void run_split(size_t n, size_t min_parallel, F const& fn)
{
    unsigned workers = gc_workers();
    if (workers < 2 || n < min_parallel) {
        fn(size_t(0), n);
        return;
    }
    std::vector<std::thread> threads;
    size_t per = (n + workers - 1) / workers;
    for (unsigned w = 1; w < workers; w++) {
        size_t lo = std::min(n, w * per), hi = std::min(n, lo + per);
        threads.push_back(collection_thread([lo, hi, &fn] { fn(lo, hi); }));
    }
    fn(size_t(0), std::min(n, per));
    for (std::thread& t : threads)
        t.join();
}

// Destroy hooks that only release memory their object owns (GC-12: any thread may run them).
DestroyFn g_parallel_destroy[8];
size_t g_parallel_destroy_count = 0;
bool parallel_destroy(DestroyFn fn)
{
    for (size_t i = 0; i < g_parallel_destroy_count; i++)
        if (g_parallel_destroy[i] == fn)
            return true;
    return false;
}

struct MarkPool {
    std::mutex mutex;
    std::condition_variable cv;
    std::vector<std::vector<Object*>> batches;
    // Markers waiting for work: changed under the lock, read without it by busy markers.
    std::atomic<unsigned> idle { 0 };
    unsigned markers = 0;
    bool done = false;
};

void mark_worker(Marker& m, MarkPool& pool)
{
    for (;;) {
        do {
            while (!m.stack.empty()) {
                m.step();
                if (PY_UNLIKELY(m.stack.size() > 2 * kMarkBatch)
                    && pool.idle.load(std::memory_order_relaxed)) {
                    // From the top: erasing from the bottom would move the whole stack, and one
                    // big table pushes a million entries at once.
                    std::vector<Object*> batch(m.stack.end() - kMarkBatch, m.stack.end());
                    m.stack.resize(m.stack.size() - kMarkBatch);
                    std::lock_guard lock(pool.mutex);
                    pool.batches.push_back(std::move(batch));
                    pool.cv.notify_one();
                }
            }
        } while (m.flush_ring()); // objects still in the ring may push more work
        std::unique_lock lock(pool.mutex);
        pool.idle.fetch_add(1, std::memory_order_relaxed);
        for (;;) {
            if (!pool.batches.empty()) {
                m.stack = std::move(pool.batches.back());
                pool.batches.pop_back();
                pool.idle.fetch_sub(1, std::memory_order_relaxed);
                break;
            }
            if (pool.done || pool.idle.load(std::memory_order_relaxed) == pool.markers) {
                pool.done = true;
                pool.cv.notify_all();
                return;
            }
            pool.cv.wait(lock);
        }
    }
}

void Marker::drain_parallel()
{
    // The serial phase counts objects marked, not steps: a step that marks a piece of a big
    // table (or a leaf-filled container) marks many.
    size_t const until = m_marked + kSerialMarks;
    do {
        while (m_marked < until && !stack.empty())
            step();
    } while (m_marked < until && flush_ring());
    flush_ring(); // past kSerialMarks: what the ring holds goes to the stack, to be shared
    unsigned helpers = gc_workers() - 1;
    if (stack.empty() || helpers == 0) {
        drain();
        return;
    }
    MarkPool pool;
    pool.markers = helpers + 1;
    std::vector<Marker> markers(helpers);
    // Seed each helper with a share of the stack; the rest stays here.
    for (Marker& h : markers) {
        h.m_shared = true;
        size_t share = stack.size() / (helpers + 1);
        h.stack.assign(stack.end() - static_cast<ptrdiff_t>(share), stack.end());
        stack.resize(stack.size() - share);
    }
    m_shared = true;
    std::vector<std::thread> threads;
    threads.reserve(helpers);
    for (Marker& h : markers)
        threads.push_back(collection_thread([&h, &pool] { mark_worker(h, pool); }));
    mark_worker(*this, pool);
    for (std::thread& t : threads)
        t.join();
    for (Marker& h : markers)
        m_marked += h.m_marked;
    m_shared = false;
}

AfterCollectFn g_after_collect = nullptr;

ThreadHeap* this_heap()
{
    PY_VERIFY(t_heap, "GC-1"); // register_thread() first
    return t_heap;
}

// Finalizers (gc/weak_slots.h, GC-6). g_heap_mutex guards the queue.
FinalizerHooks g_finalizer_hooks;
std::vector<Object*> g_finalize_queue;

// Marks every unreachable, not yet finalized object whose type has __del__ (and all it reaches)
// and queues it for its finalizer.
std::atomic<bool> g_finalizer_types { false }; // note_finalizer_type() was called

// GC-15: registrations of objects of exited threads (all settled: a thread exits between
// transactions). g_heap_mutex guards it.
Registrations g_orphan_finalizable;

// GC-15: what a collection does with one thread's registrations, after marking: drops those of
// unreachable objects, and queues the settled ones that need finalizing into [found].
void sweep_registrations(Registrations& r, std::vector<Object*>& found)
{
    size_t kept = 0, kept_settled = 0;
    for (size_t i = 0; i < r.list.size(); ++i) {
        Object* o = r.list[i];
        uint32_t bits = o->m_gc.load(std::memory_order_relaxed);
        if (bits & OF_MARK) {
            r.list[kept++] = o;
            kept_settled = i < r.settled ? kept : kept_settled;
        } else if (i < r.settled && !(bits & OF_FINALIZED) && g_finalizer_hooks.needs_finalize
            && g_finalizer_hooks.needs_finalize(o)) {
            found.push_back(o);
        }
    }
    r.list.resize(kept);
    r.settled = kept_settled;
}

// GC-6: the unreachable, not yet finalized objects whose type has __del__.
void find_finalizable_types(std::vector<Object*>& found)
{
    std::unordered_map<Type*, bool> cache;
    auto consider = [&](Object* o) {
        uint32_t bits = o->m_gc.load(std::memory_order_relaxed);
        if (bits & (OF_MARK | OF_FINALIZED))
            return;
        Type* t = o->m_type;
        if (!(t->m_flags & TF_HEAPTYPE))
            return;
        auto it = cache.find(t);
        bool has = it != cache.end() ? it->second : (cache[t] = g_finalizer_hooks.has_finalizer(t));
        if (has)
            found.push_back(o);
    };
    for (Chunk* c : g_chunk_list)
        for (uint32_t i = 0; i < c->cell_count; ++i)
            if (c->allocated(i))
                consider(reinterpret_cast<Object*>(c->base + size_t(i) * c->cell_size));
    for (auto& [addr, large] : g_large)
        consider(reinterpret_cast<Object*>(addr));
}

void find_finalizable(Marker& marker)
{
    std::vector<Object*> found;
    sweep_registrations(g_orphan_finalizable, found);
    for (ThreadHeap* heap = g_threads; heap; heap = heap->next)
        sweep_registrations(heap->finalizable, found);
    if (g_finalizer_hooks.has_finalizer && g_finalizer_types.load(std::memory_order_relaxed))
        find_finalizable_types(found);
    // The hook takes the queue from its back: queued in reverse, the objects are finalized in
    // the order found, generators in the order made and then the others in address order (in a
    // chunk, the order of allocation), as CPython finalizes the globals of a module in the order
    // they were defined.
    for (auto it = found.rbegin(); it != found.rend(); ++it) {
        Object* o = *it;
        o->m_gc.fetch_or(OF_FINALIZED, std::memory_order_relaxed);
        marker.mark(o);
        g_finalize_queue.push_back(o);
    }
    marker.drain();
}

// GC-14: whether collections leave most of the sweep to the allocating threads.
bool lazy_sweep_enabled()
{
    static bool const s_lazy = [] {
        char const* e = std::getenv("PYSTM_GC_LAZY_SWEEP");
        return !(e && e[0] == '0');
    }();
    return s_lazy;
}

// [lazy] (GC-14): sweep now only the chunks that threads are carving; leave the others unswept.
__attribute__((noinline)) void collect_locked(size_t* freed_out, bool lazy)
{
    g_collecting = true;
    detail::t_in_collection = true;
    Marker marker;

    // GC-14: first finish the sweeps the last collection left: marking needs every survivor's
    // mark clear, and the conservative scan and the finalizer search below trust the allocation
    // bitmaps.
    {
        std::vector<Chunk*> unswept;
        for (Chunk* c : g_chunk_list)
            if (c->unswept)
                unswept.push_back(c);
        run_split(unswept.size(), 64, [&](size_t lo, size_t hi) {
            for (size_t k = lo; k < hi; k++)
                sweep_chunk(unswept[k], false);
        });
    }

    // Roots. Spill this thread's registers onto its stack so the scan below sees them.
    SavedRegs regs;
    save_callee_saved(&regs);
    char const* sp = reinterpret_cast<char const*>(&regs);
    for (Object* o : g_permanent)
        marker.mark(o);
    for (Value* slot : g_roots)
        marker.visit(*slot);
    for (ThreadHeap* h = g_threads; h; h = h->next) {
        for (RootedValues* r = h->rooted; r; r = r->m_prev_rooted)
            for (Value v : *r)
                marker.visit(v);
        // The collecting thread runs inside its transaction; every other thread is outside
        // its own and parked (TX-1, TX-2): its stack above the parking point and its saved
        // registers hold all its roots.
        if (h == t_heap) {
            marker.scan_range(sp, h->stack_top);
        } else {
            PY_VERIFY(h->parked_sp, "TX-2");
            marker.scan_range(h->parked_sp, h->stack_top);
            auto const* regs = reinterpret_cast<char const*>(&h->parked_regs);
            marker.scan_range(regs, regs + sizeof h->parked_regs);
        }
    }
    for (ThreadState* ts = thread_state_head(); ts; ts = ts->m_next)
        trace_thread_state(ts, marker);
    if (g_root_tracer)
        g_root_tracer(marker);
    marker.scan_range(__data_start, _end);
    for (Object* o : g_finalize_queue) // queued by a collection whose hook has not run yet
        marker.mark(o);
    marker.drain_parallel();
    find_finalizable(marker);
    detail::process_weak_slots();

    // Sweep, pass 1: run the destroy hooks of the dead (all of them before any cell is freed,
    // so a hook may still read its possibly also dead type). Pass 2, chunk by chunk: free the
    // dead cells and clear the survivors' marks, walking the allocation bitmap a word at a time.
    size_t dead_count = 0;
    // Chunks are shared among the collection's threads (GC-12): hooks registered with
    // register_parallel_destroy() (container storage, big-int limbs: nearly all of them) run
    // where they are found, the others afterwards on this thread.
    std::vector<Object*> to_destroy;
    std::mutex to_destroy_mutex;
    auto destroy_dead = [&](Object* o, std::vector<Object*>& later) {
        uint32_t gcbits = o->m_gc.load(std::memory_order_relaxed);
        if ((gcbits & (OF_MARK | OF_NEEDS_DESTROY)) != OF_NEEDS_DESTROY)
            return;
        DestroyFn fn = o->m_type->m_destroy;
        if (fn && parallel_destroy(fn))
            fn(o);
        else
            later.push_back(o);
    };
    run_split(g_chunk_list.size(), 64, [&](size_t lo, size_t hi) {
        std::vector<Object*> later;
        for (size_t k = lo; k < hi; k++) {
            Chunk* c = g_chunk_list[k];
            for (size_t w = 0; w < c->alloc_bits.size(); ++w) {
                for (uint64_t bits = c->alloc_bits[w] & c->destroy_bits[w]; bits; bits &= bits - 1) {
                    uint32_t i = static_cast<uint32_t>(w * 64 + static_cast<size_t>(__builtin_ctzll(bits)));
                    destroy_dead(reinterpret_cast<Object*>(c->base + size_t(i) * c->cell_size), later);
                }
            }
        }
        if (!later.empty()) {
            std::lock_guard lock(to_destroy_mutex);
            to_destroy.insert(to_destroy.end(), later.begin(), later.end());
        }
    });
    for (auto& [addr, large] : g_large)
        destroy_dead(reinterpret_cast<Object*>(addr), to_destroy);
    for (Object* o : to_destroy)
        if (o->m_type->m_destroy)
            o->m_type->m_destroy(o);

    // Pass 2, in parallel (GC-12): a chunk's cells go to its own free list or to the one list
    // of the thread carving it, so no two chunks share a list.
    std::atomic<size_t> freed_total { 0 }, dead_total { 0 }, live_total { 0 };
    std::atomic<size_t> left_cells { 0 }, left_bytes { 0 };
    run_split(g_chunk_list.size(), 64, [&](size_t lo, size_t hi) {
        size_t freed_part = 0, dead_part = 0, live_part = 0;
        size_t left_cells_part = 0, left_bytes_part = 0;
        for (size_t k = lo; k < hi; k++) {
            Chunk* c = g_chunk_list[k];
            if (lazy && !c->owned) {
                // GC-14: left to the thread that next takes the chunk (refill), or to the next
                // collection. Counting its allocated cells reads only the bitmap.
                size_t n = c->allocated_count();
                c->unswept = n != 0;
                left_cells_part += n;
                left_bytes_part += n * c->cell_size;
                continue;
            }
            // Cells of a chunk that a thread is carving go to that thread's free list. Only one
            // thread exists while the STM is off; with several, each would take back its own
            // chunks' cells at its next safepoint.
            FreeCell** list = &c->free_list;
            bool to_owner = false;
            if (c->owned) {
                for (ThreadHeap* h = g_threads; h; h = h->next)
                    if (h->current[c->size_class] == c) {
                        list = &h->free_lists[c->size_class];
                        to_owner = true;
                        break;
                    }
            }
            uint32_t freed_here = sweep_cells(c, list, live_part, false);
            if (!to_owner)
                c->free_count += freed_here;
            dead_part += freed_here;
            freed_part += size_t(freed_here) * c->cell_size;
        }
        freed_total += freed_part;
        dead_total += dead_part;
        live_total += live_part;
        left_cells += left_cells_part;
        left_bytes += left_bytes_part;
    });
    size_t freed_bytes = freed_total.load();
    dead_count += dead_total.load();
    size_t live_bytes = 0, live_objects = live_total.load(), live_large = 0;
    for (auto it = g_large.begin(); it != g_large.end();) {
        auto* o = reinterpret_cast<Object*>(it->first);
        uint32_t gcbits = o->m_gc.load(std::memory_order_relaxed);
        if (gcbits & OF_MARK) {
            o->m_gc.store(gcbits & ~uint32_t(OF_MARK), std::memory_order_relaxed);
            live_bytes += it->second.size;
            live_large++;
            ++it;
            continue;
        }
        freed_bytes += it->second.size;
        dead_count++;
        it = g_large.erase(it);
        std::free(o);
    }
    live_objects += live_large;
    for (Chunk* c : g_chunk_list) {
        if (c->unswept)
            continue;
        live_bytes += c->allocated_count() * c->cell_size;
    }
    if (size_t cells = left_cells.load()) {
        // GC-14: the survivors among the cells left unswept are the marked objects not counted
        // elsewhere (the permanent ones aside); their bytes are estimated at the average cell
        // size of those chunks.
        size_t marked = marker.m_marked, elsewhere = g_permanent.size() + live_objects;
        size_t left_live = std::min(cells, marked > elsewhere ? marked - elsewhere : 0);
        live_objects += left_live;
        double share = double(left_live) / double(cells);
        live_bytes += static_cast<size_t>(double(left_bytes.load()) * share);
        dead_count += cells - left_live;
    }
    for (Object* o : g_permanent)
        o->m_gc.fetch_and(~uint32_t(OF_MARK), std::memory_order_relaxed);

    // GC-13: one allocation budget per thread that allocated since the last collection.
    size_t allocating = 0;
    for (ThreadHeap* h = g_threads; h; h = h->next) {
        allocating += h->allocating;
        h->allocating = false;
        h->unflushed = 0; // GC-10: every thread is stopped
    }
    allocating = std::clamp<size_t>(allocating, 1, MAX_BUDGETS);
    g_threshold = std::max(MIN_THRESHOLD * allocating, live_bytes);

    // Release wholly empty chunks beyond a reserve so memory use follows the live set. The
    // reserve is one collection threshold's worth: a program that makes garbage at a steady rate
    // (floats in a loop) refills the same chunks every cycle instead of unmapping them and
    // faulting fresh pages back in, which cost it more system time than the collection itself.
    size_t const EMPTY_RESERVE = MIN_THRESHOLD * allocating / CHUNK_SIZE; // GC-13
    size_t empty_kept = 0;
    std::erase_if(g_chunk_list, [&](Chunk* c) {
        if (c->owned || c->free_count != c->cell_count)
            return false;
        if (empty_kept++ < EMPTY_RESERVE)
            return false;
        g_chunks.erase(reinterpret_cast<uintptr_t>(c->base));
        std::free(c->base);
        delete c;
        return true;
    });

    g_live_bytes = live_bytes;
    g_live_objects = live_objects;
    g_allocated_since.store(0, std::memory_order_relaxed);
    detail::g_collection_count++;
    detail::g_collect_requested.store(false, std::memory_order_relaxed);
    g_collecting = false;
    detail::t_in_collection = false;
    if (freed_out)
        *freed_out = dead_count;
    (void)freed_bytes;
}

} // namespace

namespace {

// Gives the calling thread's list of class [cls] more cells; raises MemoryError.
__attribute__((noinline)) FreeCell* refill_list(ThreadHeap* heap, uint8_t cls)
{
    std::lock_guard lock(g_heap_mutex);
    if (!refill(heap, cls))
        raise_memory_error();
    return heap->free_lists[cls];
}

__attribute__((noinline)) void* allocate_large(size_t size)
{
    // Refuse absurd sizes before asking malloc, so huge requests are a MemoryError.
    if (size > (size_t(1) << 40))
        raise_memory_error();
    void* mem = std::calloc(1, size);
    if (!mem)
        raise_memory_error();
    PY_VERIFY((reinterpret_cast<uintptr_t>(mem) + size) >> 48 == 0, "STM-12");
    std::lock_guard lock(g_heap_mutex);
    g_large[reinterpret_cast<uintptr_t>(mem)] = LargeObject { size };
    count_allocation(size);
    return mem;
}

} // namespace

void* allocate_memory(Type* t, size_t size)
{
    PY_ASSERT(size >= sizeof(Object), "GC-0");
    ThreadHeap* heap = this_heap();
    void* mem;
    if (PY_LIKELY(size <= MAX_SMALL)) {
        uint8_t cls = class_for(size);
        FreeCell* cell = heap->free_lists[cls];
        if (PY_UNLIKELY(!cell))
            cell = refill_list(heap, cls);
        heap->free_lists[cls] = cell->next;
        Chunk* c = heap->current[cls];
        auto p = reinterpret_cast<uintptr_t>(cell);
        if (PY_UNLIKELY(!c || p - reinterpret_cast<uintptr_t>(c->base) >= CHUNK_SIZE))
            c = chunk_of(p); // a cell returned by the sweep from another chunk
        uint32_t cell_size = SIZE_CLASSES[cls];
        uint32_t index = static_cast<uint32_t>(((p - reinterpret_cast<uintptr_t>(c->base)) * s_recip_table.recip[cls]) >> 32);
        c->set_allocated(index);
        if (PY_UNLIKELY(t->m_destroy != nullptr))
            c->destroy_bits[index >> 6] |= uint64_t(1) << (index & 63);
        mem = cell;
        // Most objects are small: zero them with a few stores rather than a call.
        auto* w = static_cast<uint64_t*>(mem);
        if (cell_size <= 64) {
            w[0] = w[1] = w[2] = w[3] = 0;
            if (cell_size > 32) {
                w[4] = w[5] = 0;
                if (cell_size > 48)
                    w[6] = w[7] = 0;
            }
        } else {
            std::memset(mem, 0, cell_size);
        }
        count_allocation(heap, cell_size);
    } else {
        mem = allocate_large(size);
    }
    return mem;
}

Object* allocate(Type* t, size_t size)
{
    auto* o = static_cast<Object*>(allocate_memory(t, size));
    o->m_type = t;
    detail::finish_header(o, t);
    return o;
}

void note_external_memory(ptrdiff_t bytes)
{
    // Only growth counts towards the next collection; releases happen in sweeps, which reset
    // the counter anyway.
    if (bytes > 0) {
        count_allocation(static_cast<size_t>(bytes));
        if (PY_UNLIKELY(g_allocated_since.load(std::memory_order_relaxed) > g_threshold))
            request_collection(t_heap);
    }
}

namespace {
std::mutex g_retire_mutex; // guards g_retired; a leaf lock
// GC-9: released by the next collection. What threads without a ThreadHeap retire, and what
// threads that ended left.
std::vector<Retired> g_retired;
} // namespace

void retire(void* p, void (*release)(void*), size_t bytes)
{
    if (!p)
        return;
    if (!g_stm_active) {
        release(p);
        return;
    }
    if (ThreadHeap* heap = t_heap) {
        std::lock_guard lock(heap->retire_mutex);
        heap->retired.push_back({ p, release });
    } else {
        std::lock_guard lock(g_retire_mutex);
        g_retired.push_back({ p, release });
    }
    if (bytes)
        note_external_memory(static_cast<ptrdiff_t>(bytes));
}

void add_root(Value* slot)
{
    std::lock_guard lock(g_heap_mutex);
    g_roots.push_back(slot);
}

void remove_root(Value* slot)
{
    std::lock_guard lock(g_heap_mutex);
    auto it = std::find(g_roots.rbegin(), g_roots.rend(), slot);
    if (it != g_roots.rend())
        g_roots.erase(std::next(it).base());
}

void register_permanent(Object* o)
{
    std::lock_guard lock(g_heap_mutex);
    o->m_gc.fetch_or(OF_PERMANENT, std::memory_order_relaxed);
    g_permanent.push_back(o);
}

RootedValues::RootedValues()
{
    ThreadHeap* heap = this_heap();
#ifndef NDEBUG
    // GC-5: a RootedValues is on its thread's chain exactly once (a skipped destructor would
    // leave a stale entry that a later one at the same address turns into a cycle).
    for (RootedValues* r = heap->rooted; r; r = r->m_prev_rooted)
        PY_ASSERT(r != this, "GC-5");
#endif
    m_prev_rooted = heap->rooted;
    heap->rooted = this;
}

RootedValues::~RootedValues()
{
    ThreadHeap* heap = this_heap();
    // Destruction is LIFO in practice (scoped temporaries); tolerate the rare other order.
    RootedValues** link = &heap->rooted;
    while (*link && *link != this)
        link = &(*link)->m_prev_rooted;
    if (*link)
        *link = m_prev_rooted;
}

namespace {
CollectCallbackFn g_collect_callback = nullptr;
thread_local bool t_in_collect_callback = false;

// Runs the collect callback, unless one already runs on this thread (a callback that allocates
// may reach a poll that collects).
void collect_callback(bool start, size_t freed)
{
    if (!g_collect_callback || t_in_collect_callback)
        return;
    t_in_collect_callback = true;
    struct Reset {
        ~Reset() { t_in_collect_callback = false; }
    } reset;
    g_collect_callback(start, freed);
}

// collect() without the callbacks; [lazy]: see GC-14.
size_t collect_world(bool lazy)
{
    size_t freed = 0;
    // GC-8: with parallel transactions every other thread is stopped first (vm/transaction.cpp).
    if (g_stop_world && !g_stop_world())
        return 0; // another thread collected meanwhile
    // GC-9: every other thread is at a safepoint now, so memory retired before this point is
    // unreachable from any C++ frame.
    std::vector<Retired> retired;
    {
        std::lock_guard lock(g_retire_mutex);
        retired.swap(g_retired);
    }
    {
        std::lock_guard heap_lock(g_heap_mutex);
        for (ThreadHeap* heap = g_threads; heap; heap = heap->next) {
            std::lock_guard lock(heap->retire_mutex);
            retired.insert(retired.end(), heap->retired.begin(), heap->retired.end());
            heap->retired.clear();
        }
    }
    {
        // The world resumes even if the collection fails (std::bad_alloc from its mark stack).
        struct Resume {
            ~Resume()
            {
                if (g_resume_world)
                    g_resume_world();
            }
        } resume;
        std::lock_guard lock(g_heap_mutex);
        if (!g_collecting)
            collect_locked(&freed, lazy);
    }
    // The retired memory is released once the others run again: nothing can reach it any more,
    // and tens of thousands of frees (a list's or a dict's every growth, in a parallel program)
    // took milliseconds of each pause, while every other thread waited.
    for (Retired const& r : retired)
        r.release(r.p);
    // CPython runs these inside its collection: faulthandler reports them as such.
    struct Finishing {
        bool saved = detail::t_finishing_collection;
        Finishing() { detail::t_finishing_collection = true; }
        ~Finishing() { detail::t_finishing_collection = saved; }
    } finishing;
    // Weak-reference callbacks run here, after the collection, at the caller's safepoint (GC-4).
    if (g_after_collect && detail::weak_slots_cleared())
        g_after_collect();
    // Then the finalizers queued by this collection (GC-6). The queue stays a root until each
    // object's __del__ has run.
    for (;;) {
        Object* o = nullptr;
        {
            std::lock_guard lock(g_heap_mutex);
            if (g_finalize_queue.empty())
                break;
            o = g_finalize_queue.back();
            g_finalize_queue.pop_back();
        }
        Value keep(o); // GC-1: a stack root while __del__ runs
        g_finalizer_hooks.run(o);
    }
    return freed;
}

size_t collect_with_callbacks(bool lazy)
{
    collect_callback(true, 0);
    size_t freed = collect_world(lazy);
    collect_callback(false, freed);
    return freed;
}
} // namespace

void set_collect_callback(CollectCallbackFn fn) { g_collect_callback = fn; }

size_t collect() { return collect_with_callbacks(false); }

void maybe_collect()
{
    // GC-14: a collection the allocation threshold asked for leaves most of its sweep to the
    // allocating threads; gc.collect() sweeps everything (its count of freed objects is exact
    // and memory is released at once).
    // Not from inside a collect callback: gc.callbacks code that reaches a poll before the
    // collection it announces would otherwise run a second one, nested in the first (CPython
    // does not nest them either).
    if (collection_requested() && !t_in_collect_callback)
        collect_with_callbacks(lazy_sweep_enabled());
}

void register_parallel_destroy(DestroyFn fn)
{
    PY_VERIFY(g_parallel_destroy_count < std::size(g_parallel_destroy), "GC-12");
    if (!parallel_destroy(fn))
        g_parallel_destroy[g_parallel_destroy_count++] = fn;
}

void note_finalizer_type() { g_finalizer_types.store(true, std::memory_order_relaxed); }

void register_finalizable(Object* o, bool tentative)
{
    Registrations& r = this_heap()->finalizable;
    r.list.push_back(o);
    if (!tentative) // no attempt that may abort runs: the tentative ones before it committed
        r.settled = r.list.size();
}

void settle_finalizable(bool committed)
{
    if (!t_heap)
        return;
    Registrations& r = t_heap->finalizable;
    if (committed)
        r.settled = r.list.size();
    else
        r.list.resize(r.settled);
}

void set_finalizer_hooks(FinalizerHooks hooks)
{
    std::lock_guard lock(g_heap_mutex);
    g_finalizer_hooks = hooks;
}

void set_after_collect_hook(AfterCollectFn fn) { g_after_collect = fn; }

void set_root_tracer(void (*fn)(Tracer&)) { g_root_tracer = fn; }


void set_request_flag(std::atomic<uint32_t>* word, uint32_t bit)
{
    ThreadHeap* heap = t_heap;
    PY_VERIFY(heap, "GC-2");
    heap->request_word = word;
    heap->request_bit = bit;
    if (word && collection_requested())
        word->fetch_or(bit, std::memory_order_relaxed); // raised before this thread had a word
}

void set_world_hooks(bool (*stop)(), void (*resume)())
{
    g_stop_world = stop;
    g_resume_world = resume;
}

void register_thread(void* stack_base)
{
    auto* heap = new ThreadHeap;
    pthread_attr_t attr;
    char const* top = static_cast<char const*>(stack_base);
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
        void* addr = nullptr;
        size_t size = 0;
        if (pthread_attr_getstack(&attr, &addr, &size) == 0)
            top = static_cast<char const*>(addr) + size;
        pthread_attr_destroy(&attr);
    }
    heap->stack_top = top;
    heap->parked_sp = top; // TX-2: parked, with nothing to scan, until its first transaction
    std::lock_guard lock(g_heap_mutex);
    heap->next = g_threads;
    g_threads = heap;
    t_heap = heap;
}

__attribute__((noinline)) void park_thread()
{
    ThreadHeap* heap = this_heap();
    // The callers' frames lie above this one; values they keep in callee-saved registers are
    // saved into parked_regs.
    save_callee_saved(&heap->parked_regs);
    heap->parked_sp = static_cast<char const*>(__builtin_frame_address(0));
}

void unpark_thread() { this_heap()->parked_sp = nullptr; }

void unregister_thread()
{
    std::lock_guard lock(g_heap_mutex);
    ThreadHeap* heap = t_heap;
    if (!heap)
        return;
    for (uint8_t cls = 0; cls < NUM_CLASSES; ++cls) {
        // Hand unused cells back to their chunks.
        for (FreeCell* cell = heap->free_lists[cls]; cell;) {
            FreeCell* next = cell->next;
            Chunk* c = chunk_of(reinterpret_cast<uintptr_t>(cell));
            cell->next = c->free_list;
            c->free_list = cell;
            c->free_count++;
            cell = next;
        }
        if (heap->current[cls])
            heap->current[cls]->owned = false;
    }
    ThreadHeap** link = &g_threads;
    while (*link != heap)
        link = &(*link)->next;
    *link = heap->next;
    // GC-15: its registrations outlive it. It exits between transactions, after a commit (an
    // aborted attempt always runs again), so the tentative ones are settled too.
    auto& orphans = g_orphan_finalizable.list;
    orphans.insert(orphans.end(), heap->finalizable.list.begin(), heap->finalizable.list.end());
    g_orphan_finalizable.settled = orphans.size();
    {
        // GC-9: what it retired is still released by the next collection only.
        std::lock_guard retire_lock(g_retire_mutex);
        g_retired.insert(g_retired.end(), heap->retired.begin(), heap->retired.end());
    }
    delete heap;
    t_heap = nullptr;
}

bool is_heap_object(void const* p)
{
    std::lock_guard lock(g_heap_mutex);
    auto addr = reinterpret_cast<uintptr_t>(p);
    Object* o = find_object(addr);
    return o && reinterpret_cast<uintptr_t>(o) == addr;
}

Stats stats()
{
    std::lock_guard lock(g_heap_mutex);
    return Stats { g_live_bytes + g_allocated_since.load(std::memory_order_relaxed), g_live_objects,
        detail::g_collection_count, g_threshold };
}

void verify_heap()
{
    class Checker final : public Tracer {
    public:
        void visit(Value v) override
        {
            if (!v.is_object())
                return;
            Object* o = v.as_object();
            bool ok = (o->m_gc.load(std::memory_order_relaxed) & OF_PERMANENT)
                || (find_object(reinterpret_cast<uintptr_t>(o)) == o);
            PY_VERIFY(ok, "GC-3");
        }
        void visit_words(char const*, char const*) override { }
    };
    std::lock_guard lock(g_heap_mutex);
    Checker checker;
    auto check = [&](Object* o) {
        checker.visit(Value(o->m_type));
        if (o->m_type->m_trace)
            o->m_type->m_trace(o, checker);
    };
    for (Chunk* c : g_chunk_list)
        for (uint32_t i = 0; i < c->cell_count; ++i)
            if (c->allocated(i)) {
                auto* o = reinterpret_cast<Object*>(c->base + size_t(i) * c->cell_size);
                if (!c->unswept || (o->m_gc.load(std::memory_order_relaxed) & OF_MARK))
                    check(o); // GC-14: an unswept chunk's unmarked cells are dead
            }
    for (auto& [addr, large] : g_large)
        check(reinterpret_cast<Object*>(addr));
}

} // namespace pystm::gc

// The interpreter as the client of the STM runtime (vm/stm_client.h): undo records, barrier slow
// paths, allocation inside transactions, the collector's roots, restart points and restarts.
//
// Undo records (objects/undo.h). A record is a ClientRecord: the operations of the nearest type
// in the object's base chain that registered some (its "owner", a static type) with their
// record, plus a byte copy of the rest of the object: the plain fields that static subclasses of
// the owner add, and a heap subclass's __dict__ pointer and __slots__ values. Types whose layout
// is plain data register g_plain_undo, which covers nothing, so the byte copy is the whole
// record. The allow list below names them; a type not on it makes a transaction that writes one
// of its instances inevitable (UNDO-1), which is always correct.
#include "vm/stm_client.h"
#include "gc/heap.h"
#include "gc/weak_slots.h"
#include "objects/access.h"
#include "objects/bytes_object.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/function_object.h"
#include "objects/list_object.h"
#include "objects/set_object.h"
#include "objects/str_object.h"
#include "objects/type_object.h"
#include "objects/undo.h"
#include "stm/stm.h"
#include "vm/eval_breaker.h"
#include "vm/frame.h"
#include "vm/stm_location.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <random>
#include <string_view>
#include <vector>

namespace pystm {

bool g_stm_active = false;

namespace {
void* plain_save(Object*, Type*) { return nullptr; }
void plain_restore(Object*, Type*, void*) { }
void plain_drop(void*) { }
void plain_trace(void*, gc::Tracer&) { }
} // namespace

StmUndoOps const g_plain_undo { plain_save, plain_restore, plain_drop, plain_trace, 0 };

namespace vm {

TxMode g_tx_mode = TxMode::Parallel;
uint32_t g_stm_chaos = 0;

namespace {

    // PYSTM_STM_UNDO_REPORT=1: names on stderr, once per type, each type whose write made a
    // transaction inevitable for want of an undo record (UNDO-1). A debugging aid: such a type
    // stops every other thread's commits whenever a transaction changes one of its objects.
    bool s_undo_report = false;
    [[gnu::noinline]] void report_no_undo(Type* t)
    {
        static std::mutex mutex;
        static std::vector<Type*> reported;
        std::lock_guard lock(mutex);
        if (std::find(reported.begin(), reported.end(), t) != reported.end())
            return;
        reported.push_back(t);
        std::fprintf(stderr,
            "pystm: a write to a '%s' object made its transaction inevitable (UNDO-1)\n",
            t->m_name ? str_utf8(t->m_name).c_str() : "?");
    }

// --- record memory ---------------------------------------------------------------------------------

// A write barrier's slow path saves one record and the commit or abort drops it, on the same
// thread, within one attempt: a few per transaction, of a few sizes (a frame, an instance). Each
// thread keeps the blocks it freed, per size class, for its next saves, instead of a malloc and a
// free per written object, which cost a transaction that writes 32 dict values 3% of its time.
// A transaction that ends while its thread exits may drop records after the thread's pool was
// destroyed: they go to free() then.
constinit thread_local bool t_record_pool_gone = false;
class RecordPool {
public:
    static constexpr size_t kGranule = 64;
    static constexpr size_t kClasses = 16; // blocks up to 1 KiB; bigger ones go to malloc
    // Free blocks kept per class. A transaction that locks thousands of objects (the stripes of a
    // big striped dict, in a loop) takes a small block for each: up to 128 bytes, many are kept.
    static constexpr size_t kKeep = 256;
    static constexpr size_t kSmallClasses = 2; // blocks up to 128 bytes
    static constexpr size_t kKeepSmall = 32768;

    ~RecordPool()
    {
        for (auto& list : m_free)
            for (void* b : list)
                std::free(b);
        t_record_pool_gone = true;
    }
    void* allocate(size_t n)
    {
        size_t total = n + kHeader;
        size_t cls = t_record_pool_gone ? kClasses : (total + kGranule - 1) / kGranule - 1;
        char* b;
        if (cls < kClasses && !m_free[cls].empty()) {
            b = static_cast<char*>(m_free[cls].back());
            m_free[cls].pop_back();
        } else {
            b = static_cast<char*>(std::malloc(cls < kClasses ? (cls + 1) * kGranule : total));
            if (!b)
                raise_memory_error();
        }
        *reinterpret_cast<size_t*>(b) = cls;
        return b + kHeader;
    }
    void release(void* p)
    {
        char* b = static_cast<char*>(p) - kHeader;
        size_t cls = *reinterpret_cast<size_t*>(b);
        if (cls < kClasses && !t_record_pool_gone
            && m_free[cls].size() < (cls < kSmallClasses ? kKeepSmall : kKeep))
            m_free[cls].push_back(b);
        else
            std::free(b);
    }

private:
    static constexpr size_t kHeader = 16; // the size class, keeping the block 16-byte aligned
    std::vector<void*> m_free[kClasses];
};
thread_local RecordPool t_record_pool;

// --- frames: a byte copy of the whole frame (its locals, value stack and block stack) -------------

struct Bytes {
    uint32_t off, len;
    char data[];
};

Bytes* copy_bytes(Object* o, size_t off, size_t len)
{
    auto* b = static_cast<Bytes*>(t_record_pool.allocate(sizeof(Bytes) + len));
    b->off = static_cast<uint32_t>(off);
    b->len = static_cast<uint32_t>(len);
    std::memcpy(b->data, reinterpret_cast<char*>(o) + off, len);
    return b;
}

size_t frame_bytes(Frame* f)
{
    return sizeof(Frame) + sizeof(Value) * static_cast<size_t>(f->m_nlocalsplus + f->m_stacksize + f->m_blockcap);
}

void* frame_save(Object* o, Type*) { return copy_bytes(o, sizeof(Object), frame_bytes(static_cast<Frame*>(o)) - sizeof(Object)); }
void frame_restore(Object* o, Type*, void* r)
{
    auto* b = static_cast<Bytes*>(r);
    std::memcpy(reinterpret_cast<char*>(o) + b->off, b->data, b->len);
}
void frame_drop(void* r) { t_record_pool.release(r); }
void frame_trace(void* r, gc::Tracer& t)
{
    auto* b = static_cast<Bytes*>(r);
    t.visit_words(b->data, b->data + b->len);
}

StmUndoOps const s_frame_undo { frame_save, frame_restore, frame_drop, frame_trace, UINT32_MAX };

// --- client records -------------------------------------------------------------------------------

struct ClientRecord {
    StmUndoOps const* ops;
    Type* owner;
    void* rec;
    uint32_t off, len; // the byte-copied rest of the object
    char data[];
};

// The type whose undo operations apply to instances of [t]: the nearest in its base chain that has
// some, provided only heap types lie between (a static type without operations has fields nobody
// saves). Null if none.
Type* undo_owner(Type* t)
{
    for (Type* b = t; b; b = b->m_base) {
        if (b->m_stm_undo)
            return b;
        if (!b->has_flag(TF_HEAPTYPE))
            return nullptr;
    }
    return nullptr;
}

stm::UndoRecord save_state(Object* o)
{
    Type* t = o->m_type;
    Type* owner = undo_owner(t);
    PY_VERIFY(owner, "UNDO-1");
    StmUndoOps const* ops = owner->m_stm_undo;
    size_t start = 0, end = 0;
    if (ops->covers != UINT32_MAX) {
        start = std::max<size_t>(sizeof(Object), ops->covers);
        end = std::max<size_t>(t->m_layout_size, t->m_instance_size);
    }
    size_t len = end > start ? end - start : 0;
    auto* r = static_cast<ClientRecord*>(t_record_pool.allocate(sizeof(ClientRecord) + len));
    r->ops = ops;
    r->owner = owner;
    r->rec = ops->save(o, owner);
    r->off = static_cast<uint32_t>(start);
    r->len = static_cast<uint32_t>(len);
    std::memcpy(r->data, reinterpret_cast<char*>(o) + start, len);
    return stm::UndoRecord { r, 0 };
}

void restore_state(Object* o, stm::UndoRecord const& u)
{
    auto* r = static_cast<ClientRecord*>(u.data);
    r->ops->restore(o, r->owner, r->rec);
    std::memcpy(reinterpret_cast<char*>(o) + r->off, r->data, r->len);
}

void drop_state(Object*, stm::UndoRecord const& u)
{
    auto* r = static_cast<ClientRecord*>(u.data);
    r->ops->drop(r->rec);
    t_record_pool.release(r);
}

// UNDO-3: written objects and what their records reference stay alive while the attempt runs.
void trace_write(Object* o, stm::UndoRecord const& u, void* ctx)
{
    auto& t = *static_cast<gc::Tracer*>(ctx);
    t.visit(Value(o));
    if (auto* r = static_cast<ClientRecord*>(u.data)) {
        r->ops->trace(r->rec, t);
        t.visit_words(r->data, r->data + r->len);
    }
}

void trace_transactions(gc::Tracer& t)
{
    for (ThreadState* ts = thread_state_head(); ts; ts = ts->m_next)
        if (ts->m_stm_tx)
            stm::for_each_write(static_cast<stm::Transaction*>(ts->m_stm_tx), trace_write, &t);
    trace_locations(t); // LOC-1
}

// Static types whose builtin layout is plain data, written only through barriers.
constexpr std::string_view s_plain_types[] = {
    "object", "function", "cell", "method", "classmethod", "staticmethod", "property", "module",
    "generator", "coroutine", "async_generator", "traceback", "list_iterator", "list_reverseiterator",
    "tuple_iterator", "str_ascii_iterator", "str_iterator", "bytes_iterator", "bytearray_iterator",
    "range_iterator", "longrange_iterator", "set_iterator", "dict_keyiterator", "dict_valueiterator",
    "dict_itemiterator", "dict_reversekeyiterator", "dict_reversevalueiterator",
    "dict_reverseitemiterator", "enumerate", "zip", "map", "filter", "reversed", "iterator",
    "callable_iterator", "types.SimpleNamespace", "functools.partial", "_random.Random",
};

void register_undo_ops()
{
    for (Type* t : static_types()) {
        std::string_view name = t->m_tp_name ? t->m_tp_name : "";
        if (t->has_flag(TF_EXC_SUBCLASS)
            || std::find(std::begin(s_plain_types), std::end(s_plain_types), name) != std::end(s_plain_types))
            t->m_stm_undo = &g_plain_undo;
    }
    list_type.m_stm_undo = &g_list_undo;
    dict_type.m_stm_undo = &g_dict_undo;
    dict_stripe_type.m_stm_undo = &g_dict_stripe_undo;
    set_stripe_type.m_stm_undo = &g_plain_undo; // SET-6: a stripe's only field never changes
    set_type.m_stm_undo = &g_set_undo;
    bytearray_type.m_stm_undo = &g_bytearray_undo;
    frame_type.m_stm_undo = &s_frame_undo;
}

std::minstd_rand& chaos_rng()
{
    static thread_local std::minstd_rand rng(12345);
    return rng;
}

// A chaos abort, at most one per attempt, only where a re-run is possible (CLI-1).
void maybe_chaos_abort()
{
    ThreadState* ts = tstate();
    if (ts && ts->m_restartable && !stm::is_inevitable() && chaos_rng()() % g_stm_chaos == 0)
        stm::abort_transaction();
}

// LIST-3: deferred appends. list.append on a list the attempt does not own only queues the item
// (ThreadState::m_deferred_appends); the attempt applies its queued appends to a list before it
// touches that list again (the barrier slow paths, which the list reaches because the read
// filter forgot it), and all of them before it commits or becomes inevitable. So threads that
// append to one shared list hold its lock only while they commit, and the appends land in
// commit order, which is the order of a serial run. An attempt that aborts drops its queue.
// DICT-10 queues the insertions of new keys into striped dicts the same way.
thread_local bool t_flushing = false; // applying queued changes: their own barriers must not recurse

// Keeps the queue's mirrors in step with it after it shrank: the filter (cleared when the queue
// is empty) and t_queued_inserts.
inline void inserts_shrunk(ThreadState* ts)
{
    t_queued_inserts = ts->m_deferred_inserts.size();
    if (ts->m_deferred_inserts.empty())
        std::memset(t_pending_filter, 0, sizeof t_pending_filter);
}
inline void clear_inserts(ThreadState* ts)
{
    if (!ts->m_deferred_inserts.empty()) {
        ts->m_deferred_inserts.clear();
        inserts_shrunk(ts);
    }
    t_queued_inserts = 0;
}

// WEAK-2: an attempt begins; the weak slots registered by the previous one stay registered if
// it committed (the thread's commit count moved) and are dropped if it aborted: its weak
// references are garbage, and getweakrefcount() must not count them.
inline void end_weak_slots(ThreadState* ts)
{
    if (PY_LIKELY(ts->m_weak_slots.empty()))
        return;
    if (stm::thread_stats().commits == ts->m_weak_slots_commits)
        for (auto [owner, slot] : ts->m_weak_slots)
            gc::unregister_weak_slot(owner, slot);
    ts->m_weak_slots.clear();
}

inline bool has_deferred(ThreadState* ts)
{
    return !ts->m_deferred_appends.empty() || !ts->m_deferred_inserts.empty();
}

// Only a list, dict or set can have queued changes (LIST-3, DICT-10, SET-6): a barrier on any
// other object needs no scan of the queues.
inline bool may_have_queued(Object* o)
{
    return o->m_type->m_flags & (TF_LIST_SUBCLASS | TF_DICT_SUBCLASS | TF_SET_SUBCLASS);
}

void apply_deferred(ThreadState* ts, Object* only)
{
    auto& q = ts->m_deferred_appends;
    auto& qi = ts->m_deferred_inserts;
    if ((q.empty() && qi.empty()) || t_flushing || gc::in_collection())
        return;
    if (only && !may_have_queued(only))
        return;
    t_flushing = true;
    try {
        size_t kept = 0;
        for (size_t i = 0; i < q.size(); ++i) {
            auto da = q[i];
            if (only && static_cast<Object*>(da.list) != only) {
                q[kept++] = q[i];
                continue;
            }
            ts->m_location_override = da.location; // LOC-3
            // Its write barrier may throw StmAbort: the queue is dropped then.
            list_append(da.list, da.value);
        }
        q.resize(kept);
        kept = 0;
        for (size_t i = 0; i < qi.size(); ++i) {
            auto di = qi[i];
            if (only && di.container != only) {
                qi[kept++] = qi[i];
                continue;
            }
            ts->m_location_override = di.location; // LOC-3
            // DICT-10, DICT-11, SET-6, SET-7; may throw StmAbort
            if (di.container->m_type->has_flag(TF_DICT_SUBCLASS))
                dict_apply_insert(static_cast<DictObject*>(di.container), di.key, di.hash, di.value);
            else
                set_apply_add(static_cast<SetObject*>(di.container), di.key, di.hash, di.value);
        }
        qi.resize(kept);
        inserts_shrunk(ts);
    } catch (...) {
        t_flushing = false;
        ts->m_location_override = 0;
        throw;
    }
    t_flushing = false;
    ts->m_location_override = 0;
}

// The running thread's state if a change of [o] may be queued now (LIST-3, DICT-10): a
// restartable, non-inevitable attempt that does not own [o], outside a flush and a collection.
// [queued] is the length of the queue the change would join: a long attempt changing shared
// containers in a loop is asked to commit at its next restart point (applying the queue at once
// would hold the container's lock for the rest of the attempt), and a very long queue is applied.
ThreadState* may_defer(Object* o, size_t (*queued)(ThreadState*), size_t commit_after)
{
    ThreadState* ts = tstate();
    if (!ts || !ts->m_restartable || t_flushing || !stm::in_transaction() || stm::is_inevitable()
        || stm::write_fast(o) || gc::in_collection())
        return nullptr;
    if (PY_UNLIKELY(queued(ts) >= commit_after)) {
        ts->m_commit_soon = true;
        ts->m_poll_skip = 0; // the restart point's inline countdown would ignore the hint
        if (queued(ts) >= (size_t(1) << 20))
            apply_deferred(ts, nullptr); // memory bound: no restart point for a long while
    }
    stm::forget_read(o);
    return ts;
}

bool defer_list_append(ListObject* l, Value v)
{
    ThreadState* ts = may_defer(l, [](ThreadState* t) { return t->m_deferred_appends.size(); }, 4096);
    if (!ts)
        return false;
    ts->m_deferred_appends.push_back({ l, v, current_location() });
    return true;
}

// An attempt that queued this many insertions into striped dicts and sets commits at its next
// restart point (outside atomic blocks). Two attempts that insert k keys each (and read as many)
// meet in a stripe with a chance of about k*k/stripes, and a transaction that grows long because
// nothing aborts it would otherwise make k large (measured with bench/threads/dict_set_insert.py).
constexpr size_t kCommitAfterInserts = 64;

// g_queue_keyed_change (DICT-10, DICT-11, SET-6, SET-7): queues a change of [key] in a striped
// dict or set ([value]: the value to store, null to add to a set, g_deleted_marker to delete);
// false when it must be done now.
bool queue_keyed_change(Object* container, Value key, int64_t hash, Value value)
{
    ThreadState* ts = may_defer(container, [](ThreadState* t) { return t->m_deferred_inserts.size(); },
        kCommitAfterInserts);
    if (!ts)
        return false;
    ts->m_deferred_inserts.push_back({ container, key, hash, value, current_location() });
    t_queued_inserts = ts->m_deferred_inserts.size();
    size_t bit = pending_bit(container, hash);
    t_pending_filter[bit / 64] |= uint64_t(1) << (bit % 64);
    return true;
}

// The queued insertion of [key] into [container], newest first (an attempt may queue a key, apply it
// through a whole-dict read, delete it and queue it again). Keys are simple (DICT-10): equal
// means identical or equal exact str.
Value* pending_lookup(Object* container, Value key, int64_t hash)
{
    ThreadState* ts = tstate();
    if (!ts || ts->m_deferred_inserts.empty())
        return nullptr;
    if (!maybe_pending(container, hash))
        return nullptr;
    auto& qi = ts->m_deferred_inserts;
    for (size_t i = qi.size(); i-- > 0;) {
        auto& di = qi[i];
        if (di.container != container || di.hash != hash)
            continue;
        if (di.key == key
            || (is_exact_str(di.key) && is_exact_str(key) && str_eq(di.key.as<StrObject>(), key.as<StrObject>())))
            return &di.value;
    }
    return nullptr;
}

// STM-15's stall report: "file:line in function" for a location tag.
void describe_location(uint64_t tag, char* buf, size_t size)
{
    SourceLocation loc;
    if (!resolve_location(tag, loc) || !loc.filename) {
        std::snprintf(buf, size, "an unknown location");
        return;
    }
    std::snprintf(buf, size, "%s:%d in %s", str_utf8(loc.filename).c_str(), int(loc.line),
        loc.function ? str_utf8(loc.function).c_str() : "?");
}

void before_commit()
{
    if (ThreadState* ts = tstate())
        apply_deferred(ts, nullptr);
}

// STM-7's demotion spares type dicts: type_lookup()'s cache hits rely on the read-mostly epoch
// to cover them (TYPE-4). Module globals may leave the scheme: LOAD_GLOBAL takes its barriers.
bool keep_read_mostly(Object* o)
{
    return o->m_type == &dict_type && dict_is_type_dict(static_cast<DictObject*>(o));
}

} // namespace

bool stm_undoable(Type* t)
{
    Type* owner = undo_owner(t);
    return owner && (t->m_var_size == nullptr || owner->m_stm_undo->covers == UINT32_MAX);
}

namespace {
bool s_was_engaged = false;
}

bool stm_was_engaged() { return s_was_engaged; }

void stm_engage()
{
    if (g_stm_active)
        return;
    s_was_engaged = true;
    register_undo_ops();
    stm::ClientHooks hooks;
    hooks.save_state = save_state;
    hooks.restore_state = restore_state;
    hooks.drop_state = drop_state;
    hooks.location = current_location; // vm/stm_location.h
    hooks.keep_read_mostly = keep_read_mostly;
    hooks.before_commit = before_commit;
    hooks.describe_location = describe_location;
    stm::set_client_hooks(hooks);
    g_defer_list_append = defer_list_append;
    g_queue_keyed_change = queue_keyed_change;
    g_pending_lookup = pending_lookup;
    gc::set_root_tracer(trace_transactions);
    if (char const* c = std::getenv("PYSTM_DICT_STRIPES"))
        g_dict_stripes_always = *c == '1';
    if (char const* c = std::getenv("PYSTM_STM_STALL"))
        stm::config().stall_seconds = static_cast<uint32_t>(std::strtoul(c, nullptr, 10)); // STM-15
    if (char const* c = std::getenv("PYSTM_STM_CHAOS"))
        g_stm_chaos = static_cast<uint32_t>(std::strtoul(c, nullptr, 10));
    if (char const* c = std::getenv("PYSTM_STM_UNDO_REPORT"))
        s_undo_report = *c == '1';
    // Every read reaches the chaos hook, unless PYSTM_STM_CHAOS_FILTER=1 keeps the inline read
    // filter: then only slow paths abort, but the per-key reads of striped containers, which
    // need the filter (DICT-10, SET-6), run under forced aborts too.
    char const* keep = std::getenv("PYSTM_STM_CHAOS_FILTER");
    if (g_stm_chaos && !(keep && *keep == '1'))
        stm::config().inline_read_filter = false;
    g_stm_active = true;
}

namespace {
// TQ-6: after an abort a queue worker runs half as many calls per transaction (at least one);
// after kBatchStreak commits in a row of attempts that ran calls, twice as many (up to
// kBatchMax).
constexpr uint32_t kBatchStreak = 64;
constexpr uint32_t kBatchMax = 64;

// At the begin of an attempt: the previous one committed if it ran calls (an abort cleared its
// count, stm_batch_aborted).
void grow_batch(ThreadState* ts)
{
    if (ts->m_batch_calls > 0 && ++ts->m_batch_streak >= kBatchStreak) {
        ts->m_batch_limit = std::min(ts->m_batch_limit * 2, kBatchMax);
        ts->m_batch_streak = 0;
    }
    ts->m_batch_calls = 0;
}

// What the previous attempt left in the thread state, dropped (or, for weak slots, settled)
// before the next one begins; then the attempt begins with fresh poll counts.
void begin_attempt(ThreadState* ts)
{
    ts->m_deferred_appends.clear(); // LIST-3: an aborted attempt's queue
    ts->m_pending_adds.clear(); // an aborted attempt's statistics (stm_add_on_commit)
    ts->m_on_commit.clear(); // an aborted attempt's wakes (stm_on_commit)
    clear_inserts(ts); // DICT-10
    end_weak_slots(ts); // WEAK-2
    if (PY_UNLIKELY(ts->m_tentative_finalizable)) { // GC-15
        gc::settle_finalizable(stm::thread_stats().commits != ts->m_finalizable_commits);
        ts->m_tentative_finalizable = false;
    }
    stm::begin();
    ts->m_tx_polls = 0;
    ts->m_poll_skip = 0;
    grow_batch(ts);
}
} // namespace

void stm_begin_inevitable(ThreadState* ts)
{
    ts->m_restartable = false;
    begin_attempt(ts);
    stm::become_inevitable(); // cannot fail: nothing was read yet
}

void stm_begin_at_restart_point(ThreadState* ts)
{
    begin_attempt(ts);
    ts->m_restart_frame = ts->m_frame;
    ts->m_restart_recursion = ts->m_recursion_depth;
    ts->m_restart_exc_info = ts->m_exc_info;
    ts->m_restart_exc_base = ts->m_exc_base.m_exc;
    ts->m_restart_context = ts->m_context;
    ts->m_restartable = true;
    // CLI-2: the current frame's state (pc and sp saved by the poll) goes into the undo log.
    if (ts->m_frame)
        write_barrier(ts->m_frame);
}

bool stm_restartable(ThreadState* ts) { return ts->m_restartable && !stm::is_inevitable(); }

void stm_add_on_commit(Object* owner, std::atomic<int64_t>* counter, int64_t delta)
{
    if (!g_stm_active || !stm::in_transaction() || stm::is_inevitable()) {
        counter->fetch_add(delta, std::memory_order_relaxed);
        return;
    }
    auto& pending = tstate()->m_pending_adds;
    for (auto& pa : pending)
        if (pa.counter == counter) {
            pa.delta += delta;
            return;
        }
    pending.push_back({ owner, counter, delta });
}

int64_t stm_pending_add(std::atomic<int64_t> const* counter)
{
    ThreadState* ts = tstate();
    if (!ts)
        return 0;
    for (auto const& pa : ts->m_pending_adds)
        if (pa.counter == counter)
            return pa.delta;
    return 0;
}

void stm_apply_pending_adds(ThreadState* ts)
{
    for (auto const& pa : ts->m_pending_adds)
        pa.counter->fetch_add(pa.delta, std::memory_order_relaxed);
    ts->m_pending_adds.clear();
}

void stm_on_commit(Object* owner, void (*action)(Object*))
{
    if (!g_stm_active || !stm::in_transaction()) {
        action(owner);
        return;
    }
    tstate()->m_on_commit.push_back({ owner, action });
}

void stm_run_on_commit(ThreadState* ts)
{
    // An action may not add another: it runs outside the heap's transactional state.
    auto actions = std::move(ts->m_on_commit);
    ts->m_on_commit.clear();
    for (auto const& oc : actions)
        oc.action(oc.owner);
}

void stm_request_commit_soon(ThreadState* ts)
{
    // TX-5: a thread alone in parallel mode runs no transaction, so there is nothing to end;
    // and nothing there clears EB_TX_SWITCH, which would then send every later poll of the
    // loop through handle_eval_breaker() (a TransactionQueue run on one thread asks after
    // every call). The next engagement sets the bit again.
    if (g_tx_mode == TxMode::Parallel && !g_stm_active)
        return;
    ts->m_commit_soon = true;
    ts->m_poll_skip = 0; // the restart point's inline countdown would ignore the request
    ts->m_eval_breaker.fetch_or(EB_TX_SWITCH, std::memory_order_relaxed);
}

void stm_between_calls(ThreadState* ts)
{
    if (g_stm_active && stm::in_transaction() && !stm::is_inevitable()
        && ++ts->m_batch_calls < ts->m_batch_limit)
        return;
    stm_request_commit_soon(ts);
}

void stm_batch_aborted(ThreadState* ts)
{
    ts->m_batch_limit = std::max<uint32_t>(1, ts->m_batch_limit / 2);
    ts->m_batch_streak = 0;
    ts->m_batch_calls = 0;
}

void stm_register_finalizable(Object* o)
{
    bool tentative = g_stm_active && stm::in_transaction() && !stm::is_inevitable();
    if (tentative) {
        ThreadState* ts = tstate();
        if (!ts->m_tentative_finalizable) {
            ts->m_tentative_finalizable = true;
            ts->m_finalizable_commits = stm::thread_stats().commits;
        }
    }
    gc::register_finalizable(o, tentative);
}

void stm_note_weak_slot(Object* owner, Value* slot)
{
    if (!g_stm_active || !stm::in_transaction() || stm::is_inevitable())
        return; // the registration cannot be undone by an abort
    ThreadState* ts = tstate();
    if (ts->m_weak_slots.empty())
        ts->m_weak_slots_commits = stm::thread_stats().commits;
    ts->m_weak_slots.emplace_back(owner, slot);
}

Frame* stm_restart(ThreadState* ts)
{
    PY_VERIFY(ts->m_restartable && ts->m_nested_runs == 1, "CLI-1");
    // The runtime already rolled the heap back (frames included, CLI-2); the thread state lives
    // outside the heap.
    ts->m_frame = ts->m_restart_frame;
    ts->m_recursion_depth = ts->m_restart_recursion;
    ts->m_exc_info = ts->m_restart_exc_info;
    ts->m_exc_base.m_exc = ts->m_restart_exc_base;
    ts->m_context = ts->m_restart_context;
    ts->m_current_exception = Value();
    ts->m_atomic_depth = 0; // TX-3: transactions never begin inside an atomic block
    // A request to commit soon (hint_commit_soon(), a long queue of deferred changes) was the
    // aborted attempt's: the re-run makes it again if it gets there. Kept, it would commit the
    // new attempt at its first restart point, before it redid anything, and that empty commit
    // would reset the count of consecutive aborts that makes a starving attempt inevitable
    // (STM-9): a with statement right at the restart point (BEFORE_WITH polls) re-ran an atomic
    // block that aborted 145 times per call on average instead of turning inevitable.
    ts->m_commit_soon = false;
    stm_begin_at_restart_point(ts);
    return ts->m_frame;
}

} // namespace vm

// --- the barrier slow paths of objects/access.h ------------------------------------------------------

namespace stm {

void read_barrier_slow(Object* o)
{
    if (o->is_immutable() || gc::in_collection())
        return; // OBJ-1; GC-8
    if (PY_UNLIKELY(vm::g_stm_chaos))
        vm::maybe_chaos_abort();
    if (ThreadState* ts = tstate();
        PY_UNLIKELY(ts && vm::has_deferred(ts)) && vm::may_have_queued(o))
        vm::apply_deferred(ts, o); // LIST-3: the read sees the attempt's appends
    read_slow(o); // access.h tested the own-word fast path
}

void read_validate_barrier_slow(Object* o)
{
    if (!o->is_immutable() && !gc::in_collection())
        read_validate_slow(o); // access.h tested the fast paths
}

void write_barrier_slow(Object* o)
{
    if (gc::in_collection())
        return; // GC-8 (access.h tested the fast path: the attempt does not own [o])
    if (PY_UNLIKELY(vm::g_stm_chaos))
        vm::maybe_chaos_abort();
    if (ThreadState* ts = tstate();
        PY_UNLIKELY(ts && vm::has_deferred(ts)) && vm::may_have_queued(o))
        vm::apply_deferred(ts, o); // LIST-3: queued appends come first
    if (!is_inevitable() && !vm::stm_undoable(o->m_type)) {
        if (PY_UNLIKELY(vm::s_undo_report))
            vm::report_no_undo(o->m_type);
        become_inevitable(); // UNDO-1
    }
    write_slow(o);
}

void lock_barrier_slow(Object* o)
{
    if (gc::in_collection())
        return; // GC-8
    if (PY_UNLIKELY(vm::g_stm_chaos))
        vm::maybe_chaos_abort();
    lock_slow(o); // no record, so neither queued changes of [o] nor UNDO-1 concern it
}

} // namespace stm

} // namespace pystm

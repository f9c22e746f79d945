// Thread states: creation, the registry the collector walks, and tracing their roots.
//
// Every thread that runs Python code owns one ThreadState, attached before any other pystm
// call on that thread. The registry is a singly linked list guarded by s_registry_mutex; it is
// changed only inside a transaction (attach links the state after its first transaction began,
// detach unlinks it before the last one ends), so the collector, which runs inside the
// collecting thread's transaction, walks it while no thread mutates it.
#include "vm/thread_state.h"
#include "gc/heap.h"
#include "objects/dict_object.h"
#include "vm/eval_breaker.h"
#include "vm/frame.h"
#include "vm/transaction.h"
#include <mutex>
#include <pthread.h>

namespace pystm {

constinit thread_local ThreadState* t_tstate = nullptr;
int g_recursion_limit = 1000;

namespace vm {
void note_main_thread_state(ThreadState* ts); // recursion.cpp
void note_thread_registered(); // transaction.cpp
void note_thread_exit(ThreadState* ts); // transaction.cpp: folds its statistics into the totals
}

namespace {
std::mutex s_registry_mutex;
ThreadState* s_head = nullptr;

char const* compute_stack_limit(void* stack_base)
{
    pthread_attr_t attr;
    char const* limit = nullptr;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
        void* addr = nullptr;
        size_t size = 0;
        if (pthread_attr_getstack(&attr, &addr, &size) == 0 && size > 2 * kStackReserve)
            limit = static_cast<char const*>(addr) + kStackReserve;
        pthread_attr_destroy(&attr);
    }
    if (!limit) {
        // Unknown stack: assume the common 8 MiB default below [stack_base].
        limit = static_cast<char const*>(stack_base) - (8u << 20) + kStackReserve;
    }
    return limit;
}
} // namespace

ThreadState* thread_state_attach(void* stack_base)
{
    gc::register_thread(stack_base); // parked until its first transaction begins (TX-2)
    auto* ts = new ThreadState;
    ts->m_stack_limit = compute_stack_limit(stack_base);
    ts->m_ident = static_cast<uint64_t>(pthread_self());
    gc::set_request_flag(&ts->m_eval_breaker, vm::EB_GC_REQUEST);
    vm::transaction_begin(ts);
    {
        std::lock_guard lock(s_registry_mutex);
        ts->m_next = s_head;
        s_head = ts;
    }
    t_tstate = ts;
    vm::note_thread_registered();
    vm::note_main_thread_state(ts);
    return ts;
}

void thread_state_detach()
{
    ThreadState* ts = t_tstate;
    if (!ts)
        return;
    {
        std::lock_guard lock(s_registry_mutex);
        ThreadState** link = &s_head;
        while (*link && *link != ts)
            link = &(*link)->m_next;
        if (*link)
            *link = ts->m_next;
    }
    t_tstate = nullptr;
    vm::note_thread_exit(ts);
    gc::unregister_thread();
    vm::transaction_end_final(ts);
    delete ts;
}

ThreadState* thread_state_head() { return s_head; }

void thread_state_signal(void const* stm_tx, uint32_t bits)
{
    std::lock_guard lock(s_registry_mutex);
    for (ThreadState* ts = s_head; ts; ts = ts->m_next) {
        if (std::atomic_ref<void*>(ts->m_stm_tx).load(std::memory_order_relaxed) == stm_tx) {
            ts->m_eval_breaker.fetch_or(bits, std::memory_order_relaxed);
            return;
        }
    }
}

void trace_thread_state(ThreadState* ts, gc::Tracer& tracer)
{
    tracer.visit(ts->m_current_exception);
    for (vm::Frame* f : ts->m_frame_pool)
        for (; f; f = f->m_previous)
            tracer.visit(Value(static_cast<Object*>(f)));
    for (auto& da : ts->m_deferred_appends) {
        tracer.visit(Value(reinterpret_cast<Object*>(da.list)));
        tracer.visit(da.value);
    }
    for (auto& ws : ts->m_weak_slots)
        tracer.visit(Value(ws.first));
    for (auto& pa : ts->m_pending_adds)
        tracer.visit(Value(pa.owner));
    for (auto& oc : ts->m_on_commit)
        tracer.visit(Value(oc.owner));
    for (auto& di : ts->m_deferred_inserts) {
        tracer.visit(Value(di.container));
        tracer.visit(di.key);
        tracer.visit(di.value);
    }
    if (ts->m_frame)
        tracer.visit(Value(ts->m_frame));
    if (ts->m_dict)
        tracer.visit(Value(ts->m_dict));
    tracer.visit(ts->m_sentinel);
    // The state saved at the last restart point matters only while the thread may go back to
    // it: afterwards (the program's end, say) it would keep the frame saved there, and with it
    // the globals of its module, alive.
    if (ts->m_restartable) {
        if (ts->m_restart_frame)
            tracer.visit(Value(ts->m_restart_frame));
        tracer.visit(ts->m_restart_exc_base);
        tracer.visit(ts->m_restart_context);
    }
    tracer.visit(ts->m_context);
    // The handled-exception stack: generator entries live inside their (traced) generator
    // objects, but their m_exc fields are visited here too in case the generator is only
    // reachable from this chain while it runs.
    for (ExcInfo* e = ts->m_exc_info; e; e = e->m_previous)
        tracer.visit(e->m_exc);
}

} // namespace pystm

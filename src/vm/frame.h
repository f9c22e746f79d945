// Frames: the activation records of Python code, allocated on the GC heap.
//
// A Frame is an ordinary GC object (its Python type is `frame`), so generators can keep theirs
// alive between resumptions and tracebacks can point at them. Layout:
//
//   Frame header | localsplus[m_nlocalsplus] | value stack[m_stacksize] | blocks[m_blockcap]
//
// Invariants:
//   FRAME-1: while a frame runs, ThreadState::m_frame is the innermost running frame and its
//            m_previous chain is the Python call stack, so the collector (which traces from the
//            thread state) sees every running frame.
//   FRAME-2: the trace function visits every localsplus slot and the whole value-stack capacity
//            (slots above the stack top hold stale but valid Values or null), so the interpreter
//            need not publish its stack pointer before reaching a safepoint.
//   FRAME-3: a generator's frame has m_gen set; its m_previous is null while it is suspended.
//   FRAME-4: a frame that Python code or another object may reference (sys._getframe(), a
//            traceback entry, f_back) has m_escaped set. A frame that returns without having
//            escaped, and is no generator's, is recycled by frame_release() for a later call
//            of the same size, so nothing may keep a Frame* to it past its return.
//   FRAME-5: the pool is per thread (ThreadState::m_frame_pool). With the STM engaged a frame
//            is pooled only if the running attempt allocated it (m_alloc_word): such a frame is
//            private to the attempt, nobody else can reach it, and whatever the attempt's end
//            (commit or abort) it stays unreachable but for the pool; a frame that existed
//            before the attempt may be put back by an abort and run again, so it is never
//            pooled. A recycled frame is made private to the attempt that takes it
//            (stm::on_allocate), as a fresh allocation would be.
#pragma once

#include "objects/code_object.h"
#include "objects/function_object.h"
#include "vm/thread_state.h"

namespace pystm {
struct DictObject;
}

namespace pystm::vm {

struct Block {
    uint32_t handler; // instruction index of the handler
    uint32_t level; // value-stack depth to restore before pushing the exception
};

struct Frame : Object {
    CodeObject* m_code;
    FunctionObject* m_func = nullptr; // null for module / exec / eval code
    DictObject* m_globals;
    DictObject* m_builtins;
    Value m_locals; // the locals mapping (module and class bodies, exec), or null
    Frame* m_previous = nullptr; // the caller while running (FRAME-1)
    Object* m_gen = nullptr; // owning generator / coroutine (FRAME-3)
    uint32_t m_pc = 0; // index of the next instruction
    int32_t m_lasti = -1; // index of the instruction being (or last) executed
    // m_lasti when the last exception entered a handler of this frame. RERAISE with a nonzero
    // oparg restores it, so that a frame left through a cleanup handler reports the line that
    // raised (CPython pushes this "lasti" on the value stack instead).
    int32_t m_handler_lasti = -1;
    int32_t m_sp = 0; // value-stack depth while not running
    int32_t m_nblocks = 0;
    int32_t m_nlocalsplus;
    int32_t m_stacksize;
    int32_t m_blockcap;
    // True while the run_frame() activation that entered this frame must return to its C++
    // caller when the frame returns or yields (set on every entry).
    bool m_is_entry = false;
    bool m_running = false;
    bool m_escaped = false; // FRAME-4
    // A frame that exec() runs in its caller's activation (builtins/builtins.h, exec_frame):
    // its return delivers None to the caller, as exec() returns.
    bool m_result_none = false;
    // FRAME-5: the STM owned word of the attempt that allocated (or recycled) the frame, 0
    // outside transactions: only a frame of the running attempt may go back to the pool.
    uint64_t m_alloc_word = 0;

    Frame(Type* t, CodeObject* code, DictObject* globals, DictObject* builtins, Value locals)
        : Object(t), m_code(code), m_globals(globals), m_builtins(builtins), m_locals(locals),
          m_nlocalsplus(code->nlocalsplus()), m_stacksize(code->m_stacksize),
          m_blockcap(code->m_blockdepth)
    {
    }
    Value* localsplus() { return reinterpret_cast<Value*>(this + 1); }
    Value* stack() { return localsplus() + m_nlocalsplus; }
    Block* blocks() { return reinterpret_cast<Block*>(stack() + m_stacksize); }
    int32_t lineno() const { return m_lasti >= 0 ? m_code->line_at(static_cast<size_t>(m_lasti)) : m_code->m_firstlineno; }
};

extern Type frame_type;

// Allocates a frame for [code]. [builtins] null means: resolved from globals["__builtins__"].
Frame* frame_new(CodeObject* code, DictObject* globals, DictObject* builtins, Value locals);
// The builtins dict named by globals["__builtins__"] (a module or a dict), or builtins_dict().
DictObject* builtins_from_globals(DictObject* globals);

// A frame for calling [f] with the given arguments bound to its parameters (vm/call.cpp).
// Raises CPython's TypeError messages for mismatched arguments.
Frame* frame_for_call(FunctionObject* f, Value const* args, size_t nargs, TupleObject* kwnames);

// Runs [f] (and every Python frame it calls) until [f] returns or yields. With [throwing], the
// exception in the thread state is raised inside [f] at its current instruction first
// (generator.throw()). Sets [*yielded] to whether [f] suspended at a yield (generator frames).
// [push_on_entry], when not null, is pushed on [f]'s value stack once [f] is linked (the value
// sent into a suspended generator).
Value run_frame(Frame* f, bool throwing, bool* yielded, Value push_on_entry = Value());

// Recycles a frame that just returned, unless it escaped or belongs to a generator (FRAME-4).
void frame_release(Frame* f);

// Binds the frame of a generator-flagged function into a new generator / coroutine / async
// generator object (objects/generator_object.cpp).
// [func] null: a code object run by eval() or exec(); the names come from the code.
Value gen_new_from_frame(Frame* f, FunctionObject* func);

// The dict of a frame's local variables, as f_locals / locals() show them.
Value frame_locals_snapshot(Frame* f);

// Recursion accounting for Python frames (recursion.cpp): raises RecursionError.
void enter_recursive_frame(ThreadState* ts);
inline void leave_recursive_frame(ThreadState* ts) { ts->m_recursion_depth--; }
// Raises RecursionError if the C++ stack is nearly exhausted.
void check_cpp_stack(char const* where);
// True if the C++ stack is nearly exhausted (for code that reports its own error).
bool cpp_stack_low();

} // namespace pystm::vm

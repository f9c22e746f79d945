// The interpreter: runs code objects on heap frames.
//
// Python-to-Python calls and returns are handled inside run_frame()'s loop without recursion on
// the C++ stack. C++ code that calls Python (py_call on a function) enters a nested run_frame.
// The eval breaker is polled at JUMP_BACKWARD / POP_JUMP_BACKWARD_* and at calls; it is the one
// place where GC safepoints happen (and, later, transaction boundaries).
#pragma once

#include "objects/function_object.h"

namespace pystm::vm {

// Runs module-level (or exec/eval) code with [globals] and [locals] (a mapping, or null to use
// globals). Returns the value of the code (None for modules; the expression value for eval).
// [closure], when not null, holds the cells of the code's free variables (exec's closure=).
Value eval_code(
    CodeObject* code, DictObject* globals, Value locals, TupleObject* closure = nullptr);

// Calls a Python function (vectorcall convention, objects/api.h). Creates a generator,
// coroutine or async generator instead of running when the code is flagged so.
Value call_function(FunctionObject* f, Value const* args, size_t nargs, TupleObject* kwnames);

// The builtins dict of the main interpreter (the __builtins__ module's dict).
DictObject* builtins_dict();

// --- added by vm: entry points for builtins, sys and the object model -----------------------

// What `await o` iterates: a coroutine itself, or the iterator of o.__await__() (TypeError if o
// is not awaitable). For anext()'s awaitable.
Value awaitable_iter(Value o);

// Runs a class body function [body] with [ns] as its locals mapping (__build_class__).
Value call_class_body(FunctionObject* body, DictObject* ns);

// Zero-argument super(): the first argument of the innermost Python frame and the contents of
// its __class__ cell. Returns false (setting nothing) when there is no such frame, no argument
// or no __class__ cell; the caller raises CPython's RuntimeError.
bool current_frame_super_args(Value* cls, Value* self);

// globals() / locals() of the innermost Python frame (null / a fresh snapshot dict or the
// locals mapping). current_globals() returns null when no Python frame is running.
DictObject* current_globals();
Value current_locals();
// The builtins dict of the innermost Python frame (builtins_dict() when none).
DictObject* current_builtins();

// sys._getframe(depth): the frame object [depth] levels up, or null if the stack is shallower.
Object* current_frame_object(int depth);

} // namespace pystm::vm

namespace pystm {
// The exception being handled (sys.exc_info()[1], sys.exception()): None when none.
Value current_handled_exception();
} // namespace pystm

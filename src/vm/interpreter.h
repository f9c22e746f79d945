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
Value eval_code(CodeObject* code, DictObject* globals, Value locals);

// Calls a Python function (vectorcall convention, objects/api.h). Creates a generator,
// coroutine or async generator instead of running when the code is flagged so.
Value call_function(FunctionObject* f, Value const* args, size_t nargs, TupleObject* kwnames);

// The builtins dict of the main interpreter (the __builtins__ module's dict).
DictObject* builtins_dict();

} // namespace pystm::vm

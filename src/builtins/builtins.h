// The builtins module is assembled from topic files, each exporting a method table terminated by
// an entry with a null name. init_builtins_module() (builtins_module.cpp) adds them all, plus the
// builtin types and constants.
#pragma once

#include "objects/function_object.h"

namespace pystm {

extern MethodDef const g_builtin_core_methods[]; // builtins_core.cpp: print, getattr, isinstance, exec, ...
extern MethodDef const g_builtin_numeric_methods[]; // builtins_numeric.cpp: abs, divmod, pow, round, bin, ...
extern MethodDef const g_builtin_text_methods[]; // builtins_text.cpp: chr, ord, ascii, format, ...
extern MethodDef const g_builtin_iter_methods[]; // builtins_iter.cpp: iter, next, sorted, min, max, sum, ...
extern MethodDef const g_builtin_async_methods[]; // builtins_async.cpp: aiter, anext
void setup_async_builtin_types(); // anext()'s awaitable type
void init_async_builtin_types();

// The builtins module and its dict (valid after init_builtins_module()).
struct ModuleObject;
ModuleObject* builtins_module();

// exec() called from Python code runs in the caller's interpreter activation, as a Python call
// does: the interpreter asks for the frame of the code to run. Null when [callable] is not the
// builtin exec or the call is one it leaves to the builtin (a closure). Raises what exec would
// for bad arguments. Because the frame runs in the caller's activation, its polls can end
// transactions (CLI-1): code that runpy and other tools run through exec() no longer runs as
// one long transaction.
namespace vm {
    struct Frame;
}
vm::Frame* exec_frame(Value callable, Value const* args, size_t nargs, TupleObject* kwnames);
// The builtin exec's native function, for CALL's inline test (every builtin call passes it).
extern NativeFn const g_exec_fn;

} // namespace pystm

namespace pystm {
extern MethodDef const g_builtin_class_methods[]; // build_class.cpp: __build_class__
}

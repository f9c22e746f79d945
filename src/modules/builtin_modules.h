// The registry of built-in modules: name -> init function. The import system (vm/import.h)
// consults it after sys.modules and before sys.path, so a built-in module shadows any .py file
// of the same name, as in CPython.
//
// To add a module `foo` implemented in C++: write `ModuleObject* init_foo_module()` (it creates
// the module with module_new("foo"), fills it, and returns it; the import system stores it in
// sys.modules and sets __loader__ to BuiltinImporter), declare it below and add a line to
// s_builtin_modules in builtin_modules.cpp. An init function runs at most once per process
// (the module is cached in sys.modules), and may raise.
#pragma once

#include "objects/module_object.h"
#include <string>
#include <string_view>
#include <vector>

namespace pystm {

using ModuleInitFn = ModuleObject* (*)();

struct BuiltinModuleDef {
    char const* name;
    ModuleInitFn init;
};

// The init function of built-in module [name], or null if there is none.
ModuleInitFn find_builtin_module(std::string_view name);
// Sorted names of all built-in modules (sys.builtin_module_names).
std::vector<std::string> builtin_module_names();

// <class '_frozen_importlib.BuiltinImporter'>: the __loader__ of built-in modules (what makes
// their repr "<module 'sys' (built-in)>").
extern Type builtin_importer_type;

// Init functions, one per built-in module.
ModuleObject* init_math_module(); // modules/math_module.cpp
ModuleObject* init_cmath_module(); // modules/cmath_module.cpp
ModuleObject* init_gc_module(); // modules/gc_module.cpp
ModuleObject* init_time_module(); // modules/time_module.cpp
ModuleObject* init_posix_module(); // modules/posix_module.cpp
ModuleObject* init_errno_module(); // modules/errno_module.cpp
ModuleObject* init_atexit_module(); // modules/atexit_module.cpp
ModuleObject* init_imp_module(); // _imp (vm/import.cpp)
// Runs the atexit callbacks, last registered first (once, at exit; modules/atexit_module.cpp).
void atexit_run_callbacks();
ModuleObject* init_sys_module_for_import(); // returns the sys module created at start-up
ModuleObject* init_builtins_module_for_import(); // returns the builtins module
// The built-in modules CPython's pure-Python standard library imports.
ModuleObject* init_itertools_module(); // modules/itertools_module.cpp
ModuleObject* init_collections_module(); // modules/collections_module.cpp (_collections)
ModuleObject* init_functools_module(); // modules/functools_module.cpp (_functools)
ModuleObject* init_operator_module(); // modules/operator_module.cpp (_operator)
ModuleObject* init_abc_module(); // modules/abc_module.cpp (_abc)
ModuleObject* init_weakref_module(); // modules/weakref_module.cpp (_weakref)
ModuleObject* init_struct_module(); // modules/struct_module.cpp (_struct)
ModuleObject* init_binascii_module(); // modules/binascii_module.cpp
ModuleObject* init_random_module(); // modules/random_module.cpp (_random)
ModuleObject* init_sha512_module(); // modules/random_module.cpp (_sha512, for random.seed)
ModuleObject* init_string_module(); // modules/string_module.cpp (_string)
ModuleObject* init_codecs_module(); // modules/codecs_module.cpp (_codecs)

// The sys module (valid after init_sys_module()).
ModuleObject* sys_module();
// sys.<name>, or null if unset (for C++ code reading sys.stdout, sys.modules, ...).
Value sys_get(char const* name);

// types.SimpleNamespace (sys.implementation's type; modules/sys_module.cpp).
extern Type simple_namespace_type;

// Static types of the runtime files (structseqs, text streams, files, ...): set up from
// setup_module_types() / init_module_types() (objects/module_object.cpp), which call the
// per-file hooks below.
void setup_runtime_module_types();
void init_runtime_module_types();
void setup_sys_types(); // sys_module.cpp
void init_sys_types();
void setup_time_types(); // time_module.cpp
void init_time_types();
void setup_posix_types(); // posix_module.cpp
void init_posix_types();
void setup_builtins_types(); // builtins_module.cpp (exit/quit helpers)
void init_builtins_types();
// The static types of those modules (one pair per module file that defines types).
void setup_itertools_types();
void init_itertools_types();
void setup_collections_types();
void init_collections_types();
void setup_functools_types();
void init_functools_types();
void setup_operator_types();
void init_operator_types();
void setup_weakref_types();
void init_weakref_types();
void setup_struct_types();
void init_struct_types();
void setup_random_types();
void init_random_types();

} // namespace pystm

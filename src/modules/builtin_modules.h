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
ModuleObject* init_math_module(); // numbers engineer (modules/math_module.cpp)
ModuleObject* init_gc_module(); // modules/gc_module.cpp
ModuleObject* init_time_module(); // modules/time_module.cpp
ModuleObject* init_sys_module_for_import(); // returns the sys module created at start-up
ModuleObject* init_builtins_module_for_import(); // returns the builtins module

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
void setup_builtins_types(); // builtins_module.cpp (exit/quit helpers)
void init_builtins_types();

} // namespace pystm

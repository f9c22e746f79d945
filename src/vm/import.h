// The import system: __import__ with CPython's semantics for built-in modules (the registry of
// modules/builtin_modules.h) and the program's own .py modules and packages found on sys.path.
//
// Order of lookup for an absolute name "a.b": sys.modules; then (top-level names only) the
// built-in registry; then the parent package's __path__ (or sys.path for a top-level name), each
// entry tried for a package directory "b/__init__.py" and then a module file "b.py".
// A module is in sys.modules before its body runs (circular imports see the partially
// initialised module) and is removed again if its body raises.
#pragma once

#include "objects/module_object.h"
#include <string>
#include <vector>

namespace pystm {

struct StrObject;

// __import__(name, globals, locals, fromlist, level). [globals] may be null or None (then
// relative imports fail), [fromlist] null, None or a sequence of str.
Value import_module_level(StrObject* name, Value globals, Value locals, Value fromlist, int64_t level);

// Imports the absolute dotted name and returns the module it names (the leaf, not the top
// package, unlike `import a.b`).
Value import_module(StrObject* name);
Value import_module(char const* name);

// IMPORT_FROM: getattr(module, name), falling back to sys.modules["<module>.<name>"]; raises
// ImportError "cannot import name 'y' from 'x' (/path/x.py)" (with name= and path= set).
Value import_from(Value module, StrObject* name);

// IMPORT_STAR: binds module.__all__ (or every public name of the module's __dict__) in the
// [locals] mapping.
void import_star(Value module, Value locals);

// True while the body of module [name] is being executed by the import system (for the
// "partially initialized module" messages).
bool import_is_initializing(StrObject* name);

// `pystm -m name`: runs module [name] (a package runs its __main__ submodule) as __main__, with
// sys.argv[0] set to its file. Raises ImportError / ModuleNotFoundError when it cannot be found.
Value run_module_as_main(std::string const& name);

// `pystm FILE`: runs the file as the __main__ module (sys.modules['__main__'], __file__ set,
// __builtins__ the builtins module). Raises OSError if it cannot be read.
Value run_file_as_main(std::string const& path);

// The CPython 3.11 standard library folder (docs/stdlib.md): the value of -X stdlib=PATH in
// [xoptions], else $PYSTM_STDLIB (unless [ignore_environment]), else the first of
// /usr/lib/python3.11 and /usr/local/lib/python3.11 that holds os.py. Empty when none is usable.
std::string find_stdlib_dir(std::vector<std::string> const& xoptions, bool ignore_environment);
// Makes the folder find_stdlib_dir() picks the last sys.path entry (replacing the one a previous
// call added) and derives sys.prefix and friends from it. init_sys_module() calls it with no
// options; the CLI calls it again with its -X options and -E before it adds its own entries.
void configure_stdlib(std::vector<std::string> const& xoptions, bool ignore_environment);
// The standard library folder in use ("" when it was not found).
std::string const& stdlib_dir();

// importlib.machinery.ModuleSpec-like objects and the loaders the import system sets as
// __loader__ (set up from setup_runtime_module_types()).
extern Type module_spec_type;
extern Type source_file_loader_type;
extern Type namespace_loader_type;
void setup_import_types();
void init_import_types();
// A ModuleSpec for a built-in module (loader BuiltinImporter, origin 'built-in').
Value builtin_module_spec(StrObject* name);

// The __main__ module used by run_file_as_main / run_module_as_main (created on first use; the
// REPL runs in it too).
ModuleObject* main_module();

} // namespace pystm

// The import system (see import.h): __import__ semantics, finding modules in the built-in
// registry and on sys.path, loading .py modules and packages, IMPORT_FROM / IMPORT_STAR helpers
// and running modules as __main__.
//
// Invariant IMP-1: a module is registered in sys.modules before its body runs and removed if the
// body raises; initializing() maps the names of the modules whose bodies are running (plain
// strings, no GC references) to the thread running each.
// Invariant IMP-2 (module locks, as importlib's _ModuleLock): a thread that finds a module in
// sys.modules whose body another thread is running waits until that body ends, unless waiting
// would close a cycle of threads waiting for each other's modules (then, as CPython, it gets the
// partially initialized module). The wait ends the transaction (vm::BlockingRegion).
// Every module gets a ModuleSpec-like __spec__ (name, loader, origin, submodule_search_locations,
// cached=None, parent, has_location) and the fields CPython derives from it (__file__, __path__,
// __package__, __loader__, __cached__ = None). Namespace packages (folders without __init__.py)
// get __file__ = None and a __path__ list of every matching folder on the searched path.
//
// No compiled code is cached (pystm writes and reads no .pyc files), so a stale cache can never
// be used: every import compiles the current source.
//
// The standard library folder (see find_stdlib_dir) is the last sys.path entry. When an import
// of a top-level module fails while that folder is missing, one line saying how to install or
// point to it is printed on stderr, once per process (docs/stdlib.md).
#include "vm/import.h"
#include "builtins/builtins.h"
#include "compiler/compiler.h"
#include "gc/heap.h"
#include "modules/builtin_modules.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/list_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "objects/function_object.h"
#include "objects/bytes_object.h"
#include "vm/interpreter.h"
#include "vm/transaction.h"
#include <atomic>
#include <cerrno>
#include <climits>
#include <linux/futex.h>
#include <mutex>
#include <sys/syscall.h>
#include <unordered_map>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <unordered_set>

namespace pystm {

Type module_spec_type(&type_type);
Type source_file_loader_type(&type_type);
Type namespace_loader_type(&type_type);

namespace {

std::string s_stdlib_dir; // the folder in use, "" if missing
std::string s_stdlib_entry; // the sys.path entry configure_stdlib() added, "" if none
bool s_stdlib_warned = false;

// IMP-1 / IMP-2 bookkeeping, guarded by s_import_mutex.
std::mutex s_import_mutex;
std::unordered_map<std::string, ThreadState*>& initializing()
{
    static std::unordered_map<std::string, ThreadState*> s_map;
    return s_map;
}
std::unordered_map<ThreadState*, std::string> s_waiting_for; // thread -> module it waits for
std::atomic<uint32_t> s_import_done { 0 }; // bumped (and futex-woken) when a body ends
std::atomic<int> s_bodies_running { 0 }; // size of initializing(), read without the mutex

void begin_initializing(std::string const& name)
{
    std::lock_guard lock(s_import_mutex);
    initializing()[name] = tstate();
    s_bodies_running.store(static_cast<int>(initializing().size()), std::memory_order_relaxed);
}

void end_initializing(std::string const& name)
{
    {
        std::lock_guard lock(s_import_mutex);
        initializing().erase(name);
        s_bodies_running.store(static_cast<int>(initializing().size()), std::memory_order_relaxed);
    }
    s_import_done.fetch_add(1, std::memory_order_seq_cst);
    syscall(SYS_futex, reinterpret_cast<uint32_t*>(&s_import_done), FUTEX_WAKE_PRIVATE, INT_MAX, nullptr, nullptr, 0);
}

// IMP-2: waits while another thread runs the body of [name]; returns at once if this thread runs
// it, or if waiting would deadlock.
void wait_for_module_body(std::string const& name)
{
    ThreadState* me = tstate();
    for (;;) {
        uint32_t seen = s_import_done.load(std::memory_order_seq_cst);
        {
            std::lock_guard lock(s_import_mutex);
            auto it = initializing().find(name);
            if (it == initializing().end() || it->second == me)
                return;
            // Would the owner (transitively) wait for a module this thread is running?
            ThreadState* t = it->second;
            for (int hops = 0; t && hops < 64; hops++) {
                auto w = s_waiting_for.find(t);
                if (w == s_waiting_for.end())
                    break;
                auto o = initializing().find(w->second);
                if (o == initializing().end())
                    break;
                if (o->second == me)
                    return; // a cycle: take the partial module
                t = o->second;
            }
            s_waiting_for[me] = name;
        }
        timespec ts { 0, 50 * 1000 * 1000 };
        {
            vm::BlockingRegion region;
            syscall(SYS_futex, reinterpret_cast<uint32_t*>(&s_import_done), FUTEX_WAIT_PRIVATE, seen, &ts, nullptr, 0);
        }
        std::lock_guard lock(s_import_mutex);
        s_waiting_for.erase(me);
    }
}

DictObject* sys_modules()
{
    Value m = sys_get("modules");
    if (!m || !is_dict(m))
        raise(&exc::RuntimeError, "lost sys.modules");
    return m.as<DictObject>();
}

std::string str_of(Value v) { return str_utf8(v.as<StrObject>()); }

[[noreturn]] void raise_not_found(std::string const& msg, std::string const& name)
{
    if (s_stdlib_dir.empty() && !s_stdlib_warned && name.find('.') == std::string::npos) {
        s_stdlib_warned = true;
        std::fputs("pystm: CPython 3.11 standard library not found; install libpython3.11-stdlib or set PYSTM_STDLIB\n",
            stderr);
    }
    Value e = exception_new(&exc::ModuleNotFoundError, { Value(str_from_utf8(msg)) });
    py_setattr(e, names::name, Value(str_from_utf8(name)));
    raise_value(e);
}

bool is_file(std::string const& p)
{
    struct stat st;
    return ::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}
bool is_dir(std::string const& p)
{
    struct stat st;
    return ::stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

std::string read_file(std::string const& path)
{
    FILE* f = std::fopen(path.c_str(), "rb");
    if (!f)
        raise_os_error(errno, Value(str_from_utf8(path)));
    std::string out;
    char buf[65536];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0)
        out.append(buf, n);
    std::fclose(f);
    return out;
}

std::string cwd()
{
    char buf[4096];
    if (::getcwd(buf, sizeof buf))
        return buf;
    return ".";
}

// Joins a path entry and a name ('' means the current directory, made absolute as CPython's
// FileFinder does).
std::string join(std::string const& dir, std::string const& name)
{
    std::string d = dir.empty() ? cwd() : dir;
    if (!d.empty() && d.back() == '/')
        return d + name;
    return d + "/" + name;
}

struct Found {
    std::string file; // the .py file to execute; empty for a namespace package
    std::string package_dir; // non-empty for regular packages
    std::vector<std::string> portions; // the folders of a namespace package
    std::string modname; // -m: the resolved name of the module run as __main__
    bool is_namespace() const { return file.empty(); }
};

bool is_package(Found const& f) { return f.is_namespace() || !f.package_dir.empty(); }

// Searches [paths] (a list of str) for [leaf], as CPython's PathFinder: in each entry a package
// directory first, then a module file; a directory without __init__.py is remembered as a
// namespace portion, and the portions form a namespace package when no entry has a module.
bool find_on_path(Value paths, std::string const& leaf, Found* out)
{
    if (!paths)
        return false;
    gc::RootedValues entries;
    if (is_list(paths))
        list_snapshot(paths.as<ListObject>(), entries);
    else {
        // A namespace package's __path__ may be any iterable of str.
        TupleObject* t = py_tuple_from_iterable(paths);
        entries.assign(t->items(), t->items() + t->m_size);
    }
    std::vector<std::string> portions;
    for (Value entry : entries) {
        if (!is_str(entry))
            continue;
        std::string dir = str_of(entry);
        std::string pkg = join(dir, leaf);
        bool pkg_is_dir = is_dir(pkg);
        if (pkg_is_dir && is_file(pkg + "/__init__.py")) {
            out->file = pkg + "/__init__.py";
            out->package_dir = pkg;
            return true;
        }
        std::string mod = join(dir, leaf + ".py");
        if (is_file(mod)) {
            out->file = mod;
            return true;
        }
        if (pkg_is_dir)
            portions.push_back(pkg);
    }
    if (portions.empty())
        return false;
    out->portions = std::move(portions);
    return true;
}

Value builtins_for_module() { return Value(builtins_module()); }

Value new_dict_object(Type* t)
{
    Object* o = object_alloc(t);
    return Value(o);
}

void set_attr(Value o, char const* name, Value v) { py_setattr(o, intern(name), v); }
Value S(std::string const& s) { return Value(str_from_utf8(s)); }

Value make_spec(std::string const& name, Value loader, Value origin, Value search_locations, bool has_location)
{
    Value spec = new_dict_object(&module_spec_type);
    set_attr(spec, "name", S(name));
    set_attr(spec, "loader", loader);
    set_attr(spec, "origin", origin);
    set_attr(spec, "loader_state", none());
    set_attr(spec, "submodule_search_locations", search_locations);
    set_attr(spec, "cached", none());
    set_attr(spec, "has_location", py_bool(has_location));
    set_attr(spec, "_set_fileattr", py_bool(has_location));
    std::string parent = name;
    if (!search_locations || is_none(search_locations)) {
        size_t dot = name.rfind('.');
        parent = dot == std::string::npos ? "" : name.substr(0, dot);
    }
    set_attr(spec, "parent", S(parent));
    return spec;
}

Value make_loader(Type* t, std::string const& name, std::string const& path)
{
    Value l = new_dict_object(t);
    set_attr(l, "name", S(name));
    set_attr(l, "path", path.empty() ? none() : S(path));
    return l;
}

// Creates module [name] for [found] with its spec and spec-derived attributes.
ModuleObject* new_module_for(std::string const& name, Found const& found, std::string const& package)
{
    ModuleObject* mod = module_new(name.c_str());
    DictObject* d = mod->m_dict;
    Value search;
    if (found.is_namespace()) {
        ListObject* path = list_new();
        for (auto const& p : found.portions)
            list_append(path, S(p));
        search = Value(path);
    } else if (!found.package_dir.empty()) {
        ListObject* path = list_new();
        list_append(path, S(found.package_dir));
        search = Value(path);
    } else {
        search = none();
    }
    Value loader = found.is_namespace() ? make_loader(&namespace_loader_type, name, "")
                                        : make_loader(&source_file_loader_type, name, found.file);
    Value origin = found.is_namespace() ? none() : S(found.file);
    Value spec = make_spec(name, loader, origin, search, !found.is_namespace());
    dict_set_str(d, names::__file__, origin);
    dict_set_str(d, intern("__cached__"), none());
    dict_set_str(d, names::__package__, S(package));
    dict_set_str(d, names::__loader__, loader);
    dict_set_str(d, intern("__spec__"), spec);
    if (!is_none(search))
        dict_set_str(d, names::__path__, search);
    // Imported modules see the builtins dict as __builtins__ (only __main__ gets the module).
    dict_set_str(d, names::__builtins__, Value(builtins_module()->m_dict));
    return mod;
}

void exec_source_file(std::string const& file, DictObject* d)
{
    std::string source = read_file(file);
    CodeObject* code = compiler::compile_source(source, file, compiler::ParseMode::Exec, true);
    vm::eval_code(code, d, Value());
}

// Runs the module [name] found at [found] in a fresh module registered in sys.modules (IMP-1).
Value exec_module_file(std::string const& name, Found const& found, std::string const& package)
{
    ModuleObject* mod = new_module_for(name, found, package);
    DictObject* d = mod->m_dict;
    DictObject* modules = sys_modules();
    StrObject* key = str_from_utf8(name);
    dict_set(modules, Value(key), Value(mod));
    if (found.is_namespace())
        return Value(mod);
    begin_initializing(name);
    try {
        exec_source_file(found.file, d);
    } catch (PyError&) {
        end_initializing(name);
        dict_pop(modules, Value(key));
        throw;
    }
    end_initializing(name);
    // The body may have replaced its own sys.modules entry.
    Value final_mod = dict_get(modules, Value(key));
    if (!final_mod)
        raise(&exc::KeyError, "%s", repr_utf8(Value(key)).c_str());
    return final_mod;
}

Value load_builtin(std::string const& name, ModuleInitFn init)
{
    ModuleObject* mod = init();
    DictObject* d = mod->m_dict;
    Value loader = dict_get_str(d, names::__loader__);
    if (!loader || is_none(loader))
        dict_set_str(d, names::__loader__, Value(&builtin_importer_type));
    Value spec = dict_get_str(d, intern("__spec__"));
    if (!spec || is_none(spec))
        dict_set_str(d, intern("__spec__"), builtin_module_spec(str_from_utf8(name)));
    dict_set(sys_modules(), Value(str_from_utf8(name)), Value(mod));
    return Value(mod);
}

Value find_and_load(std::string const& abs_name);

Value lookup_loaded(std::string const& abs_name)
{
    Value m = dict_get(sys_modules(), Value(str_from_utf8(abs_name)));
    if (m && s_bodies_running.load(std::memory_order_relaxed) > 0) {
        wait_for_module_body(abs_name); // IMP-2
        m = dict_get(sys_modules(), Value(str_from_utf8(abs_name)));
    }
    if (m && is_none(m))
        raise_not_found("import of " + abs_name + " halted; None in sys.modules", abs_name);
    return m;
}

Value find_and_load(std::string const& abs_name)
{
    if (Value m = lookup_loaded(abs_name))
        return m;
    size_t dot = abs_name.rfind('.');
    if (dot == std::string::npos) {
        if (ModuleInitFn init = find_builtin_module(abs_name))
            return load_builtin(abs_name, init);
        Found found;
        if (!find_on_path(sys_get("path"), abs_name, &found))
            raise_not_found("No module named '" + abs_name + "'", abs_name);
        return exec_module_file(abs_name, found, is_package(found) ? abs_name : "");
    }
    std::string parent = abs_name.substr(0, dot), leaf = abs_name.substr(dot + 1);
    Value parent_mod = find_and_load(parent);
    // Importing the parent may have imported this module as a side effect.
    if (Value m = lookup_loaded(abs_name))
        return m;
    Value path = py_getattr_opt(parent_mod, names::__path__);
    if (!path)
        raise_not_found("No module named '" + abs_name + "'; '" + parent + "' is not a package", abs_name);
    Found found;
    if (!find_on_path(path, leaf, &found))
        raise_not_found("No module named '" + abs_name + "'", abs_name);
    Value mod = exec_module_file(abs_name, found, is_package(found) ? abs_name : parent);
    // Bind the submodule in its parent, as the import system does after loading.
    py_setattr(parent_mod, str_from_utf8(leaf), mod);
    return mod;
}

Value dict_lookup(Value globals, char const* key)
{
    if (!globals || !is_dict(globals))
        return Value();
    return dict_get_cstr(globals.as<DictObject>(), key);
}

// The package a relative import is relative to (CPython's _calc___package__).
std::string calc_package(Value globals)
{
    Value pkg = dict_lookup(globals, "__package__");
    if (pkg && !is_none(pkg)) {
        if (!is_str(pkg))
            raise(&exc::TypeError, "package must be a string");
        return str_of(pkg);
    }
    Value spec = dict_lookup(globals, "__spec__");
    if (spec && !is_none(spec)) {
        Value parent = py_getattr(spec, intern("parent"));
        if (is_str(parent))
            return str_of(parent);
    }
    warn_format(&exc::ImportWarning, 1,
        "can't resolve package from __spec__ or __package__, falling back on __name__ and "
        "__path__");
    Value name = dict_lookup(globals, "__name__");
    if (!name)
        raise(&exc::KeyError, "'__name__' not in globals");
    if (!is_str(name))
        raise(&exc::TypeError, "__name__ must be a string");
    std::string n = str_of(name);
    if (dict_lookup(globals, "__path__"))
        return n;
    size_t dot = n.rfind('.');
    return dot == std::string::npos ? "" : n.substr(0, dot);
}

std::string resolve_name(std::string const& name, Value globals, int64_t level)
{
    if (globals && !is_none(globals) && !is_dict(globals))
        raise(&exc::TypeError, "globals must be a dict");
    std::string package = globals && is_dict(globals) ? calc_package(globals) : "";
    if (package.empty())
        raise(&exc::ImportError, "attempted relative import with no known parent package");
    std::string base = package;
    for (int64_t i = 1; i < level; i++) {
        size_t dot = base.rfind('.');
        if (dot == std::string::npos)
            raise(&exc::ImportError, "attempted relative import beyond top-level package");
        base = base.substr(0, dot);
    }
    return name.empty() ? base : base + "." + name;
}

// from module import names: imports submodules named in [fromlist] that are not attributes yet.
void handle_fromlist(Value module, Value fromlist, bool recursive)
{
    gc::RootedValues items;
    if (is_list(fromlist))
        list_snapshot(fromlist.as<ListObject>(), items);
    else {
        TupleObject* t = py_tuple_from_iterable(fromlist);
        items.assign(t->items(), t->items() + t->m_size);
    }
    Value modname = py_getattr(module, names::__name__);
    for (Value x : items) {
        if (!is_str(x)) {
            char const* where = recursive ? "``from list''" : "Item in ``from list''";
            raise(&exc::TypeError, "%s must be str, not %s", where, type_name(x).c_str());
        }
        std::string sx = str_of(x);
        if (sx == "*") {
            if (!recursive) {
                Value all = py_getattr_opt(module, names::__all__);
                if (all)
                    handle_fromlist(module, all, true);
            }
            continue;
        }
        if (py_hasattr(module, x.as<StrObject>()))
            continue;
        std::string sub = str_of(modname) + "." + sx;
        try {
            find_and_load(sub);
        } catch (PyError&) {
            // A missing submodule is fine here: the IMPORT_FROM that follows reports it.
            if (!exception_matches(&exc::ModuleNotFoundError))
                throw;
            Value e = take_exception();
            Value n = py_getattr_opt(e, names::name);
            if (n && is_str(n) && str_of(n) == sub && lookup_loaded(sub).is_null())
                continue;
            set_exception(e);
            throw;
        }
    }
}

} // namespace

bool import_is_initializing(StrObject* name)
{
    std::lock_guard lock(s_import_mutex);
    return initializing().count(str_utf8(name)) > 0;
}

Value import_module_level(StrObject* name, Value globals, Value locals, Value fromlist, int64_t level)
{
    (void)locals;
    if (level < 0)
        raise(&exc::ValueError, "level must be >= 0");
    std::string n = str_utf8(name);
    std::string abs = level > 0 ? resolve_name(n, globals, level) : n;
    if (level == 0 && n.empty())
        raise(&exc::ValueError, "Empty module name");
    Value module = find_and_load(abs);
    bool has_fromlist = fromlist && !is_none(fromlist) && py_truthy(fromlist);
    if (!has_fromlist) {
        if (n.empty())
            return module;
        if (level == 0) {
            size_t dot = n.find('.');
            if (dot == std::string::npos)
                return module;
            return find_and_load(n.substr(0, dot));
        }
        // `from . import` forms never get here; `import .a.b` is not valid syntax, but
        // __import__('a.b', g, l, [], 1) returns the package holding 'a'.
        size_t cut = n.size() - n.substr(0, n.find('.')).size();
        std::string modname = str_of(py_getattr(module, names::__name__));
        return find_and_load(modname.substr(0, modname.size() - cut));
    }
    if (py_hasattr(module, names::__path__))
        handle_fromlist(module, fromlist, false);
    return module;
}

Value import_module(StrObject* name)
{
    std::string n = str_utf8(name);
    if (n.empty())
        raise(&exc::ValueError, "Empty module name");
    return find_and_load(n);
}

Value import_module(char const* name) { return import_module(str_from_utf8(name)); }

Value import_from(Value module, StrObject* name)
{
    if (Value v = py_getattr_opt(module, name))
        return v;
    Value pkgname = py_getattr_opt(module, names::__name__);
    if (pkgname && is_str(pkgname)) {
        std::string full = str_of(pkgname) + "." + str_utf8(name);
        if (Value m = dict_get(sys_modules(), Value(str_from_utf8(full))))
            return m;
    }
    Value path = py_getattr_opt(module, names::__file__);
    if (path && !is_str(path))
        path = Value();
    std::string msg;
    std::string nrepr = repr_utf8(Value(name));
    if (!pkgname || !is_str(pkgname)) {
        msg = "cannot import name " + nrepr + " from '<unknown module name>' (unknown location)";
        pkgname = Value();
    } else if (import_is_initializing(pkgname.as<StrObject>())) {
        msg = "cannot import name " + nrepr + " from partially initialized module " + repr_utf8(pkgname)
            + " (most likely due to a circular import) (" + (path ? str_of(path) : "unknown location") + ")";
    } else if (!path) {
        msg = "cannot import name " + nrepr + " from " + repr_utf8(pkgname) + " (unknown location)";
    } else {
        msg = "cannot import name " + nrepr + " from " + repr_utf8(pkgname) + " (" + str_of(path) + ")";
    }
    Value e = exception_new(&exc::ImportError, { Value(str_from_utf8(msg)) });
    if (pkgname)
        py_setattr(e, names::name, pkgname);
    if (path)
        py_setattr(e, names::path, path);
    raise_value(e);
}

void import_star(Value module, Value locals)
{
    Value all = py_getattr_opt(module, names::__all__);
    gc::RootedValues keys;
    bool skip_private = false;
    if (all) {
        TupleObject* t = py_tuple_from_iterable(all);
        keys.assign(t->items(), t->items() + t->m_size);
    } else {
        Value d = py_getattr_opt(module, names::__dict__);
        if (!d)
            raise(&exc::ImportError, "from-import-* object has no __dict__ and no __all__");
        TupleObject* t = py_tuple_from_iterable(d);
        keys.assign(t->items(), t->items() + t->m_size);
        skip_private = true;
    }
    for (Value k : keys) {
        if (!is_str(k)) {
            std::string modname = "<module>";
            if (Value n = py_getattr_opt(module, names::__name__); n && is_str(n))
                modname = str_of(n);
            raise(&exc::TypeError, "%s in %s.%s must be str, not %s", all ? "Item" : "Key", modname.c_str(),
                all ? "__all__" : "__dict__", type_name(k).c_str());
        }
        StrObject* name = k.as<StrObject>();
        if (skip_private && name->m_length > 0 && name->at(0) == '_')
            continue;
        Value v = py_getattr(module, name);
        if (is_dict(locals))
            dict_set(locals.as<DictObject>(), k, v);
        else
            py_setitem(locals, k, v);
    }
}

ModuleObject* main_module()
{
    static Value s_main;
    if (!s_main) {
        ModuleObject* m = module_new("__main__");
        dict_set_str(m->m_dict, names::__builtins__, builtins_for_module());
        s_main = Value(m);
        gc::add_root(&s_main);
    }
    return s_main.as<ModuleObject>();
}

Value run_file_as_main(std::string const& path)
{
    ModuleObject* m = main_module();
    DictObject* d = m->m_dict;
    dict_set_str(d, names::__file__, Value(str_from_utf8(path)));
    dict_set_str(d, intern("__cached__"), none());
    dict_set(sys_modules(), Value(names::__main__), Value(m));
    std::string source = read_file(path);
    CodeObject* code = compiler::compile_source(source, path, compiler::ParseMode::Exec, true);
    return vm::eval_code(code, d, Value());
}

namespace {

// runpy's module lookup for -m: the file to run and its package. Failures are reported as
// CPython does, "<executable>: <message>" through SystemExit, without a traceback.
struct RunpyError {
    std::string msg;
};

Found find_main_module(std::string const& name, std::string* package)
{
    if (name.empty() || name[0] == '.')
        throw RunpyError { "Relative module names not supported" };
    size_t dot = name.rfind('.');
    Value paths;
    std::string leaf = name;
    *package = "";
    if (dot != std::string::npos) {
        *package = name.substr(0, dot);
        leaf = name.substr(dot + 1);
        Value pmod;
        try {
            pmod = find_and_load(*package);
        } catch (PyError&) {
            if (!exception_matches(&exc::ImportError))
                throw;
            Value e = take_exception();
            throw RunpyError { "Error while finding module specification for " + repr_utf8(Value(str_from_utf8(name)))
                + " (" + type_name(e) + ": " + str_utf8(py_str(e)) + ")" };
        }
        paths = py_getattr_opt(pmod, names::__path__);
        if (!paths)
            throw RunpyError { "Error while finding module specification for " + repr_utf8(Value(str_from_utf8(name)))
                + " (ModuleNotFoundError: __path__ attribute not found on " + repr_utf8(Value(str_from_utf8(*package)))
                + " while trying to find " + repr_utf8(Value(str_from_utf8(name))) + ")" };
    } else {
        if (find_builtin_module(name))
            throw RunpyError { "No code object available for " + name };
        paths = sys_get("path");
    }
    Found found;
    if (!find_on_path(paths, leaf, &found))
        throw RunpyError { "No module named " + name };
    if (!is_package(found)) {
        found.modname = name;
        return found;
    }
    // A package runs as its __main__ submodule; the package itself is imported first.
    std::string main_name = name + ".__main__";
    try {
        find_and_load(name);
        Found sub = find_main_module(main_name, package);
        return sub;
    } catch (RunpyError& e) {
        if (e.msg.find("is a package and cannot be directly executed") != std::string::npos
            || e.msg.find("Cannot use package as __main__ module") != std::string::npos)
            throw RunpyError { "Cannot use package as __main__ module" };
        throw RunpyError { e.msg + "; " + repr_utf8(Value(str_from_utf8(name))) + " is a package and cannot be directly executed" };
    }
}

} // namespace

Value run_module_as_main(std::string const& name)
{
    std::string package;
    Found found;
    try {
        found = find_main_module(name, &package);
    } catch (RunpyError& e) {
        Value exe = sys_get("executable");
        std::string prefix = exe && is_str(exe) ? str_utf8(exe) : "pystm";
        raise_value(exception_new(&exc::SystemExit, { Value(str_from_utf8(prefix + ": " + e.msg)) }));
    }
    ModuleObject* m = main_module();
    DictObject* d = m->m_dict;
    dict_set_str(d, names::__file__, Value(str_from_utf8(found.file)));
    dict_set_str(d, intern("__cached__"), none());
    dict_set_str(d, names::__package__, Value(str_from_utf8(package)));
    Value loader = make_loader(&source_file_loader_type, found.modname, found.file);
    dict_set_str(d, names::__loader__, loader);
    dict_set_str(d, intern("__spec__"), make_spec(found.modname, loader, S(found.file), none(), true));
    dict_set(sys_modules(), Value(names::__main__), Value(m));
    Value argv = sys_get("argv");
    if (argv && is_list(argv) && list_size(argv.as<ListObject>()) > 0)
        list_set(argv.as<ListObject>(), 0, Value(str_from_utf8(found.file)));
    std::string source = read_file(found.file);
    CodeObject* code
        = compiler::compile_source(source, found.file, compiler::ParseMode::Exec, true);
    return vm::eval_code(code, d, Value());
}

// --- the standard library folder -------------------------------------------------------------

namespace {

bool has_os_py(std::string const& dir) { return !dir.empty() && is_file(dir + "/os.py"); }

std::string parent_dir(std::string const& p)
{
    size_t slash = p.find_last_of('/');
    if (slash == std::string::npos)
        return ".";
    return slash == 0 ? "/" : p.substr(0, slash);
}

} // namespace

std::string find_stdlib_dir(std::vector<std::string> const& xoptions, bool ignore_environment)
{
    // An explicit choice is used only if it is a real standard library; it never falls back to
    // the probed folders, so a wrong setting is reported rather than silently ignored.
    for (auto it = xoptions.rbegin(); it != xoptions.rend(); ++it)
        if (it->rfind("stdlib=", 0) == 0) {
            std::string dir = it->substr(7);
            return has_os_py(dir) ? dir : "";
        }
    if (!ignore_environment) {
        char const* env = std::getenv("PYSTM_STDLIB");
        if (env && *env)
            return has_os_py(env) ? std::string(env) : "";
    }
    for (char const* dir : { "/usr/lib/python3.11", "/usr/local/lib/python3.11" })
        if (has_os_py(dir))
            return dir;
    return "";
}

void configure_stdlib(std::vector<std::string> const& xoptions, bool ignore_environment)
{
    std::string dir = find_stdlib_dir(xoptions, ignore_environment);
    while (dir.size() > 1 && dir.back() == '/')
        dir.pop_back();
    Value path = sys_get("path");
    if (path && is_list(path)) {
        ListObject* l = path.as<ListObject>();
        if (!s_stdlib_entry.empty()) {
            for (int64_t i = list_size(l); i-- > 0;) {
                Value e = list_get(l, i);
                if (is_str(e) && str_of(e) == s_stdlib_entry) {
                    Value idx = Value::small_int(i);
                    py_call_method(path, intern("pop"), &idx, 1);
                    break;
                }
            }
        }
        if (!dir.empty())
            list_append(l, S(dir));
    }
    s_stdlib_entry = dir;
    s_stdlib_dir = dir;
    // sys.prefix is the installation the library belongs to (/usr for /usr/lib/python3.11), which
    // is what sysconfig and site derive their paths from.
    if (!dir.empty() && sys_module()) {
        std::string prefix = parent_dir(parent_dir(dir));
        for (char const* p : { "prefix", "exec_prefix", "base_prefix", "base_exec_prefix" })
            dict_set_cstr(sys_module()->m_dict, p, S(prefix));
    }
}

std::string const& stdlib_dir() { return s_stdlib_dir; }

// --- ModuleSpec and loaders -------------------------------------------------------------------

namespace {

Value attr_or_none(Value o, char const* name)
{
    Value v = py_getattr_opt(o, intern(name));
    return v ? v : none();
}

Value spec_repr(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__repr__", nargs, kwnames, 0, 0);
    std::string out = "ModuleSpec(name=" + repr_utf8(attr_or_none(self, "name"))
        + ", loader=" + repr_utf8(attr_or_none(self, "loader"));
    Value origin = attr_or_none(self, "origin");
    if (!is_none(origin))
        out += ", origin=" + repr_utf8(origin);
    Value sub = attr_or_none(self, "submodule_search_locations");
    if (!is_none(sub))
        out += ", submodule_search_locations=" + repr_utf8(sub);
    return S(out + ")");
}

Value spec_eq(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__eq__", nargs, kwnames, 1, 1);
    if (!isinstance(args[0], &module_spec_type))
        return Value(g_not_implemented);
    for (char const* f : { "name", "loader", "origin", "submodule_search_locations", "cached", "has_location" })
        if (!py_eq(attr_or_none(self, f), attr_or_none(args[0], f)))
            return py_bool(false);
    return py_bool(true);
}

std::string loader_path(Value self)
{
    Value p = attr_or_none(self, "path");
    if (!is_str(p))
        raise(&exc::ImportError, "loader has no path");
    return str_of(p);
}

// The loader's name check (CPython's _check_name): None means the loader's own module.
void check_loader_name(Value self, Value const* args, size_t nargs)
{
    if (nargs == 0 || is_none(args[0]))
        return;
    Value mine = attr_or_none(self, "name");
    if (!py_eq(mine, args[0]))
        raise_value([&] {
            Value e = exception_new(&exc::ImportError,
                { S("loader for " + str_of(mine) + " cannot handle " + str_utf8(py_str(args[0]))) });
            py_setattr(e, names::name, args[0]);
            return e;
        }());
}

Value loader_get_filename(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("get_filename", nargs, kwnames, 0, 1);
    check_loader_name(self, args, nargs);
    return S(loader_path(self));
}

Value loader_get_data(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("get_data", nargs, kwnames, 1, 1);
    std::string p = str_utf8(py_str(args[0]));
    std::string data = read_file(p);
    return Value(bytes_new(data));
}

Value loader_get_source(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("get_source", nargs, kwnames, 1, 1);
    check_loader_name(self, args, nargs);
    std::string data = read_file(loader_path(self));
    return Value(str_from_utf8(data));
}

Value loader_get_code(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("get_code", nargs, kwnames, 1, 1);
    check_loader_name(self, args, nargs);
    std::string path = loader_path(self);
    return Value(compiler::compile_source(read_file(path), path, compiler::ParseMode::Exec, true));
}

Value loader_is_package(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("is_package", nargs, kwnames, 1, 1);
    if (type_of(self) == &namespace_loader_type)
        return py_bool(true);
    std::string path = loader_path(self);
    size_t slash = path.find_last_of('/');
    std::string file = slash == std::string::npos ? path : path.substr(slash + 1);
    return py_bool(file == "__init__.py");
}

Value loader_create_module(Value, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("create_module", nargs, kwnames, 1, 1);
    return none(); // the default module creation
}

Value loader_exec_module(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("exec_module", nargs, kwnames, 1, 1);
    if (type_of(self) == &namespace_loader_type)
        return none();
    Value d = py_getattr(args[0], names::__dict__);
    if (!is_dict(d))
        raise(&exc::TypeError, "module __dict__ must be a dict");
    DictObject* dict = d.as<DictObject>();
    if (!dict_get_str(dict, names::__builtins__))
        dict_set_str(dict, names::__builtins__, Value(builtins_module()->m_dict));
    exec_source_file(loader_path(self), dict);
    return none();
}

Value loader_repr(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__repr__", nargs, kwnames, 0, 0);
    char buf[64];
    std::snprintf(buf, sizeof buf, " object at %p>", static_cast<void*>(self.as_object()));
    return S("<" + type_of(self)->name_str() + buf);
}

MethodDef const s_spec_methods[] = {
    { "__repr__", spec_repr },
    { "__eq__", spec_eq },
    { nullptr, nullptr },
};

MethodDef const s_loader_methods[] = {
    { "get_filename", loader_get_filename },
    { "get_data", loader_get_data },
    { "get_source", loader_get_source },
    { "get_code", loader_get_code },
    { "is_package", loader_is_package },
    { "create_module", loader_create_module },
    { "exec_module", loader_exec_module },
    { "__repr__", loader_repr },
    { nullptr, nullptr },
};

MethodDef const s_namespace_loader_methods[] = {
    { "__repr__", loader_repr },
    { "is_package", loader_is_package },
    { "create_module", loader_create_module },
    { "exec_module", loader_exec_module },
    { nullptr, nullptr },
};

} // namespace

Value builtin_module_spec(StrObject* name)
{
    return make_spec(str_utf8(name), Value(&builtin_importer_type), S("built-in"), none(), false);
}

void setup_import_types()
{
    // Instances keep their attributes in a __dict__, like SimpleNamespace's (set up before).
    init_static_type(&module_spec_type, "_frozen_importlib.ModuleSpec", &simple_namespace_type,
        simple_namespace_type.m_layout_size, TF_BASETYPE);
    module_spec_type.m_doc = "The specification for a module, used for loading.";
    init_static_type(&source_file_loader_type, "_frozen_importlib_external.SourceFileLoader",
        &simple_namespace_type, simple_namespace_type.m_layout_size, TF_BASETYPE);
    source_file_loader_type.m_doc = "Concrete implementation of SourceLoader using the file system.";
    init_static_type(&namespace_loader_type, "_frozen_importlib_external.NamespaceLoader", &simple_namespace_type,
        simple_namespace_type.m_layout_size, TF_BASETYPE);
}

void init_import_types()
{
    add_methods(&module_spec_type, s_spec_methods);
    add_methods(&source_file_loader_type, s_loader_methods);
    add_methods(&namespace_loader_type, s_namespace_loader_methods);
}

// --- _imp -------------------------------------------------------------------------------------

namespace {

Value imp_is_builtin(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("is_builtin", nargs, kwnames, 1, 1);
    if (!is_str(args[0]))
        raise(&exc::TypeError, "is_builtin() argument must be str, not %s", type_name(args[0]).c_str());
    std::string n = str_of(args[0]);
    if (!find_builtin_module(n))
        return Value::small_int(0);
    // CPython answers -1 for the modules that cannot be initialised twice.
    return Value::small_int(n == "sys" || n == "builtins" ? -1 : 1);
}

Value imp_is_frozen(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("is_frozen", nargs, kwnames, 1, 1);
    return py_bool(false); // pystm has no frozen modules
}

Value imp_create_builtin(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("create_builtin", nargs, kwnames, 1, 1);
    Value name = py_getattr(args[0], intern("name"));
    if (!is_str(name))
        raise(&exc::TypeError, "name must be string, not %s", type_name(name).c_str());
    std::string n = str_of(name);
    if (Value m = dict_get(sys_modules(), name))
        return m;
    ModuleInitFn init = find_builtin_module(n);
    if (!init)
        return none();
    return load_builtin(n, init);
}

Value imp_exec_builtin(Value, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("exec_builtin", nargs, kwnames, 1, 1);
    return Value::small_int(0); // built-in modules are complete once created
}

Value imp_lock_noop(Value, Value const*, size_t, TupleObject*)
{
    // The import lock: imports are not yet concurrent (the threads issue adds the locking).
    return none();
}

Value imp_lock_held(Value, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("lock_held", nargs, kwnames, 0, 0);
    return py_bool(false);
}

Value imp_extension_suffixes(Value, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("extension_suffixes", nargs, kwnames, 0, 0);
    return Value(list_new()); // pystm loads no C extension modules
}

Value imp_fix_co_filename(Value, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("_fix_co_filename", nargs, kwnames, 2, 2);
    return none();
}

// CPython's test support switches frozen modules on and off around imports; pystm has none, so
// the override changes nothing.
Value imp_override_frozen_modules_for_tests(
    Value, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("_override_frozen_modules_for_tests", nargs, kwnames, 1, 1);
    return none();
}

MethodDef const s_imp_methods[] = {
    { "is_builtin", imp_is_builtin },
    { "is_frozen", imp_is_frozen },
    { "create_builtin", imp_create_builtin },
    { "exec_builtin", imp_exec_builtin },
    { "acquire_lock", imp_lock_noop },
    { "release_lock", imp_lock_noop },
    { "lock_held", imp_lock_held },
    { "extension_suffixes", imp_extension_suffixes },
    { "_fix_co_filename", imp_fix_co_filename },
    { "_override_frozen_modules_for_tests", imp_override_frozen_modules_for_tests },
    { nullptr, nullptr },
};

} // namespace

ModuleObject* init_imp_module()
{
    ModuleObject* m = module_new("_imp");
    DictObject* d = m->m_dict;
    dict_set_str(d, names::__doc__, S("(Extremely) low-level import machinery bits as used by importlib."));
    for (MethodDef const* def = s_imp_methods; def->name; def++)
        dict_set_cstr(d, def->name, Value(builtin_function_new(def, Value(m))));
    dict_set_cstr(d, "check_hash_based_pycs", S("never"));
    return m;
}

} // namespace pystm

// The import system (see import.h): __import__ semantics, finding modules in the built-in
// registry and on sys.path, loading .py modules and packages, IMPORT_FROM / IMPORT_STAR helpers
// and running modules as __main__.
//
// Invariant IMP-1: a module is registered in sys.modules before its body runs and removed if the
// body raises; s_initializing names the modules whose bodies are running (plain strings, no GC
// references).
// Modules get __spec__ = None for now (the importlib machinery comes with the stdlib); the
// fields CPython derives from the spec (__file__, __path__, __package__, __loader__) are set
// directly.
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
#include "vm/interpreter.h"
#include <cerrno>
#include <cstdio>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <unordered_set>

namespace pystm {

namespace {

std::unordered_set<std::string>& initializing()
{
    static std::unordered_set<std::string> s_set;
    return s_set;
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
    std::string file; // the .py file to execute
    std::string package_dir; // non-empty for packages
};

// Searches [paths] (a list of str) for [leaf]: a package directory first, then a module.
bool find_on_path(Value paths, std::string const& leaf, Found* out)
{
    if (!paths || !is_list(paths))
        return false;
    gc::RootedValues entries;
    list_snapshot(paths.as<ListObject>(), entries);
    for (Value entry : entries) {
        if (!is_str(entry))
            continue;
        std::string dir = str_of(entry);
        std::string pkg = join(dir, leaf);
        if (is_dir(pkg) && is_file(pkg + "/__init__.py")) {
            out->file = pkg + "/__init__.py";
            out->package_dir = pkg;
            return true;
        }
        std::string mod = join(dir, leaf + ".py");
        if (is_file(mod)) {
            out->file = mod;
            return true;
        }
    }
    return false;
}

Value builtins_for_module() { return Value(builtins_module()); }

// Runs [code] of file [path] in a fresh module [name] registered in sys.modules (IMP-1).
Value exec_module_file(std::string const& name, Found const& found, std::string const& package)
{
    ModuleObject* mod = module_new(name.c_str());
    DictObject* d = mod->m_dict;
    dict_set_str(d, names::__file__, Value(str_from_utf8(found.file)));
    dict_set_str(d, names::__package__, Value(str_from_utf8(package)));
    // Imported modules see the builtins dict as __builtins__ (only __main__ gets the module).
    dict_set_str(d, names::__builtins__, Value(builtins_module()->m_dict));
    if (!found.package_dir.empty()) {
        ListObject* path = list_new();
        list_append(path, Value(str_from_utf8(found.package_dir)));
        dict_set_str(d, names::__path__, Value(path));
    }
    DictObject* modules = sys_modules();
    StrObject* key = str_from_utf8(name);
    dict_set(modules, Value(key), Value(mod));
    initializing().insert(name);
    try {
        std::string source = read_file(found.file);
        CodeObject* code = compiler::compile_source(source, found.file, compiler::ParseMode::Exec);
        vm::eval_code(code, d, Value());
    } catch (PyError&) {
        initializing().erase(name);
        dict_pop(modules, Value(key));
        throw;
    }
    initializing().erase(name);
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
    dict_set(sys_modules(), Value(str_from_utf8(name)), Value(mod));
    return Value(mod);
}

Value find_and_load(std::string const& abs_name);

Value lookup_loaded(std::string const& abs_name)
{
    Value m = dict_get(sys_modules(), Value(str_from_utf8(abs_name)));
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
        return exec_module_file(abs_name, found, found.package_dir.empty() ? "" : abs_name);
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
    Value mod = exec_module_file(abs_name, found, found.package_dir.empty() ? parent : abs_name);
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

bool import_is_initializing(StrObject* name) { return initializing().count(str_utf8(name)) > 0; }

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
    CodeObject* code = compiler::compile_source(source, path, compiler::ParseMode::Exec);
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
    if (found.package_dir.empty())
        return found;
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
    dict_set(sys_modules(), Value(names::__main__), Value(m));
    Value argv = sys_get("argv");
    if (argv && is_list(argv) && list_size(argv.as<ListObject>()) > 0)
        list_set(argv.as<ListObject>(), 0, Value(str_from_utf8(found.file)));
    std::string source = read_file(found.file);
    CodeObject* code = compiler::compile_source(source, found.file, compiler::ParseMode::Exec);
    return vm::eval_code(code, d, Value());
}

} // namespace pystm

// The _warnings module: CPython's C core of the warnings machinery, which warnings.py imports
// when it exists (filters, _defaultaction, _onceregistry, warn, warn_explicit,
// _filters_mutated) instead of its pure-Python fallback. importlib._bootstrap_external and the
// modules built on it (py_compile, compileall, pydoc, ...) import _warnings directly.
//
// Semantics follow CPython 3.11's Python/_warnings.c:
//   * warn() finds the frame [stacklevel] levels up (skipping importlib._bootstrap frames when
//     stacklevel > 1), its file, line, module name (__name__ of its globals) and the
//     __warningregistry__ dict of its globals (created on first use), then does warn_explicit().
//   * warn_explicit() turns the message into a Warning instance, consults the registry, then the
//     first matching filter of warnings.filters (or of this module's own list while warnings is
//     not imported), and acts: "error" raises, "ignore" drops, "always"/"default"/"module"/
//     "once" show the warning unless the registry (or _onceregistry) says it was shown already.
//   * Showing goes through warnings._showwarnmsg(WarningMessage(...)) when warnings is imported,
//     so a replaced warnings.showwarning or catch_warnings(record=True) sees it; otherwise the
//     line "file:line: Category: text" and the source line are written to sys.stderr here.
//   * _filters_mutated() bumps the filters version; a registry whose 'version' differs is
//     cleared before use, so changed filters apply to warnings already seen.
//
// State: one list, a GC root, holding [filters, _onceregistry, _defaultaction, version]. It is
// created once and never reassigned, so every change goes through the list's own undo record and
// an aborted transaction leaves no trace of it (a C++ global would not be rolled back).
#include "builtins/builtins.h"
#include "gc/heap.h"
#include "modules/builtin_modules.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/float_object.h"
#include "objects/function_object.h"
#include "objects/int_object.h"
#include "objects/list_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "vm/frame.h"
#include "vm/thread_state.h"
#include "vm/transaction.h"
#include <fstream>
#include <string>

namespace pystm {

namespace {

enum StateSlot : int64_t { FILTERS = 0, ONCE_REGISTRY, DEFAULT_ACTION, VERSION, NSLOTS };

Value s_state; // ListObject, see the file comment

ListObject* state()
{
    if (!s_state) {
        // Created at most once per process; an attempt that aborted after creating it would
        // leave a list that no longer matches the module's attributes.
        vm::transaction_irreversible();
        ListObject* l = list_new(NSLOTS);
        s_state = Value(l);
        gc::add_root(&s_state);
        ListObject* filters = list_new();
        auto add = [&](Type* category, char const* action, char const* module) {
            list_append(filters,
                Value(tuple_of({ Value(intern(action)), none(), Value(category),
                    module ? Value(intern(module)) : none(), Value::small_int(0) })));
        };
        // CPython's default filters of a release build.
        add(&exc::DeprecationWarning, "default", "__main__");
        add(&exc::DeprecationWarning, "ignore", nullptr);
        add(&exc::PendingDeprecationWarning, "ignore", nullptr);
        add(&exc::ImportWarning, "ignore", nullptr);
        add(&exc::ResourceWarning, "ignore", nullptr);
        list_append(l, Value(filters));
        list_append(l, Value(dict_new()));
        list_append(l, Value(intern("default")));
        list_append(l, Value::small_int(0));
    }
    return s_state.as<ListObject>();
}

int64_t filters_version()
{
    int64_t v = 0;
    int_to_i64(list_get(state(), VERSION), &v);
    return v;
}

// warnings.<name> when the warnings module is imported (a module in sys.modules), else null.
Value warnings_attr(char const* name)
{
    Value modules = sys_get("modules");
    if (!modules || !is_dict(modules))
        return Value();
    Value mod = dict_get_cstr(modules.as<DictObject>(), "warnings");
    if (!mod || !mod.is_object() || !isinstance(mod, &module_type))
        return Value();
    return py_getattr_opt(mod, intern(name));
}

bool str_is(Value v, char const* text) { return is_str(v) && str_utf8(v) == text; }

// True if the filter field [pattern] (None, a plain str, or a compiled regex) matches [arg].
bool matches(Value pattern, Value arg)
{
    if (is_none(pattern))
        return true;
    if (pattern.is_object() && pattern.as_object()->m_type == &str_type) {
        if (!is_str(arg))
            raise(&exc::TypeError, "Can't compare %s and %s", type_name(pattern).c_str(),
                type_name(arg).c_str());
        return str_eq(pattern.as<StrObject>(), arg.as<StrObject>());
    }
    return py_truthy(py_call_method(pattern, intern("match"), &arg, 1));
}

// The action of the first filter matching; [item] receives the filter (None for the default).
Value get_filter(Value category, Value text, int64_t lineno, Value module, Value& item)
{
    Value filters = warnings_attr("filters");
    if (!filters)
        filters = list_get(state(), FILTERS);
    if (!is_list(filters))
        raise(&exc::ValueError, "_warnings.filters must be a list");
    ListObject* l = filters.as<ListObject>();
    // The list may change while the filters' match() methods run: index it afresh each time.
    for (int64_t i = 0; i < list_size(l); i++) {
        Value f = list_get(l, i);
        if (!is_tuple(f) || f.as<TupleObject>()->m_size != 5)
            raise(&exc::ValueError, "_warnings.filters item %lld isn't a 5-tuple", static_cast<long long>(i));
        gc::RootedValues keep;
        keep.push_back(f);
        auto* t = f.as<TupleObject>();
        Value action = t->item(0);
        if (!is_str(action))
            raise(&exc::TypeError, "action must be a string, not '%s'", type_name(action).c_str());
        bool good_msg = matches(t->item(1), text);
        bool good_mod = matches(t->item(3), module);
        bool is_subclass = py_issubclass(category, t->item(2));
        int64_t ln = py_index_i64(t->item(4));
        if (good_msg && is_subclass && good_mod && (ln == 0 || lineno == ln)) {
            item = f;
            return action;
        }
    }
    Value action = warnings_attr("defaultaction");
    if (!action)
        action = list_get(state(), DEFAULT_ACTION);
    if (!is_str(action))
        raise(&exc::TypeError, "_warnings.defaultaction must be a string, not '%s'",
            type_name(action).c_str());
    item = none();
    return action;
}

DictObject* once_registry()
{
    Value r = warnings_attr("onceregistry");
    if (!r)
        r = list_get(state(), ONCE_REGISTRY);
    if (!is_dict(r))
        raise(&exc::TypeError, "_warnings.onceregistry must be a dict, not '%s'", type_name(r).c_str());
    return r.as<DictObject>();
}

// CPython's already_warned(): clears a registry of another filters version; true if [key] is
// recorded; records it when [set].
bool already_warned(DictObject* registry, Value key, bool set)
{
    Value version = dict_get_cstr(registry, "version");
    int64_t v = 0;
    bool current = version && version.is_small_int() && int_to_i64(version, &v)
        && v == filters_version();
    if (!current) {
        dict_clear(registry);
        dict_set(registry, Value(intern("version")), int_from_i64(filters_version()));
    } else {
        Value seen = dict_get(registry, key);
        if (seen && py_truthy(seen))
            return true;
    }
    if (set)
        dict_set(registry, key, Value(g_true));
    return false;
}

// The text of line [lineno] of [filename], leading whitespace removed; empty if unreadable.
std::string source_line(std::string const& filename, int64_t lineno)
{
    std::ifstream in(filename);
    std::string line;
    for (int64_t i = 0; i < lineno; i++)
        if (!std::getline(in, line))
            return {};
    size_t b = line.find_first_not_of(" \t\f");
    if (b == std::string::npos)
        return {};
    size_t e = line.find_last_not_of("\r\n");
    return line.substr(b, e - b + 1);
}

// Writes the warning to sys.stderr (CPython's show_warning(), used while warnings is not
// imported).
void show_warning_plain(
    Value filename, int64_t lineno, Value text, Value category, Value sourceline)
{
    Value name = py_getattr(category, names::__name__);
    Value err = sys_get("stderr");
    if (!err || is_none(err)) {
        std::fputs("lost sys.stderr\n", stderr);
        return;
    }
    std::string out = str_utf8(py_str(filename)) + ":" + std::to_string(lineno) + ": "
        + str_utf8(py_str(name)) + ": " + str_utf8(py_str(text)) + "\n";
    std::string line;
    if (sourceline && !is_none(sourceline)) {
        line = str_utf8(py_str(sourceline));
        size_t b = line.find_first_not_of(" \t\f");
        line = b == std::string::npos ? std::string() : line.substr(b);
    } else if (is_str(filename)) {
        line = source_line(str_utf8(filename), lineno);
    }
    if (!line.empty())
        out += "  " + line + "\n";
    Value arg = Value(str_from_utf8(out));
    py_call_method(err, names::write, &arg, 1);
}

void call_show_warning(Value category, Value text, Value message, Value filename, int64_t lineno,
    Value sourceline, Value source)
{
    Value show = warnings_attr("_showwarnmsg");
    if (!show) {
        show_warning_plain(filename, lineno, text, category, sourceline);
        return;
    }
    if (!py_callable(show))
        raise(&exc::TypeError, "warnings._showwarnmsg() must be set to a callable");
    Value cls = warnings_attr("WarningMessage");
    if (!cls)
        raise(&exc::RuntimeError, "unable to get warnings.WarningMessage");
    Value args[] = { message, category, filename, int_from_i64(lineno), none(), none(),
        source ? source : none() };
    Value msg = py_call(cls, args, 7);
    py_call(show, &msg, 1);
}

// filename minus a ".py" suffix; "<unknown>" for "".
Value normalize_module(Value filename)
{
    std::string f = str_utf8(filename);
    if (f.empty())
        return Value(str_from_ascii("<unknown>"));
    if (f.size() >= 3 && f.compare(f.size() - 3, 3, ".py") == 0)
        return Value(str_from_utf8(f.substr(0, f.size() - 3)));
    return filename;
}

Value do_warn_explicit(Value category, Value message, Value filename, int64_t lineno, Value module,
    Value registry, Value sourceline, Value source)
{
    if (module && is_none(module))
        return none();
    if (registry && !is_none(registry) && !is_dict(registry))
        raise(&exc::TypeError, "'registry' must be a dict or None");
    gc::RootedValues keep;
    if (!module)
        module = normalize_module(filename);
    keep.push_back(module);
    Value text;
    if (py_isinstance(message, Value(&exc::Warning))) {
        text = Value(py_str(message));
        category = Value(type_of(message));
    } else {
        text = message;
        message = py_call(category, &message, 1);
    }
    keep.push_back(text);
    keep.push_back(message);
    Value lineno_obj = int_from_i64(lineno);
    Value key = Value(tuple_of({ text, category, lineno_obj }));
    keep.push_back(key);
    DictObject* reg = registry && !is_none(registry) ? registry.as<DictObject>() : nullptr;
    if (reg && already_warned(reg, key, false))
        return none();
    Value item;
    Value action = get_filter(category, text, lineno, module, item);
    keep.push_back(action);
    keep.push_back(item);
    if (str_is(action, "error"))
        raise_value(message);
    if (str_is(action, "ignore"))
        return none();
    bool seen = false;
    if (!str_is(action, "always")) {
        if (reg)
            dict_set(reg, key, Value(g_true));
        Value altkey = Value(tuple_of({ text, category }));
        if (str_is(action, "once")) {
            seen = already_warned(reg ? reg : once_registry(), altkey, true);
        } else if (str_is(action, "module")) {
            if (reg)
                seen = already_warned(reg, altkey, true);
        } else if (!str_is(action, "default")) {
            raise(&exc::RuntimeError, "Unrecognized action (%s) in warnings.filters:\n %s",
                str_utf8(py_repr(action)).c_str(), str_utf8(py_repr(item)).c_str());
        }
    }
    if (!seen)
        call_show_warning(category, text, message, filename, lineno, sourceline, source);
    return none();
}

bool is_internal_frame(vm::Frame* f)
{
    if (!f || !f->m_code->m_filename)
        return false;
    std::string name = str_utf8(f->m_code->m_filename);
    return name.find("importlib") != std::string::npos && name.find("_bootstrap") != std::string::npos;
}

vm::Frame* next_external_frame(vm::Frame* f)
{
    do
        f = f->m_previous;
    while (f && is_internal_frame(f));
    return f;
}

Type* category_of(Value message, Value category)
{
    if (py_isinstance(message, Value(&exc::Warning)))
        return type_of(message);
    if (!category || is_none(category))
        return &exc::UserWarning;
    bool ok = false;
    if (category.is_object() && isinstance(category, &type_type)) {
        try {
            ok = py_issubclass(category, Value(&exc::Warning));
        } catch (PyError&) {
            take_exception();
        }
    }
    if (!ok)
        raise(&exc::TypeError, "category must be a Warning subclass, not '%s'", type_name(category).c_str());
    return category.as<Type>();
}

Value w_warn(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    Value a[4];
    parse_args("warn", args, nargs, kwnames, { "message", "category", "stacklevel", "source" }, 1, a);
    Value category = Value(category_of(a[0], a[1]));
    int64_t level = a[2] ? py_index_i64(a[2]) : 1;
    ThreadState* ts = tstate();
    vm::Frame* f = ts ? ts->m_frame : nullptr;
    // Stack levels count Python frames; the caller of warn() is level 1.
    if (level <= 0 || is_internal_frame(f)) {
        while (--level > 0 && f)
            f = f->m_previous;
    } else {
        while (--level > 0 && f)
            f = next_external_frame(f);
    }
    Value filename, module;
    int64_t lineno = 1;
    DictObject* globals;
    if (!f) {
        globals = sys_module()->m_dict;
        filename = Value(str_from_ascii("sys"));
    } else {
        globals = f->m_globals;
        filename = f->m_code->m_filename ? Value(f->m_code->m_filename) : Value(str_empty());
        lineno = f->lineno();
    }
    gc::RootedValues keep;
    keep.push_back(filename);
    Value registry = dict_get_cstr(globals, "__warningregistry__");
    if (!registry) {
        registry = Value(dict_new());
        dict_set(globals, Value(intern("__warningregistry__")), registry);
    }
    keep.push_back(registry);
    module = dict_get_cstr(globals, "__name__");
    if (!module || !(is_none(module) || is_str(module)))
        module = Value(str_from_ascii("<string>"));
    keep.push_back(module);
    return do_warn_explicit(category, a[0], filename, lineno, module, registry, Value(),
        a[3] && !is_none(a[3]) ? a[3] : Value());
}

// The source line [lineno] of the module whose globals are [globals], through its loader's
// get_source(), or null.
Value loader_source_line(DictObject* globals, int64_t lineno)
{
    Value loader = dict_get_cstr(globals, "__loader__");
    Value name = dict_get_cstr(globals, "__name__");
    if (!loader || !name)
        return Value();
    Value source = py_call_method(loader, intern("get_source"), &name, 1);
    if (is_none(source))
        return Value();
    Value lines = py_call_method(source, intern("splitlines"), nullptr, 0);
    if (!is_list(lines) || lineno < 1 || lineno > list_size(lines.as<ListObject>()))
        return Value();
    return list_get(lines.as<ListObject>(), lineno - 1);
}

Value w_warn_explicit(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    Value a[8];
    parse_args("warn_explicit", args, nargs, kwnames,
        { "message", "category", "filename", "lineno", "module", "registry", "module_globals", "source" },
        4, a);
    if (!is_str(a[2]))
        raise(&exc::TypeError, "warn_explicit() argument 3 must be str, not %s", type_name(a[2]).c_str());
    if (is_float(a[3]))
        raise(&exc::TypeError, "'float' object cannot be interpreted as an integer");
    int64_t lineno = py_index_i64(a[3]);
    Value sourceline;
    if (a[6] && !is_none(a[6])) {
        if (!is_dict(a[6]))
            raise(&exc::TypeError, "module_globals must be a dict, not '%s'", type_name(a[6]).c_str());
        sourceline = loader_source_line(a[6].as<DictObject>(), lineno);
    }
    gc::RootedValues keep;
    keep.push_back(sourceline);
    return do_warn_explicit(a[1], a[0], a[2], lineno, a[4], a[5] ? a[5] : none(), sourceline,
        a[7] && !is_none(a[7]) ? a[7] : Value());
}

Value w_filters_mutated(Value, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("_filters_mutated", nargs, kwnames, 0, 0);
    list_set(state(), VERSION, int_from_i64(filters_version() + 1));
    return none();
}

MethodDef const s_warnings_methods[] = {
    { "warn", w_warn, METH_DEFAULT,
        "warn($module, /, message, category=None, stacklevel=1, source=None)\n--\n\nIssue a warning, or maybe ignore it or raise an exception." },
    { "warn_explicit", w_warn_explicit, METH_DEFAULT,
        "warn_explicit($module, /, message, category, filename, lineno,\n              module=<unrepresentable>, registry=None,\n              module_globals=None, source=None)\n--\n\nIssue a warning, or maybe ignore it or raise an exception." },
    { "_filters_mutated", w_filters_mutated },
    { nullptr, nullptr },
};

} // namespace

ModuleObject* init_warnings_module()
{
    ModuleObject* m = module_new("_warnings");
    DictObject* d = m->m_dict;
    dict_set_str(d, names::__doc__, Value(str_from_ascii("_warnings provides basic warning filtering support.\nIt is a helper module to speed up interpreter start-up.")));
    for (MethodDef const* def = s_warnings_methods; def->name; def++)
        dict_set_cstr(d, def->name, Value(builtin_function_new(def, Value(m))));
    ListObject* st = state();
    dict_set_cstr(d, "filters", list_get(st, FILTERS));
    dict_set_cstr(d, "_onceregistry", list_get(st, ONCE_REGISTRY));
    dict_set_cstr(d, "_defaultaction", list_get(st, DEFAULT_ACTION));
    return m;
}

} // namespace pystm

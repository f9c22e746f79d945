// The sys module: interpreter metadata (version, implementation, limits), the import state
// (modules, path, meta_path), the standard streams, hooks (displayhook, excepthook, trace and
// profile functions) and the recursion / int-digits limits. Also types.SimpleNamespace, which
// sys.implementation is an instance of.
//
// The CLI fills argv, path[0], warnoptions and _xoptions after start-up by plain attribute
// assignment; everything else is set here.
#include "builtins/builtins.h"
#include "compiler/compiler.h"
#include "gc/heap.h"
#include "modules/builtin_modules.h"
#include "modules/stdio.h"
#include "modules/stdlib_module_names.h"
#include "modules/structseq.h"
#include "objects/bootstrap.h"
#include "objects/codecs.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/float_object.h"
#include "objects/int_object.h"
#include "objects/iter_objects.h"
#include "objects/list_object.h"
#include "objects/set_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "vm/import.h"
#include "vm/interpreter.h"
#include "vm/thread_state.h"
#include "vm/traceback.h"
#include "vm/transaction.h"
#include <algorithm>
#include <cfloat>
#include <climits>
#include <cstdlib>
#include <string>
#include <unistd.h>

#ifndef PYSTM_SOURCE_DIR
#define PYSTM_SOURCE_DIR "."
#endif

namespace pystm {

Type simple_namespace_type(&type_type);

// sys.set_asyncgen_hooks()'s hooks of the calling thread (None when unset); generator_object.cpp
// calls firstiter on an async generator's first iteration.
void asyncgen_hooks(Value* firstiter, Value* finalizer);

namespace {

Type s_version_info_type(&type_type);
Type s_flags_type(&type_type);
Type s_float_info_type(&type_type);
Type s_int_info_type(&type_type);
Type s_hash_info_type(&type_type);
Type s_thread_info_type(&type_type);
Type s_asyncgen_hooks_type(&type_type);

char const* const s_version_info_fields[] = { "major", "minor", "micro", "releaselevel", "serial", nullptr };
StructSeqDesc const s_version_info_desc = { "sys", "version_info", s_version_info_fields, 5, false,
    "sys.version_info\n\nVersion information as a named tuple." };
char const* const s_flags_fields[] = { "debug", "inspect", "interactive", "optimize", "dont_write_bytecode",
    "no_user_site", "no_site", "ignore_environment", "verbose", "bytes_warning", "quiet", "hash_randomization",
    "isolated", "dev_mode", "utf8_mode", "warn_default_encoding", "safe_path", "int_max_str_digits", nullptr };
StructSeqDesc const s_flags_desc = { "sys", "flags", s_flags_fields, 18, false, "sys.flags\n\nFlags provided through command line arguments or environment vars." };
char const* const s_float_info_fields[] = { "max", "max_exp", "max_10_exp", "min", "min_exp", "min_10_exp", "dig",
    "mant_dig", "epsilon", "radix", "rounds", nullptr };
StructSeqDesc const s_float_info_desc = { "sys", "float_info", s_float_info_fields, 11, true, nullptr };
char const* const s_int_info_fields[] = { "bits_per_digit", "sizeof_digit", "default_max_str_digits",
    "str_digits_check_threshold", nullptr };
StructSeqDesc const s_int_info_desc = { "sys", "int_info", s_int_info_fields, 4, true, nullptr };
char const* const s_hash_info_fields[] = { "width", "modulus", "inf", "nan", "imag", "algorithm", "hash_bits",
    "seed_bits", "cutoff", nullptr };
StructSeqDesc const s_hash_info_desc = { "sys", "hash_info", s_hash_info_fields, 9, true, nullptr };
char const* const s_thread_info_fields[] = { "name", "lock", "version", nullptr };
StructSeqDesc const s_thread_info_desc = { "sys", "thread_info", s_thread_info_fields, 3, true, nullptr };
char const* const s_asyncgen_hooks_fields[] = { "firstiter", "finalizer", nullptr };
// CPython's type has no module prefix: its repr is "asyncgen_hooks(firstiter=..., finalizer=...)".
StructSeqDesc const s_asyncgen_hooks_desc = { "", "asyncgen_hooks", s_asyncgen_hooks_fields, 2, false, nullptr };

Value s_sys; // the module
Value s_trace_func, s_profile_func;

DictObject* sys_dict() { return s_sys.as<ModuleObject>()->m_dict; }

Value S(char const* s) { return Value(str_from_utf8(s)); }

// --- types.SimpleNamespace --------------------------------------------------------------------

struct NamespaceObject : Object {
    DictObject* m_dict = nullptr;
    explicit NamespaceObject(Type* t) : Object(t) { }
};

void trace_namespace(Object* o, gc::Tracer& t) { t.visit(static_cast<NamespaceObject*>(o)->m_dict); }

uint32_t namespace_dict_offset()
{
    alignas(NamespaceObject) static char probe[sizeof(NamespaceObject)];
    auto* n = reinterpret_cast<NamespaceObject*>(probe);
    return static_cast<uint32_t>(reinterpret_cast<char*>(&n->m_dict) - probe);
}

DictObject* ns_dict(Value self)
{
    auto* n = self.as<NamespaceObject>();
    read_barrier(n);
    if (!n->m_dict) {
        DictObject* d = dict_new();
        write_barrier(n);
        n->m_dict = d;
    }
    return n->m_dict;
}

Value ns_new(Value, Value const* args, size_t nargs, TupleObject*)
{
    if (nargs < 1 || !is_type(args[0]))
        raise(&exc::TypeError, "SimpleNamespace.__new__(X): X is not a type object");
    auto* n = gc::make<NamespaceObject>(args[0].as<Type>());
    n->m_dict = dict_new();
    return Value(n);
}

Value ns_init(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    if (nargs > 0)
        raise(&exc::TypeError, "no positional arguments expected");
    DictObject* d = ns_dict(self);
    for (int64_t i = 0; kwnames && i < kwnames->m_size; i++)
        dict_set(d, kwnames->item(i), args[i]);
    return none();
}

Value ns_repr(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__repr__", nargs, kwnames, 0, 0);
    Type* t = type_of(self);
    std::string out = t == &simple_namespace_type ? "namespace(" : t->name_str() + "(";
    // A namespace that contains itself prints as "namespace(...)", as in CPython.
    ReprGuard guard(self.as_object());
    if (!guard.active())
        return str_from_utf8(out + "...)");
    DictObject* d = ns_dict(self);
    int64_t pos = 0;
    Value k, v;
    bool first = true;
    gc::RootedValues items;
    while (dict_next(d, &pos, &k, &v)) {
        items.push_back(k);
        items.push_back(v);
    }
    for (size_t i = 0; i + 1 < items.size(); i += 2) {
        if (!is_str(items[i]))
            continue;
        if (!first)
            out += ", ";
        first = false;
        out += str_utf8(items[i]) + "=" + repr_utf8(items[i + 1]);
    }
    return str_from_utf8(out + ")");
}

Value ns_eq(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__eq__", nargs, kwnames, 1, 1);
    if (!isinstance(args[0], &simple_namespace_type))
        return Value(g_not_implemented);
    return py_richcompare(Value(ns_dict(self)), Value(ns_dict(args[0])), CMP_EQ);
}

Value ns_reduce(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__reduce__", nargs, kwnames, 0, 0);
    return tuple_of({ Value(type_of(self)), Value(tuple_empty()), Value(ns_dict(self)) });
}

MethodDef const s_namespace_methods[] = {
    { "__new__", ns_new, METH_STATIC },
    { "__init__", ns_init },
    { "__repr__", ns_repr },
    { "__eq__", ns_eq },
    { "__reduce__", ns_reduce },
    { nullptr, nullptr },
};

Value ns_get_dict(Value self) { return Value(ns_dict(self)); }

// --- functions --------------------------------------------------------------------------------

Value sys_exit(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    if (kwnames && kwnames->m_size)
        raise(&exc::TypeError, "exit() takes no keyword arguments");
    if (nargs > 1)
        raise(&exc::TypeError, "exit expected at most 1 argument, got %zu", nargs);
    if (nargs == 0)
        raise_value(exception_new(&exc::SystemExit, {}));
    raise_value(exception_new(&exc::SystemExit, { args[0] }));
}

Value sys_getrecursionlimit(Value, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("getrecursionlimit", nargs, kwnames, 0, 0);
    return int_from_i64(g_recursion_limit);
}

Value sys_setrecursionlimit(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("setrecursionlimit", nargs, kwnames, 1, 1);
    if (is_float(args[0]))
        raise(&exc::TypeError, "'float' object cannot be interpreted as an integer");
    int64_t n = py_index_i64(args[0]);
    if (n < 1)
        raise(&exc::ValueError, "recursion limit must be greater or equal than 1");
    if (n > INT_MAX)
        raise(&exc::OverflowError, "Python int too large to convert to C int");
    int depth = tstate() ? tstate()->m_recursion_depth : 0;
    if (n <= depth)
        raise(&exc::RecursionError,
            "cannot set the recursion limit to %lld at the recursion depth %d: the limit is too low",
            static_cast<long long>(n), depth);
    vm::transaction_irreversible(); // C++ state, not rolled back by an abort
    g_recursion_limit = static_cast<int>(n);
    return none();
}

Value sys_exc_info(Value, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("exc_info", nargs, kwnames, 0, 0);
    Value e = current_handled_exception();
    if (!e || is_none(e))
        return tuple_of({ none(), none(), none() });
    Value tb = py_getattr(e, names::__traceback__);
    return tuple_of({ Value(type_of(e)), e, tb });
}

Value sys_exception(Value, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("exception", nargs, kwnames, 0, 0);
    Value e = current_handled_exception();
    return e ? e : none();
}

Value sys_getsizeof(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    Value a[2];
    parse_args("getsizeof", args, nargs, kwnames, { "object", "default" }, 1, a);
    Value meth = type_of(a[0])->special(SP_sizeof);
    if (!meth) {
        if (a[1])
            return a[1];
        raise(&exc::TypeError, "Type %s doesn't define __sizeof__", type_name(a[0]).c_str());
    }
    Value r;
    try {
        r = call_special_opt(a[0], SP_sizeof, nullptr, 0);
    } catch (PyError&) {
        if (a[1] && exception_matches(&exc::TypeError)) {
            take_exception();
            return a[1];
        }
        throw;
    }
    if (!is_int(r))
        raise(&exc::TypeError, "an integer is required");
    if (int_sign(r) < 0)
        raise(&exc::ValueError, "__sizeof__() should return >= 0");
    return r;
}

Value sys_intern(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("intern", nargs, kwnames, 1, 1);
    if (!is_exact_str(args[0]))
        raise(&exc::TypeError, "intern() argument must be str, not %s", type_name(args[0]).c_str());
    return Value(intern(args[0].as<StrObject>()));
}

Value sys_getdefaultencoding(Value, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("getdefaultencoding", nargs, kwnames, 0, 0);
    return S("utf-8");
}

Value sys_getfilesystemencoding(Value, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("getfilesystemencoding", nargs, kwnames, 0, 0);
    return S("utf-8");
}

Value sys_getfilesystemencodeerrors(Value, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("getfilesystemencodeerrors", nargs, kwnames, 0, 0);
    return S("surrogateescape");
}

Value sys_get_int_max_str_digits(Value, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("get_int_max_str_digits", nargs, kwnames, 0, 0);
    return int_from_i64(g_int_max_str_digits);
}

Value sys_set_int_max_str_digits(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    Value a[1];
    parse_args("set_int_max_str_digits", args, nargs, kwnames, { "maxdigits" }, 1, a);
    int64_t n = py_index_i64(a[0]);
    if (n != 0 && (n < 640 || n > INT_MAX))
        raise(&exc::ValueError, "maxdigits must be 0 or larger than 640");
    vm::transaction_irreversible(); // C++ state, not rolled back by an abort
    g_int_max_str_digits = static_cast<int>(n);
    return none();
}

void set_builtins_underscore(Value v)
{
    dict_set_str(vm::builtins_dict(), names::_, v);
}

Value sys_displayhook(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("displayhook", nargs, kwnames, 1, 1);
    Value v = args[0];
    if (is_none(v))
        return none();
    // builtins._ is cleared first so that repr() can't see the previous value as the result.
    set_builtins_underscore(none());
    Value out = sys_get("stdout");
    if (!out || is_none(out))
        raise(&exc::RuntimeError, "lost sys.stdout");
    Value text = Value(py_repr(v));
    py_call_method(out, names::write, &text, 1);
    Value nl = S("\n");
    py_call_method(out, names::write, &nl, 1);
    set_builtins_underscore(v);
    return none();
}

Value sys_excepthook(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    if (kwnames && kwnames->m_size)
        raise(&exc::TypeError, "excepthook() takes no keyword arguments");
    if (nargs != 3)
        raise(&exc::TypeError, "excepthook expected 3 arguments, got %zu", nargs);
    Value exc = args[1];
    if (!is_exception(exc)) {
        // CPython prints "TypeError: print_exception(): Exception expected for value, int found".
        Value err = sys_get("stderr");
        std::string msg = "TypeError: print_exception(): Exception expected for value, " + type_name(exc) + " found\n";
        if (err && !is_none(err)) {
            Value text = S(msg.c_str());
            py_call_method(err, names::write, &text, 1);
        }
        return none();
    }
    print_exception(exc);
    return none();
}

// --- sys.unraisablehook --------------------------------------------------------------------

Type s_unraisable_args_type(&type_type);
char const* const s_unraisable_fields[] = { "exc_type", "exc_value", "exc_traceback", "err_msg", "object", nullptr };
StructSeqDesc const s_unraisable_desc = { "builtins", "UnraisableHookArgs", s_unraisable_fields, 5, false,
    "UnraisableHookArgs\n\nType used to pass arguments to sys.unraisablehook." };

// The default report: "<err_msg>: <repr(object)>" (err_msg defaults to "Exception ignored in"),
// then the traceback, on sys.stderr.
void write_unraisable_default(Value exc_value, Value err_msg, Value obj)
{
    Value err = sys_get("stderr");
    if (!err || is_none(err))
        return;
    std::string head = err_msg && !is_none(err_msg) ? str_utf8(py_str(err_msg)) : "Exception ignored in";
    if (obj && !is_none(obj)) {
        std::string r;
        try {
            r = repr_utf8(obj);
        } catch (PyError&) {
            take_exception();
            r = "<object repr() failed>";
        }
        head += ": " + r;
    }
    head += "\n";
    Value text = S(head.c_str());
    py_call_method(err, names::write, &text, 1);
    if (exc_value && is_exception(exc_value))
        print_exception(exc_value, err);
    py_call_method(err, intern("flush"), nullptr, 0);
}

Value sys_unraisablehook(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("unraisablehook", nargs, kwnames, 1, 1);
    if (type_of(args[0]) != &s_unraisable_args_type)
        raise(&exc::TypeError, "sys.unraisablehook argument type must be UnraisableHookArgs");
    TupleObject* t = args[0].as<TupleObject>();
    write_unraisable_default(t->item(1), t->item(3), t->item(4));
    return none();
}

Value sys_settrace(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("settrace", nargs, kwnames, 1, 1);
    // Stored for gettrace(); no trace events are generated yet.
    vm::transaction_irreversible(); // C++ state, not rolled back by an abort
    s_trace_func = is_none(args[0]) ? Value() : args[0];
    return none();
}

Value sys_gettrace(Value, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("gettrace", nargs, kwnames, 0, 0);
    return s_trace_func ? s_trace_func : none();
}

Value sys_setprofile(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("setprofile", nargs, kwnames, 1, 1);
    vm::transaction_irreversible(); // C++ state, not rolled back by an abort
    s_profile_func = is_none(args[0]) ? Value() : args[0];
    return none();
}

Value sys_getprofile(Value, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("getprofile", nargs, kwnames, 0, 0);
    return s_profile_func ? s_profile_func : none();
}

Value sys_getframe(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("_getframe", nargs, kwnames, 0, 1);
    int64_t depth = nargs ? py_index_i64(args[0]) : 0;
    // The frame of _getframe's caller is depth 0.
    Object* f = vm::current_frame_object(static_cast<int>(depth < 0 ? 0 : depth));
    if (!f)
        raise(&exc::ValueError, "call stack is not deep enough");
    return Value(f);
}

Value sys_is_finalizing(Value, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("is_finalizing", nargs, kwnames, 0, 0);
    return py_bool(false);
}

Value sys_getswitchinterval(Value, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("getswitchinterval", nargs, kwnames, 0, 0);
    return float_new(vm::switch_interval());
}

Value sys_setswitchinterval(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("setswitchinterval", nargs, kwnames, 1, 1);
    double d = py_float_as_double(args[0]);
    if (d <= 0)
        raise(&exc::ValueError, "switch interval must be strictly positive");
    vm::set_switch_interval(d);
    return none();
}

// sys.breakpointhook (CPython's sys_breakpointhook): $PYTHONBREAKPOINT, read at each call, names
// the callable ("module.attr", or a builtin without a dot; unset or empty: pdb.set_trace); "0"
// makes breakpoint() a no-op, and a name that does not import warns and does nothing.
Value sys_breakpointhook(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    char const* env = std::getenv("PYTHONBREAKPOINT");
    std::string spec = env && *env ? env : "pdb.set_trace";
    if (spec == "0")
        return none();
    size_t dot = spec.rfind('.');
    std::string module_name = dot == std::string::npos ? "builtins" : spec.substr(0, dot);
    std::string attr = dot == std::string::npos ? spec : spec.substr(dot + 1);
    Value hook;
    if (dot != 0) {
        try {
            Value module = import_module(module_name.c_str());
            hook = py_getattr(module, str_from_utf8(attr));
        } catch (PyError&) {
            if (!exception_matches(&exc::ImportError) && !exception_matches(&exc::AttributeError))
                throw;
            take_exception();
        }
    }
    if (!hook) {
        warn_format(&exc::RuntimeWarning, 0, "Ignoring unimportable $PYTHONBREAKPOINT: \"%s\"",
            spec.c_str());
        return none();
    }
    return py_call(hook, args, nargs, kwnames);
}

Value sys_audit(Value, Value const* args, size_t nargs, TupleObject*)
{
    if (nargs < 1)
        raise(&exc::TypeError, "audit() missing 1 required positional argument: 'event'");
    if (!is_str(args[0]))
        raise(&exc::TypeError, "expected str for argument 'event', not %s", type_name(args[0]).c_str());
    return none();
}

Value sys_addaudithook(Value, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("addaudithook", nargs, kwnames, 1, 1);
    return none();
}

// The async generator hooks are per thread, as in CPython: a (firstiter, finalizer) tuple in the
// thread's dict (ThreadState::m_dict, shared with _thread._local under a key no _local uses).
DictObject* thread_dict_for_hooks()
{
    ThreadState* ts = tstate();
    if (!ts->m_dict) {
        // The thread state is outside the heap, so an abort would not take this pointer back.
        vm::transaction_irreversible();
        ts->m_dict = dict_new();
    }
    return ts->m_dict;
}

Value sys_get_asyncgen_hooks(Value, Value const*, size_t nargs, TupleObject* kwnames)
{
    if (nargs || (kwnames && kwnames->m_size))
        raise(&exc::TypeError, "sys.get_asyncgen_hooks() takes no arguments (%zu given)",
            nargs + (kwnames ? static_cast<size_t>(kwnames->m_size) : 0));
    Value hooks[2];
    asyncgen_hooks(&hooks[0], &hooks[1]);
    return structseq_new(&s_asyncgen_hooks_type, hooks, 2);
}

Value sys_set_asyncgen_hooks(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    // PyArg_ParseTupleAndKeywords' wording for an unknown keyword.
    for (int64_t i = 0; kwnames && i < kwnames->m_size; i++) {
        std::string k = str_utf8(kwnames->item(i));
        if (k != "firstiter" && k != "finalizer")
            raise(&exc::TypeError, "'%s' is an invalid keyword argument for this function", k.c_str());
    }
    Value a[2];
    parse_args("set_asyncgen_hooks", args, nargs, kwnames, { "firstiter", "finalizer" }, 0, a);
    Value hooks[2];
    asyncgen_hooks(&hooks[0], &hooks[1]);
    // The finalizer is checked first, as in CPython.
    for (int i : { 1, 0 }) {
        if (!a[i])
            continue;
        if (!is_none(a[i]) && !py_callable(a[i]))
            raise(&exc::TypeError, "callable %s expected, got %s", i ? "finalizer" : "firstiter",
                type_name(a[i]).c_str());
        hooks[i] = a[i];
    }
    dict_set(thread_dict_for_hooks(), Value(intern("sys.asyncgen_hooks")), Value(tuple_of({ hooks[0], hooks[1] })));
    return none();
}

Value sys_set_coroutine_origin_tracking_depth(
    Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    Value a[1];
    parse_args("set_coroutine_origin_tracking_depth", args, nargs, kwnames, { "depth" }, 1, a);
    if (is_float(a[0]))
        raise(&exc::TypeError, "'float' object cannot be interpreted as an integer");
    int64_t depth;
    try {
        depth = py_index_i64(a[0]);
    } catch (PyError&) {
        if (!is_int(a[0]))
            throw;
        take_exception();
        depth = INT64_MAX;
    }
    if (depth > INT_MAX || depth < INT_MIN)
        raise(&exc::OverflowError, "Python int too large to convert to C int");
    if (depth < 0)
        raise(&exc::ValueError, "depth must be >= 0");
    vm::transaction_irreversible(); // C++ state, not rolled back by an abort
    tstate()->m_coro_origin_depth = static_cast<int>(depth);
    return none();
}

Value sys_get_coroutine_origin_tracking_depth(
    Value, Value const*, size_t nargs, TupleObject* kwnames)
{
    if (nargs || (kwnames && kwnames->m_size))
        raise(&exc::TypeError,
            "sys.get_coroutine_origin_tracking_depth() takes no arguments (%zu given)",
            nargs + (kwnames ? static_cast<size_t>(kwnames->m_size) : 0));
    return int_from_i64(tstate()->m_coro_origin_depth);
}

MethodDef const s_sys_methods[] = {
    { "set_coroutine_origin_tracking_depth", sys_set_coroutine_origin_tracking_depth, METH_DEFAULT,
        "Enable or disable origin "
        "tracking for coroutine objects in this thread.\n\nCoroutine objects will track 'depth' "
        "frames of traceback information\nabout where they came from, available in their "
        "cr_origin attribute.\n\nSet a depth of 0 to disable." },
    { "get_coroutine_origin_tracking_depth", sys_get_coroutine_origin_tracking_depth, METH_DEFAULT,
        "Check status of origin "
        "tracking for coroutine objects in this thread." },
    { "get_asyncgen_hooks", sys_get_asyncgen_hooks, METH_DEFAULT,
        "Return the installed asynchronous generators "
        "hooks.\n\nThis returns a namedtuple of the form (firstiter, finalizer)." },
    { "set_asyncgen_hooks", sys_set_asyncgen_hooks, METH_DEFAULT,
        "set_asyncgen_hooks(* [, firstiter] [, finalizer])\n\nSet a finalizer for async generators "
        "objects." },
    { "exit", sys_exit, METH_DEFAULT,
        "Exit the interpreter by raising SystemExit(status).\n\nIf the status is omitted or None, "
        "it defaults to zero (i.e., success).\nIf the status is an integer, it will be used as the "
        "system exit status.\nIf it is another kind of object, it will be printed and the "
        "system\nexit status will be one (i.e., failure)." },
    { "getrecursionlimit", sys_getrecursionlimit },
    { "setrecursionlimit", sys_setrecursionlimit },
    { "exc_info", sys_exc_info },
    { "exception", sys_exception },
    { "getsizeof", sys_getsizeof },
    { "intern", sys_intern },
    { "getdefaultencoding", sys_getdefaultencoding },
    { "getfilesystemencoding", sys_getfilesystemencoding },
    { "getfilesystemencodeerrors", sys_getfilesystemencodeerrors },
    { "get_int_max_str_digits", sys_get_int_max_str_digits },
    { "set_int_max_str_digits", sys_set_int_max_str_digits },
    { "displayhook", sys_displayhook },
    { "excepthook", sys_excepthook },
    { "breakpointhook", sys_breakpointhook, METH_DEFAULT,
        "breakpointhook(*args, **kws)\n\nThis hook function is called by built-in "
        "breakpoint().\n" },
    { "unraisablehook", sys_unraisablehook },
    { "settrace", sys_settrace },
    { "gettrace", sys_gettrace },
    { "setprofile", sys_setprofile },
    { "getprofile", sys_getprofile },
    { "_getframe", sys_getframe },
    { "is_finalizing", sys_is_finalizing },
    { "getswitchinterval", sys_getswitchinterval },
    { "setswitchinterval", sys_setswitchinterval },
    { "audit", sys_audit },
    { "addaudithook", sys_addaudithook },
    { nullptr, nullptr },
};

std::string executable_path()
{
    char buf[4096];
    ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0)
        return "";
    return std::string(buf, static_cast<size_t>(n));
}

ListObject* str_list(std::initializer_list<char const*> items)
{
    ListObject* l = list_new();
    for (char const* s : items)
        list_append(l, S(s));
    return l;
}

void set(char const* name, Value v) { dict_set_cstr(sys_dict(), name, v); }

void add_metadata()
{
    Value vi_items[] = { Value::small_int(3), Value::small_int(11), Value::small_int(0), S("final"), Value::small_int(0) };
    Value version_info = structseq_new(&s_version_info_type, vi_items, 5);
    set("version_info", version_info);
    set("version", S("3.11.0 (pystm 0.1.0) [GCC " __VERSION__ "]"));
    int64_t hexversion = 0x030B00F0;
    set("hexversion", int_from_i64(hexversion));
    set("api_version", Value::small_int(1013));
    set("copyright", S("Copyright (c) 2001-2023 Python Software Foundation.\nAll Rights Reserved.\n\nCopyright (c) 2000 BeOpen.com.\nAll Rights Reserved.\n\nCopyright (c) 1995-2001 Corporation for National Research Initiatives.\nAll Rights Reserved.\n\nCopyright (c) 1991-1995 Stichting Mathematisch Centrum, Amsterdam.\nAll Rights Reserved."));
    set("platform", S("linux"));
    set("byteorder", S("little"));
    set("maxsize", int_from_i64(INT64_MAX));
    set("maxunicode", Value::small_int(0x10FFFF));
    set("float_repr_style", S("short"));
    set("abiflags", S(""));
    set("platlibdir", S("lib"));
    set("pycache_prefix", none());
    set("dont_write_bytecode", py_bool(true));

    // sys.implementation: a SimpleNamespace, as in CPython.
    auto* impl = gc::make<NamespaceObject>(&simple_namespace_type);
    impl->m_dict = dict_new();
    dict_set_cstr(impl->m_dict, "name", S("pystm"));
    dict_set_cstr(impl->m_dict, "cache_tag", none());
    dict_set_cstr(impl->m_dict, "version", version_info);
    dict_set_cstr(impl->m_dict, "hexversion", int_from_i64(hexversion));
    // The platform triple of Debian's multiarch layout, which names the standard library's
    // _sysconfigdata__<triple>.py (sysconfig.get_config_vars() imports it).
#if defined(__linux__) && defined(__x86_64__)
    dict_set_cstr(impl->m_dict, "_multiarch", S("x86_64-linux-gnu"));
#elif defined(__linux__) && defined(__aarch64__)
    dict_set_cstr(impl->m_dict, "_multiarch", S("aarch64-linux-gnu"));
#endif
    set("implementation", Value(impl));

    Value flags[18];
    for (Value& f : flags)
        f = Value::small_int(0);
    flags[3] = int_from_i64(compiler::g_optimization_level); // optimize
    flags[4] = Value::small_int(1); // dont_write_bytecode
    flags[11] = Value::small_int(1); // hash_randomization
    flags[13] = py_bool(codecs::g_dev_mode); // dev_mode
    flags[16] = py_bool(false); // safe_path
    flags[17] = Value::small_int(-1); // int_max_str_digits
    set("flags", structseq_new(&s_flags_type, flags, 18));

    Value fi[] = { float_new(DBL_MAX), Value::small_int(DBL_MAX_EXP), Value::small_int(DBL_MAX_10_EXP),
        float_new(DBL_MIN), Value::small_int(DBL_MIN_EXP), Value::small_int(DBL_MIN_10_EXP),
        Value::small_int(DBL_DIG), Value::small_int(DBL_MANT_DIG), float_new(DBL_EPSILON),
        Value::small_int(FLT_RADIX), Value::small_int(1) };
    set("float_info", structseq_new(&s_float_info_type, fi, 11));
    Value ii[] = { Value::small_int(30), Value::small_int(4), Value::small_int(4300), Value::small_int(640) };
    set("int_info", structseq_new(&s_int_info_type, ii, 4));
    Value hi[] = { Value::small_int(64), int_from_i64((int64_t(1) << 61) - 1), Value::small_int(314159),
        Value::small_int(0), Value::small_int(1000003), S("siphash13"), Value::small_int(64),
        Value::small_int(128), Value::small_int(0) };
    set("hash_info", structseq_new(&s_hash_info_type, hi, 9));
    Value ti[] = { S("pthread"), S("semaphore"), none() };
    set("thread_info", structseq_new(&s_thread_info_type, ti, 3));

    std::string exe = executable_path();
    set("executable", Value(str_from_utf8(exe)));
    set("_base_executable", Value(str_from_utf8(exe)));
    for (char const* p : { "prefix", "exec_prefix", "base_prefix", "base_exec_prefix" })
        set(p, S(PYSTM_SOURCE_DIR));
}

void add_import_state()
{
    DictObject* modules = dict_new();
    set("modules", Value(modules));
    dict_set_cstr(modules, "sys", s_sys);
    dict_set_cstr(modules, "builtins", Value(builtins_module()));
    set("path", Value(str_list({ PYSTM_SOURCE_DIR "/lib" })));
    set("meta_path", Value(list_new()));
    set("path_hooks", Value(list_new()));
    set("path_importer_cache", Value(dict_new()));
    std::vector<std::string> names_ = builtin_module_names();
    TupleObject* t = tuple_new(static_cast<int64_t>(names_.size()));
    for (size_t i = 0; i < names_.size(); i++)
        t->items()[i] = Value(str_from_utf8(names_[i]));
    set("builtin_module_names", Value(t));
    SetObject* stdlib = set_new(&frozenset_type);
    for (char const* name : kStdlibModuleNames)
        set_add(stdlib, Value(str_from_ascii(name)));
    set("stdlib_module_names", Value(stdlib));
    set("argv", Value(str_list({ "" })));
    set("orig_argv", Value(list_new()));
    set("warnoptions", Value(list_new()));
    set("_xoptions", Value(dict_new()));
}

} // namespace

ModuleObject* sys_module() { return s_sys ? s_sys.as<ModuleObject>() : nullptr; }

void asyncgen_hooks(Value* firstiter, Value* finalizer)
{
    *firstiter = none();
    *finalizer = none();
    ThreadState* ts = tstate();
    if (!ts || !ts->m_dict)
        return;
    Value t = dict_get_cstr(ts->m_dict, "sys.asyncgen_hooks");
    if (t && is_tuple(t)) {
        *firstiter = t.as<TupleObject>()->item(0);
        *finalizer = t.as<TupleObject>()->item(1);
    }
}

Value sys_get(char const* name)
{
    if (!s_sys)
        return Value();
    return dict_get_cstr(sys_dict(), name);
}

void init_sys_module()
{
    ModuleObject* m = module_new("sys");
    s_sys = Value(m);
    gc::add_root(&s_sys);
    gc::add_root(&s_trace_func);
    gc::add_root(&s_profile_func);
    dict_set_str(m->m_dict, names::__doc__, S("This module provides access to some objects used or maintained by the\ninterpreter and to functions that interact strongly with the interpreter."));
    dict_set_str(m->m_dict, names::__loader__, Value(&builtin_importer_type));
    for (MethodDef const* d = s_sys_methods; d->name; d++)
        dict_set_cstr(m->m_dict, d->name, Value(builtin_function_new(d, s_sys)));
    set("__displayhook__", dict_get_cstr(m->m_dict, "displayhook"));
    set("__excepthook__", dict_get_cstr(m->m_dict, "excepthook"));
    set("__breakpointhook__", dict_get_cstr(m->m_dict, "breakpointhook"));
    set("__unraisablehook__", dict_get_cstr(m->m_dict, "unraisablehook"));
    add_metadata();
    add_import_state();
    stdio_init();
    set("stdin", stdio_stdin());
    set("stdout", stdio_stdout());
    set("stderr", stdio_stderr());
    set("__stdin__", stdio_stdin());
    set("__stdout__", stdio_stdout());
    set("__stderr__", stdio_stderr());
    // sys.path = [lib/, the standard library]; the CLI redoes this with its options.
    configure_stdlib({}, false);
    // sys and builtins are in sys.modules from the start, so the import system never sets these.
    set("__spec__", builtin_module_spec(str_from_ascii("sys")));
    DictObject* bd = builtins_module()->m_dict;
    Value bspec = dict_get_str(bd, intern("__spec__"));
    if (!bspec || is_none(bspec))
        dict_set_str(bd, intern("__spec__"), builtin_module_spec(str_from_ascii("builtins")));
}

ModuleObject* init_sys_module_for_import() { return sys_module(); }

void setup_sys_types()
{
    structseq_setup(&s_version_info_type, &s_version_info_desc);
    structseq_setup(&s_flags_type, &s_flags_desc);
    structseq_setup(&s_float_info_type, &s_float_info_desc);
    structseq_setup(&s_int_info_type, &s_int_info_desc);
    structseq_setup(&s_hash_info_type, &s_hash_info_desc);
    structseq_setup(&s_thread_info_type, &s_thread_info_desc);
    structseq_setup(&s_asyncgen_hooks_type, &s_asyncgen_hooks_desc);
    structseq_setup(&s_unraisable_args_type, &s_unraisable_desc);
    init_static_type(&simple_namespace_type, "types.SimpleNamespace", nullptr, sizeof(NamespaceObject), TF_BASETYPE,
        trace_namespace);
    simple_namespace_type.m_dict_offset = namespace_dict_offset();
    simple_namespace_type.m_doc = "A simple attribute-based namespace.\n\nSimpleNamespace(**kwargs)";
}

void init_sys_types()
{
    for (Type* t : { &s_version_info_type, &s_flags_type, &s_float_info_type, &s_int_info_type, &s_hash_info_type,
             &s_thread_info_type, &s_unraisable_args_type, &s_asyncgen_hooks_type })
        structseq_init(t);
    add_methods(&simple_namespace_type, s_namespace_methods);
    add_getset(&simple_namespace_type, "__dict__", ns_get_dict);
}

void write_unraisable(Value exc, char const* err_msg, Value obj)
{
    // CPython's _PyErr_WriteUnraisableMsg: through sys.unraisablehook, falling back to the
    // default report when the hook is missing or itself raises.
    Value msg = err_msg ? Value(str_from_utf8(std::string("Exception ignored ") + err_msg)) : none();
    Value target = obj ? obj : none();
    try {
        Value tb = py_getattr_opt(exc, intern("__traceback__"));
        Value items[5] = { Value(type_of(exc)), exc, tb ? tb : none(), msg, target };
        Value args = structseq_new(&s_unraisable_args_type, items, 5);
        Value hook = sys_get("unraisablehook");
        if (hook && !is_none(hook)) {
            py_call(hook, &args, 1);
            return;
        }
    } catch (PyError&) {
        take_exception();
    }
    try {
        write_unraisable_default(exc, msg, target);
    } catch (PyError&) {
        take_exception();
    }
}

} // namespace pystm

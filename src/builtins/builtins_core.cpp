// Core builtins (g_builtin_core_methods): print, input, repr, len, hash, id, callable,
// isinstance, issubclass, getattr / setattr / delattr / hasattr, vars, dir, globals, locals,
// exec, eval, compile, __import__, open, breakpoint.
#include "builtins/builtins.h"
#include "compiler/compiler.h"
#include "gc/heap.h"
#include "modules/ast_module.h"
#include "modules/builtin_modules.h"
#include "modules/file_object.h"
#include "objects/bytes_internal.h"
#include "objects/bytes_object.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/int_object.h"
#include "objects/list_object.h"
#include "objects/module_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "vm/frame.h"
#include "vm/import.h"
#include "vm/interpreter.h"
#include <climits>
#include <csetjmp>
#include <csignal>
#include <cstdlib>
#include <editline/readline.h>
#include <unistd.h>

namespace pystm {

namespace {

// --- print / input ----------------------------------------------------------------------------

void write_to(Value file, Value text) { py_call_method(file, names::write, &text, 1); }

Value b_print(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    Value sep, end, file, flush;
    for (int64_t i = 0; kwnames && i < kwnames->m_size; i++) {
        std::string k = str_utf8(kwnames->item(i));
        Value v = args[nargs + static_cast<size_t>(i)];
        if (k == "sep")
            sep = v;
        else if (k == "end")
            end = v;
        else if (k == "file")
            file = v;
        else if (k == "flush")
            flush = v;
        else
            raise(&exc::TypeError, "'%s' is an invalid keyword argument for print()", k.c_str());
    }
    if (!file || is_none(file)) {
        file = sys_get("stdout");
        if (!file)
            raise(&exc::RuntimeError, "lost sys.stdout");
        // print() to a missing stdout (pythonw) does nothing.
        if (is_none(file))
            return none();
    }
    if (sep && !is_none(sep) && !is_str(sep))
        raise(&exc::TypeError, "sep must be None or a string, not %s", type_name(sep).c_str());
    if (end && !is_none(end) && !is_str(end))
        raise(&exc::TypeError, "end must be None or a string, not %s", type_name(end).c_str());
    if (file.is_object() && file.as_object()->m_type == &text_io_wrapper_type) {
        // Native stream: one write of the whole line (not observable from Python).
        std::string out;
        for (size_t i = 0; i < nargs; i++) {
            if (i > 0)
                out += sep && !is_none(sep) ? str_utf8(sep) : " ";
            out += str_utf8(py_str(args[i]));
        }
        out += end && !is_none(end) ? str_utf8(end) : "\n";
        write_to(file, Value(str_from_utf8(out)));
    } else {
        for (size_t i = 0; i < nargs; i++) {
            if (i > 0)
                write_to(file, sep && !is_none(sep) ? sep : Value(str_from_ascii(" ")));
            write_to(file, Value(py_str(args[i])));
        }
        write_to(file, end && !is_none(end) ? end : Value(str_from_ascii("\n")));
    }
    if (flush && py_truthy(flush))
        py_call_method(file, names::flush, nullptr, 0);
    return none();
}

sigjmp_buf s_input_jump;
volatile sig_atomic_t s_in_input = 0;
void on_sigint_in_input(int)
{
    if (s_in_input)
        siglongjmp(s_input_jump, 1);
}

bool is_fd_stream(Value stream, int fd)
{
    if (!stream.is_object() || stream.as_object()->m_type != &text_io_wrapper_type)
        return false;
    try {
        Value n = py_call_method(stream, names::fileno, nullptr, 0);
        int64_t v;
        return int_to_i64(n, &v) && v == fd;
    } catch (PyError&) {
        take_exception();
        return false;
    }
}

Value b_input(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    if (kwnames && kwnames->m_size)
        raise(&exc::TypeError, "input() takes no keyword arguments");
    if (nargs > 1)
        raise(&exc::TypeError, "input expected at most 1 argument, got %zu", nargs);
    Value in = sys_get("stdin"), out = sys_get("stdout"), err = sys_get("stderr");
    if (!in || is_none(in))
        raise(&exc::RuntimeError, "input(): lost sys.stdin");
    if (!out || is_none(out))
        raise(&exc::RuntimeError, "input(): lost sys.stdout");
    if (err && !is_none(err)) {
        try {
            py_call_method(err, names::flush, nullptr, 0);
        } catch (PyError&) {
            take_exception();
        }
    }
    std::string prompt = nargs ? str_utf8(py_str(args[0])) : "";
    // Interactive: line editing through libedit, as CPython uses readline.
    if (is_fd_stream(in, 0) && is_fd_stream(out, 1) && ::isatty(0) && ::isatty(1)) {
        py_call_method(out, names::flush, nullptr, 0);
        struct sigaction action {}, old_action {};
        action.sa_handler = on_sigint_in_input;
        sigemptyset(&action.sa_mask);
        sigaction(SIGINT, &action, &old_action);
        if (sigsetjmp(s_input_jump, 1) != 0) {
            s_in_input = 0;
            sigaction(SIGINT, &old_action, nullptr);
            raise_value(Value(&exc::KeyboardInterrupt));
        }
        s_in_input = 1;
        char* raw = readline(prompt.c_str());
        s_in_input = 0;
        sigaction(SIGINT, &old_action, nullptr);
        if (!raw)
            raise(&exc::EOFError, "EOF when reading a line");
        std::string line = raw;
        std::free(raw);
        if (!line.empty())
            add_history(line.c_str());
        return Value(str_from_utf8(line));
    }
    if (nargs) {
        write_to(out, Value(str_from_utf8(prompt)));
    }
    // As CPython, a stdout that cannot flush (no flush method, or one that raises) is no error.
    try {
        py_call_method(out, names::flush, nullptr, 0);
    } catch (PyError&) {
        take_exception();
    }
    Value line = py_call_method(in, names::readline, nullptr, 0);
    if (!is_str(line))
        raise(&exc::TypeError, "object.readline() returned non-string");
    StrObject* s = line.as<StrObject>();
    if (s->m_length == 0)
        raise(&exc::EOFError, "EOF when reading a line");
    if (s->at(s->m_length - 1) == '\n')
        return Value(str_substr(s, 0, s->m_length - 1));
    return line;
}

// --- object protocol --------------------------------------------------------------------------

Value b_repr(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("repr", nargs, kwnames, 1, 1);
    return Value(py_repr(args[0]));
}

Value b_len(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("len", nargs, kwnames, 1, 1);
    return int_from_i64(py_len(args[0]));
}

Value b_hash(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("hash", nargs, kwnames, 1, 1);
    return int_from_i64(py_hash(args[0]));
}

Value b_id(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("id", nargs, kwnames, 1, 1);
    // Objects never move (gc/heap.h), so the address is a stable identity; a small int is its
    // own tagged word, which is odd and so never collides with an object address.
    return int_from_u64(args[0].bits());
}

Value b_callable(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("callable", nargs, kwnames, 1, 1);
    return py_bool(py_callable(args[0]));
}

Value b_isinstance(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("isinstance", nargs, kwnames, 2, 2);
    return py_bool(py_isinstance(args[0], args[1]));
}

Value b_issubclass(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("issubclass", nargs, kwnames, 2, 2);
    return py_bool(py_issubclass(args[0], args[1]));
}

StrObject* attr_name(Value v)
{
    if (!is_str(v))
        raise(&exc::TypeError, "attribute name must be string, not '%s'", type_name(v).c_str());
    return v.as<StrObject>();
}

void check_arg_count(char const* name, size_t nargs, TupleObject* kwnames, size_t min, size_t max)
{
    if (kwnames && kwnames->m_size)
        raise(&exc::TypeError, "%s() takes no keyword arguments", name);
    if (nargs < min)
        raise(&exc::TypeError, "%s expected at least %zu argument%s, got %zu", name, min, min == 1 ? "" : "s", nargs);
    if (nargs > max)
        raise(&exc::TypeError, "%s expected at most %zu argument%s, got %zu", name, max, max == 1 ? "" : "s", nargs);
}

Value b_getattr(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_arg_count("getattr", nargs, kwnames, 2, 3);
    StrObject* name = attr_name(args[1]);
    if (nargs == 2)
        return py_getattr(args[0], name);
    try {
        return py_getattr(args[0], name);
    } catch (PyError&) {
        if (!exception_matches(&exc::AttributeError))
            throw;
        take_exception();
        return args[2];
    }
}

Value b_setattr(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("setattr", nargs, kwnames, 3, 3);
    py_setattr(args[0], attr_name(args[1]), args[2]);
    return none();
}

Value b_delattr(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("delattr", nargs, kwnames, 2, 2);
    py_delattr(args[0], attr_name(args[1]));
    return none();
}

Value b_hasattr(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("hasattr", nargs, kwnames, 2, 2);
    StrObject* name = attr_name(args[1]);
    try {
        py_getattr(args[0], name);
        return py_bool(true);
    } catch (PyError&) {
        if (!exception_matches(&exc::AttributeError))
            throw;
        take_exception();
        return py_bool(false);
    }
}

Value current_locals_or_globals()
{
    Value l = vm::current_locals();
    if (l)
        return l;
    DictObject* g = vm::current_globals();
    return g ? Value(g) : Value(main_module()->m_dict);
}

Value b_vars(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_arg_count("vars", nargs, kwnames, 0, 1);
    if (nargs == 0)
        return current_locals_or_globals();
    try {
        return py_getattr(args[0], names::__dict__);
    } catch (PyError&) {
        if (!exception_matches(&exc::AttributeError))
            throw;
        take_exception();
        raise(&exc::TypeError, "vars() argument must have __dict__ attribute");
    }
}

// object.__dir__'s algorithm, for objects whose type has no __dir__ at all.
ListObject* default_dir(Value obj)
{
    DictObject* names_ = dict_new();
    if (Value d = py_getattr_opt(obj, names::__dict__); d && is_dict(d))
        dict_update(names_, d);
    Value cls = py_getattr_opt(obj, names::__class__);
    if (cls && is_type(cls)) {
        TupleObject* mro = cls.as<Type>()->m_mro;
        for (int64_t i = 0; mro && i < mro->m_size; i++) {
            Type* t = mro->item(i).as<Type>();
            if (t->m_dict)
                dict_update(names_, Value(t->m_dict));
        }
    }
    return py_list_from_iterable(Value(names_));
}

Value b_dir(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_arg_count("dir", nargs, kwnames, 0, 1);
    ListObject* result;
    if (nargs == 0) {
        // The keys of the locals mapping (PyMapping_Keys): an exact dict's own, else its keys().
        Value ns = current_locals_or_globals();
        if (type_of(ns) == &dict_type) {
            result = py_list_from_iterable(ns);
        } else {
            Value keys = py_call_method(ns, names::keys, nullptr, 0);
            try {
                result = py_list_from_iterable(keys);
            } catch (PyError&) {
                if (!exception_matches(&exc::TypeError))
                    throw;
                take_exception();
                raise(&exc::TypeError, "%s.keys() returned a non-iterable (type %s)",
                    type_name(ns).c_str(), type_name(keys).c_str());
            }
        }
    } else {
        Value meth = type_of(args[0])->special(SP_dir);
        if (meth) {
            Value r = call_special_opt(args[0], SP_dir, nullptr, 0);
            result = py_list_from_iterable(r);
        } else {
            result = default_dir(args[0]);
        }
    }
    list_sort(result, Value(), false);
    return Value(result);
}

Value b_globals(Value, Value const*, size_t nargs, TupleObject* kwnames)
{
    if (kwnames && kwnames->m_size)
        raise(&exc::TypeError, "globals() takes no keyword arguments");
    if (nargs)
        raise(&exc::TypeError, "globals() takes no arguments (%zu given)", nargs);
    DictObject* g = vm::current_globals();
    return g ? Value(g) : Value(main_module()->m_dict);
}

Value b_locals(Value, Value const*, size_t nargs, TupleObject* kwnames)
{
    if (kwnames && kwnames->m_size)
        raise(&exc::TypeError, "locals() takes no keyword arguments");
    if (nargs)
        raise(&exc::TypeError, "locals() takes no arguments (%zu given)", nargs);
    return current_locals_or_globals();
}

// --- exec / eval / compile --------------------------------------------------------------------

constexpr int64_t PyCF_ONLY_AST = 0x400;
constexpr int64_t PyCF_ALLOW_TOP_LEVEL_AWAIT = 0x2000;
constexpr int64_t PyCF_ALLOWED = 0x400 | 0x200 | 0x1000 | 0x2000 | 0x4000 | 0x1FE0000;

// Source text of a str / bytes / bytearray argument; [ok] false for other types.
bool source_text(Value src, std::string* out)
{
    if (is_str(src)) {
        *out = str_utf8(src);
        return true;
    }
    if (is_bytes(src)) {
        *out = std::string(src.as<BytesObject>()->view());
        return true;
    }
    // Any other buffer (bytearray, memoryview, array.array), as CPython's _Py_SourceAsString.
    std::string tmp;
    std::string_view view;
    if (bytes_like(src, tmp, &view)) {
        *out = std::string(view);
        return true;
    }
    return false;
}

void check_null_bytes(std::string const& s)
{
    if (s.find('\0') != std::string::npos)
        raise(&exc::SyntaxError, "source code string cannot contain null bytes");
}

bool is_code(Value v) { return v.is_object() && v.as_object()->m_type == &code_type; }

// Resolves the globals / locals arguments of exec and eval (CPython's rules and messages).
void exec_namespaces(char const* fname, Value* globals, Value* locals)
{
    Value g = *globals, l = *locals;
    if (g && is_none(g))
        g = Value();
    if (l && is_none(l))
        l = Value();
    if (g && !is_dict(g)) {
        if (std::string(fname) == "exec")
            raise(&exc::TypeError, "exec() globals must be a dict, not %s", type_name(g).c_str());
        raise(&exc::TypeError, "globals must be a real dict; try eval(expr, {}, mapping)");
    }
    if (l && !type_of(l)->special(SP_getitem))
        raise(&exc::TypeError, "locals must be a mapping or None, not %s", type_name(l).c_str());
    if (!g) {
        DictObject* cg = vm::current_globals();
        g = cg ? Value(cg) : Value(main_module()->m_dict);
        if (!l)
            l = current_locals_or_globals();
    } else if (!l) {
        l = g;
    }
    DictObject* gd = g.as<DictObject>();
    if (!dict_get_str(gd, names::__builtins__))
        dict_set_str(gd, names::__builtins__, Value(vm::current_builtins()));
    *globals = g;
    *locals = l;
}

Value run_code(CodeObject* code, Value globals, Value locals)
{
    return vm::eval_code(code, globals.as<DictObject>(), locals == globals ? Value() : locals);
}

// exec()'s arguments: the code to run, its namespaces and the cells for its free variables
// (CPython's checks and messages). [*closure] stays null without free variables.
CodeObject* exec_arguments(Value const* args, size_t nargs, TupleObject* kwnames, Value* globals,
    Value* locals, TupleObject** closure)
{
    Value a[4];
    parse_args("exec", args, nargs, kwnames, { "source", "globals", "locals", "/", "*", "closure" }, 1, a);
    *globals = a[1];
    *locals = a[2];
    exec_namespaces("exec", globals, locals);
    Value cells = a[3] && !is_none(a[3]) ? a[3] : Value();
    if (is_code(a[0])) {
        CodeObject* code = a[0].as<CodeObject>();
        if (code->m_nfreevars == 0) {
            if (cells)
                raise(&exc::TypeError, "cannot use a closure with this code object");
            return code;
        }
        // An exact tuple of exactly co_freevars' length, of cells only.
        bool ok = cells && type_of(cells) == &tuple_type
            && cells.as<TupleObject>()->m_size == code->m_nfreevars;
        for (int64_t i = 0; ok && i < code->m_nfreevars; i++)
            ok = type_of(cells.as<TupleObject>()->item(i)) == &cell_type;
        if (!ok)
            raise(&exc::TypeError, "code object requires a closure of exactly length %lld",
                static_cast<long long>(code->m_nfreevars));
        *closure = cells.as<TupleObject>();
        return code;
    }
    if (cells)
        raise(&exc::TypeError, "closure can only be used when source is a code object");
    std::string text;
    if (!source_text(a[0], &text))
        raise(&exc::TypeError, "exec() arg 1 must be a string, bytes or code object");
    check_null_bytes(text);
    return compiler::compile_source(text, "<string>", compiler::ParseMode::Exec, !is_str(a[0]));
}

Value b_exec(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    Value globals, locals;
    TupleObject* closure = nullptr;
    CodeObject* code = exec_arguments(args, nargs, kwnames, &globals, &locals, &closure);
    vm::eval_code(code, globals.as<DictObject>(), locals == globals ? Value() : locals, closure);
    return none();
}

Value b_eval(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    Value a[3];
    parse_args("eval", args, nargs, kwnames, { "source", "globals", "locals", "/" }, 1, a);
    Value globals = a[1], locals = a[2];
    if (a[1] && !is_none(a[1]) && !is_dict(a[1]))
        raise(&exc::TypeError, is_none(a[2]) || !a[2] ? "globals must be a dict"
                                                      : "globals must be a real dict; try eval(expr, {}, mapping)");
    exec_namespaces("eval", &globals, &locals);
    CodeObject* code;
    if (is_code(a[0])) {
        code = a[0].as<CodeObject>();
        if (code->m_nfreevars > 0)
            raise(&exc::TypeError, "code object passed to eval() may not contain free variables");
    } else {
        std::string text;
        if (!source_text(a[0], &text))
            raise(&exc::TypeError, "eval() arg 1 must be a string, bytes or code object");
        check_null_bytes(text);
        // eval() ignores leading spaces and tabs.
        size_t start = text.find_first_not_of(" \t");
        text = start == std::string::npos ? "" : text.substr(start);
        code = compiler::compile_source(text, "<string>", compiler::ParseMode::Eval, !is_str(a[0]));
    }
    return run_code(code, globals, locals);
}

// An argument of Argument Clinic's "int" converter: __index__, then the range of a C int.
int c_int_arg(Value v)
{
    int64_t n;
    if (!int_to_i64(py_number_index(v), &n) || n < INT_MIN || n > INT_MAX)
        raise(&exc::OverflowError, "Python int too large to convert to C int");
    return static_cast<int>(n);
}

Value b_compile(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    Value a[7];
    parse_args("compile", args, nargs, kwnames,
        { "source", "filename", "mode", "flags", "dont_inherit", "optimize", "*", "_feature_version" }, 3, a);
    int64_t flags = a[3] ? py_index_i64(a[3]) : 0;
    if (flags & ~PyCF_ALLOWED)
        raise(&exc::ValueError, "compile(): unrecognised flags");
    // -1: the interpreter's level (sys.flags.optimize); checked before the other arguments.
    int optimize = a[5] ? c_int_arg(a[5]) : -1;
    if (optimize < -1 || optimize > 2)
        raise(&exc::ValueError, "compile(): invalid optimize value");
    std::string mode = is_str(a[2]) ? str_utf8(a[2]) : "";
    if (!is_str(a[2]))
        raise(&exc::TypeError, "compile() argument 'mode' must be str, not %s", type_name(a[2]).c_str());
    compiler::ParseMode pm;
    if (mode == "exec")
        pm = compiler::ParseMode::Exec;
    else if (mode == "eval")
        pm = compiler::ParseMode::Eval;
    else if (mode == "single")
        pm = compiler::ParseMode::Single;
    else if (mode == "func_type" && !(flags & PyCF_ONLY_AST))
        raise(&exc::ValueError, "compile() mode 'func_type' requires flag PyCF_ONLY_AST");
    else if (mode == "func_type")
        raise(&exc::NotImplementedError, "compile() mode 'func_type' is not supported yet");
    else if (flags & PyCF_ONLY_AST)
        raise(&exc::ValueError, "compile() mode must be 'exec', 'eval', 'single' or 'func_type'");
    else
        raise(&exc::ValueError, "compile() mode must be 'exec', 'eval' or 'single'");
    Value fn = a[1];
    if (!is_str(fn) && !is_bytes(fn)) {
        if (!type_of(fn)->special(SP_fspath))
            raise(&exc::TypeError, "expected str, bytes or os.PathLike object, not %s", type_name(fn).c_str());
        fn = py_call_method(fn, names::__fspath__, nullptr, 0);
    }
    std::string filename = is_str(fn) ? str_utf8(fn) : std::string(fn.as<BytesObject>()->view());
    if (is_code(a[0]))
        raise(&exc::TypeError, "compile() arg 1 must be a string, bytes or AST object");
    // An AST object (modules/ast_module.h): returned as is for PyCF_ONLY_AST, else checked,
    // converted to the compiler's tree and compiled.
    if (is_ast_object(a[0])) {
        if (flags & PyCF_ONLY_AST)
            return a[0];
        ast::Arena arena;
        ast::Mod* mod = ast_from_python(arena, a[0], pm);
        try {
            return Value(compiler::compile_ast(
                mod, filename, pm, nullptr, flags & PyCF_ALLOW_TOP_LEVEL_AWAIT, optimize));
        } catch (compiler::SyntaxErrorException& e) {
            compiler::raise_syntax_error(e.info);
        }
    }
    std::string text;
    if (!source_text(a[0], &text))
        raise(&exc::TypeError, "compile() arg 1 must be a string, bytes or AST object");
    check_null_bytes(text);
    if (flags & PyCF_ONLY_AST) {
        ast_classes_ready();
        ast::Arena arena;
        ast::Mod* mod;
        try {
            mod = compiler::parse(arena, text, filename, pm, !is_str(a[0]));
        } catch (compiler::SyntaxErrorException& e) {
            compiler::raise_syntax_error(e.info);
        }
        return ast_to_python(mod);
    }
    return Value(compiler::compile_source(
        text, filename, pm, !is_str(a[0]), flags & PyCF_ALLOW_TOP_LEVEL_AWAIT, optimize));
}

// --- imports, files, misc ---------------------------------------------------------------------

Value b_import(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    Value a[5];
    parse_args("__import__", args, nargs, kwnames, { "name", "globals", "locals", "fromlist", "level" }, 1, a);
    if (!is_str(a[0]))
        raise(&exc::TypeError, "module name must be a string");
    int64_t level = a[4] ? py_index_i64(a[4]) : 0;
    return import_module_level(a[0].as<StrObject>(), a[1], a[2], a[3], level);
}

Value b_open(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    Value a[8];
    parse_args("open", args, nargs, kwnames,
        { "file", "mode", "buffering", "encoding", "errors", "newline", "closefd", "opener" }, 1, a);
    return file_open(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
}

// breakpoint(*args, **kws) calls sys.breakpointhook, which a program may replace.
Value b_breakpoint(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    Value hook = sys_get("breakpointhook");
    if (!hook)
        raise(&exc::RuntimeError, "lost sys.breakpointhook");
    return py_call(hook, args, nargs, kwnames);
}

} // namespace

MethodDef const g_builtin_core_methods[] = {
    { "print", b_print, METH_DEFAULT,
        "print(value, ..., sep=' ', end='\\n', file=sys.stdout, flush=False)\n\nPrints the values "
        "to a stream, or to sys.stdout by default." },
    { "input", b_input, METH_DEFAULT,
        "Read a string from standard input.  The trailing newline is stripped." },
    { "repr", b_repr, METH_DEFAULT, "Return the canonical string representation of the object." },
    { "len", b_len, METH_DEFAULT, "Return the number of items in a container." },
    { "hash", b_hash, METH_DEFAULT, "Return the hash value for the given object." },
    { "id", b_id, METH_DEFAULT, "Return the identity of an object." },
    { "callable", b_callable, METH_DEFAULT,
        "Return whether the object is callable (i.e., some kind of function)." },
    { "isinstance", b_isinstance, METH_DEFAULT,
        "Return whether an object is an instance of a class or of a subclass thereof." },
    { "issubclass", b_issubclass, METH_DEFAULT,
        "Return whether 'cls' is derived from another class or is the same class." },
    { "getattr", b_getattr, METH_DEFAULT, "getattr(object, name[, default]) -> value" },
    { "setattr", b_setattr, METH_DEFAULT,
        "Sets the named attribute on the given object to the specified value." },
    { "delattr", b_delattr, METH_DEFAULT, "Deletes the named attribute from the given object." },
    { "hasattr", b_hasattr, METH_DEFAULT,
        "Return whether the object has an attribute with the given name." },
    { "vars", b_vars, METH_DEFAULT, "vars([object]) -> dictionary" },
    { "dir", b_dir, METH_DEFAULT, "dir([object]) -> list of strings" },
    { "globals", b_globals, METH_DEFAULT,
        "Return the dictionary containing the current scope's global variables." },
    { "locals", b_locals, METH_DEFAULT,
        "Return a dictionary containing the current scope's local variables." },
    { "exec", b_exec, METH_DEFAULT,
        "Execute the given source in the context of globals and locals." },
    { "eval", b_eval, METH_DEFAULT,
        "Evaluate the given source in the context of globals and locals." },
    { "compile", b_compile, METH_DEFAULT,
        "Compile source into a code object that can be executed by exec() or eval()." },
    { "__import__", b_import, METH_DEFAULT, "Import a module." },
    { "open", b_open, METH_DEFAULT, "Open file and return a stream.  Raise OSError upon failure." },
    { "breakpoint", b_breakpoint, METH_DEFAULT,
        "breakpoint(*args, **kws)\n\nCall sys.breakpointhook(*args, **kws).  sys.breakpointhook() "
        "must accept\nwhatever arguments are passed.\n\nBy default, this drops you into the pdb "
        "debugger." },
    { nullptr, nullptr },
};

NativeFn const g_exec_fn = b_exec;

vm::Frame* exec_frame(Value callable, Value const* args, size_t nargs, TupleObject* kwnames)
{
    auto* bf = callable.as<BuiltinFunction>();
    if (bf->m_fn != b_exec || (kwnames && kwnames->m_size > 0))
        return nullptr; // not exec, or keywords (closure=): the builtin's own path
    Value globals, locals;
    TupleObject* closure = nullptr;
    CodeObject* code = exec_arguments(args, nargs, kwnames, &globals, &locals, &closure);
    if (closure)
        return nullptr; // the free variables' cells travel on a function: the builtin's path
    if (code->m_flags & (CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR) || code->m_argcount > 0
        || code->m_kwonlyargcount > 0)
        return nullptr; // rare: exec of a function's code; the builtin runs it
    vm::Frame* f = vm::frame_new(code, globals.as<DictObject>(), nullptr, locals);
    f->m_result_none = true; // exec() returns None, whatever the code returns
    return f;
}

} // namespace pystm

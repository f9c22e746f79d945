// The _operator module: the functions of the operator module (add, mul, ..., getitem, index,
// length_hint, concat, countOf, call, _compare_digest and the in-place variants) and the callable
// classes itemgetter, attrgetter and methodcaller (CPython 3.11's reprs, pickling and errors).
// operator.py runs `from _operator import *`, so these replace its pure-Python definitions: a
// call such as map(operator.mul, a, b) then costs no Python frame, and the functions are
// builtin_function_or_method objects with CPython's argument checking and messages.
//
// Each function is a thin wrapper over the interpreter's own implementation of the operation
// (py_binary_op, py_richcompare, py_getitem, py_number_index, ...), so it behaves exactly as the
// operator syntax does. Instances of the classes are immutable after construction (their fields
// are written only in __new__); the functions keep no state.
#include "gc/heap.h"
#include "modules/builtin_modules.h"
#include "objects/buffer_arg.h"
#include "objects/bytes_internal.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/function_object.h"
#include "objects/int_object.h"
#include "objects/iter_objects.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_internal.h"
#include "objects/type_object.h"
#include "vm/import.h"
#include <cstring>
#include <iterator>
#include <vector>

namespace pystm {

namespace {

Type itemgetter_type { &type_type };
Type attrgetter_type { &type_type };
Type methodcaller_type { &type_type };

struct GetterObject : Object {
    TupleObject* m_items; // itemgetter: the keys; attrgetter: per attribute, a tuple of the dotted parts
    bool m_single; // one key / one attribute: the call returns the value itself, not a tuple
    GetterObject(Type* t, TupleObject* items, bool single) : Object(t), m_items(items), m_single(single) { }
};

struct MethodCallerObject : Object {
    StrObject* m_name;
    TupleObject* m_args;
    DictObject* m_kw;
    MethodCallerObject(Type* t, StrObject* name, TupleObject* args, DictObject* kw) : Object(t), m_name(name), m_args(args), m_kw(kw) { }
};

void trace_getter(Object* o, gc::Tracer& t) { t.visit(static_cast<GetterObject*>(o)->m_items); }
void trace_methodcaller(Object* o, gc::Tracer& t)
{
    auto* m = static_cast<MethodCallerObject*>(o);
    t.visit(m->m_name);
    t.visit(m->m_args);
    t.visit(m->m_kw);
}

Type* cls_arg(Value const* args, size_t nargs, Type* base, char const* name)
{
    if (nargs < 1 || !is_type(args[0]) || !args[0].as<Type>()->is_subtype(base))
        raise(&exc::TypeError, "%s.__new__(X): X is not a subtype of %s", name, name);
    return args[0].as<Type>();
}

void no_kwargs(char const* name, TupleObject* kw)
{
    if (kw && kw->m_size)
        raise(&exc::TypeError, "%s() takes no keyword arguments", name);
}

Value one_call_arg(char const* name, size_t nargs, TupleObject* kw, Value const* args)
{
    no_kwargs(name, kw);
    if (nargs != 1)
        raise(&exc::TypeError, "%s expected 1 argument, got %zu", name, nargs);
    return args[0];
}

// --- itemgetter ------------------------------------------------------------------------------------

Value ig_new(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Type* cls = cls_arg(args, nargs, &itemgetter_type, "itemgetter");
    no_kwargs("itemgetter", kw);
    if (nargs < 2)
        raise(&exc::TypeError, "itemgetter expected 1 argument, got 0");
    return gc::make<GetterObject>(cls, tuple_from(args + 1, static_cast<int64_t>(nargs - 1)), nargs == 2);
}

Value ig_call(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    Value obj = one_call_arg("itemgetter", nargs, kw, args);
    auto* g = self.as<GetterObject>();
    if (g->m_single)
        return py_getitem(obj, g->m_items->item(0));
    TupleObject* out = tuple_new(g->m_items->m_size);
    for (int64_t i = 0; i < g->m_items->m_size; i++)
        out->items()[i] = py_getitem(obj, g->m_items->item(i));
    return out;
}

std::string args_repr(TupleObject* t)
{
    std::string s;
    for (int64_t i = 0; i < t->m_size; i++)
        s += (i ? ", " : "") + repr_utf8(t->item(i));
    return s;
}

std::string type_display(Value self)
{
    Type* t = type_of(self);
    return t->has_flag(TF_HEAPTYPE) ? str_utf8(t->m_name) : std::string(t->m_tp_name);
}

Value ig_repr(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__repr__", nargs, kw, 0, 0);
    return str_from_utf8(type_display(self) + "(" + args_repr(self.as<GetterObject>()->m_items) + ")");
}

Value ig_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    return tuple_of({ Value(type_of(self)), Value(self.as<GetterObject>()->m_items) });
}

// --- attrgetter --------------------------------------------------------------------------------------

Value ag_new(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Type* cls = cls_arg(args, nargs, &attrgetter_type, "attrgetter");
    no_kwargs("attrgetter", kw);
    if (nargs < 2)
        raise(&exc::TypeError, "attrgetter expected 1 argument, got 0");
    TupleObject* items = tuple_new(static_cast<int64_t>(nargs - 1));
    for (size_t i = 1; i < nargs; i++) {
        if (!is_str(args[i]))
            raise(&exc::TypeError, "attribute name must be a string");
        // Split "a.b.c" into interned parts once.
        std::string name = str_utf8(args[i].as<StrObject>());
        gc::RootedValues parts;
        size_t start = 0;
        for (;;) {
            size_t dot = name.find('.', start);
            parts.push_back(Value(intern(name.substr(start, dot == std::string::npos ? std::string::npos : dot - start))));
            if (dot == std::string::npos)
                break;
            start = dot + 1;
        }
        items->items()[i - 1] = tuple_from(parts.data(), static_cast<int64_t>(parts.size()));
    }
    return gc::make<GetterObject>(cls, items, nargs == 2);
}

Value dotted_get(Value obj, TupleObject* parts)
{
    for (int64_t i = 0; i < parts->m_size; i++)
        obj = py_getattr(obj, parts->item(i).as<StrObject>());
    return obj;
}

Value ag_call(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    Value obj = one_call_arg("attrgetter", nargs, kw, args);
    auto* g = self.as<GetterObject>();
    if (g->m_single)
        return dotted_get(obj, g->m_items->item(0).as<TupleObject>());
    TupleObject* out = tuple_new(g->m_items->m_size);
    for (int64_t i = 0; i < g->m_items->m_size; i++)
        out->items()[i] = dotted_get(obj, g->m_items->item(i).as<TupleObject>());
    return out;
}

// The attribute names as the strings the constructor received.
TupleObject* ag_names(GetterObject* g)
{
    TupleObject* out = tuple_new(g->m_items->m_size);
    for (int64_t i = 0; i < g->m_items->m_size; i++) {
        TupleObject* parts = g->m_items->item(i).as<TupleObject>();
        std::string s;
        for (int64_t k = 0; k < parts->m_size; k++)
            s += (k ? "." : "") + str_utf8(parts->item(k).as<StrObject>());
        out->items()[i] = str_from_utf8(s);
    }
    return out;
}

Value ag_repr(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__repr__", nargs, kw, 0, 0);
    return str_from_utf8(type_display(self) + "(" + args_repr(ag_names(self.as<GetterObject>())) + ")");
}

Value ag_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    return tuple_of({ Value(type_of(self)), Value(ag_names(self.as<GetterObject>())) });
}

// --- methodcaller ------------------------------------------------------------------------------------

Value mc_new(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Type* cls = cls_arg(args, nargs, &methodcaller_type, "methodcaller");
    if (nargs < 2)
        raise(&exc::TypeError, "methodcaller needs at least one argument, the method name");
    if (!is_str(args[1]))
        raise(&exc::TypeError, "method name must be a string");
    DictObject* d = dict_new();
    if (kw)
        for (int64_t i = 0; i < kw->m_size; i++)
            dict_set(d, kw->item(i), args[nargs + static_cast<size_t>(i)]);
    return gc::make<MethodCallerObject>(cls, intern(args[1].as<StrObject>()), tuple_from(args + 2, static_cast<int64_t>(nargs - 2)), d);
}

Value mc_call(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    Value obj = one_call_arg("methodcaller", nargs, kw, args);
    auto* m = self.as<MethodCallerObject>();
    Value method = py_getattr(obj, m->m_name);
    return py_call_ex(method, m->m_args, dict_size(m->m_kw) ? m->m_kw : nullptr);
}

Value mc_repr(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__repr__", nargs, kw, 0, 0);
    auto* m = self.as<MethodCallerObject>();
    std::string s = type_display(self) + "(" + repr_utf8(m->m_name);
    for (int64_t i = 0; i < m->m_args->m_size; i++)
        s += ", " + repr_utf8(m->m_args->item(i));
    int64_t pos = 0;
    Value k, v;
    while (dict_next(m->m_kw, &pos, &k, &v))
        s += ", " + str_utf8(py_str(k)) + "=" + repr_utf8(v);
    return str_from_utf8(s + ")");
}

Value mc_reduce(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__reduce__", nargs, kw, 0, 0);
    auto* m = self.as<MethodCallerObject>();
    TupleObject* a = tuple_new(m->m_args->m_size + 1);
    a->items()[0] = m->m_name;
    for (int64_t i = 0; i < m->m_args->m_size; i++)
        a->items()[i + 1] = m->m_args->item(i);
    if (!dict_size(m->m_kw))
        return tuple_of({ Value(type_of(self)), Value(a) });
    // Keyword arguments: rebuild through functools.partial, as CPython does.
    Value partial = py_getattr(import_module("functools"), str_from_ascii("partial"));
    Value bound = py_call_ex(partial, tuple_of({ Value(type_of(self)), Value(m->m_name) }), m->m_kw);
    return tuple_of({ bound, Value(m->m_args) });
}

// --- the functions -----------------------------------------------------------------------------

// Argument checks with CPython's messages. Keywords are refused first; then the one-argument
// functions report "_operator.neg() takes exactly one argument (2 given)", the others
// (Argument Clinic's) "add expected 2 arguments, got 1".
[[noreturn]] void no_keywords(char const* name)
{
    raise(&exc::TypeError, "_operator.%s() takes no keyword arguments", name);
}

void one_arg(char const* name, size_t nargs, TupleObject* kw)
{
    if (PY_LIKELY(nargs == 1 && !kw))
        return;
    if (kw && kw->m_size)
        no_keywords(name);
    if (nargs != 1)
        raise(
            &exc::TypeError, "_operator.%s() takes exactly one argument (%zu given)", name, nargs);
}

void n_args(char const* name, size_t nargs, TupleObject* kw, size_t min, size_t max)
{
    if (PY_LIKELY(nargs >= min && nargs <= max && !kw))
        return;
    if (kw && kw->m_size)
        no_keywords(name);
    if (min == max && nargs != min)
        raise(&exc::TypeError, "%s expected %zu arguments, got %zu", name, min, nargs);
    if (nargs < min)
        raise(&exc::TypeError, "%s expected at least %zu argument%s, got %zu", name, min,
            min == 1 ? "" : "s", nargs);
    if (nargs > max)
        raise(&exc::TypeError, "%s expected at most %zu arguments, got %zu", name, max, nargs);
}

// The function names by BinaryOp / CompareOp value, for the argument errors.
char const* const s_binary_names[] = { "add", "and_", "floordiv", "lshift", "matmul", "mul", "mod",
    "or_", "pow", "rshift", "sub", "truediv", "xor", "iadd", "iand", "ifloordiv", "ilshift",
    "imatmul", "imul", "imod", "ior", "ipow", "irshift", "isub", "itruediv", "ixor" };
static_assert(std::size(s_binary_names) == NB_INPLACE_XOR + 1);
char const* const s_compare_names[] = { "lt", "le", "eq", "ne", "gt", "ge" };

template <BinaryOp Op> Value op_binary(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    n_args(s_binary_names[Op], nargs, kw, 2, 2);
    return py_binary_op(args[0], args[1], Op);
}

template <CompareOp Op> Value op_compare(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    n_args(s_compare_names[Op], nargs, kw, 2, 2);
    return py_richcompare(args[0], args[1], Op);
}

Value op_neg(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    one_arg("neg", nargs, kw);
    return py_unary_op(args[0], UN_NEG);
}
Value op_pos(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    one_arg("pos", nargs, kw);
    return py_unary_op(args[0], UN_POS);
}
Value op_inv(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    one_arg("inv", nargs, kw);
    return py_unary_op(args[0], UN_INVERT);
}
Value op_invert(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    one_arg("invert", nargs, kw);
    return py_unary_op(args[0], UN_INVERT);
}
Value op_abs(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    one_arg("abs", nargs, kw);
    return py_number_abs(args[0]);
}
Value op_index(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    one_arg("index", nargs, kw);
    return py_number_index(args[0]);
}
Value op_not(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    one_arg("not_", nargs, kw);
    return py_bool(!py_truthy(args[0]));
}
Value op_truth(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    one_arg("truth", nargs, kw);
    return py_bool(py_truthy(args[0]));
}

Value op_is(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    n_args("is_", nargs, kw, 2, 2);
    return py_bool(args[0] == args[1]);
}
Value op_is_not(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    n_args("is_not", nargs, kw, 2, 2);
    return py_bool(args[0] != args[1]);
}

Value op_getitem(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    n_args("getitem", nargs, kw, 2, 2);
    return py_getitem(args[0], args[1]);
}
Value op_setitem(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    n_args("setitem", nargs, kw, 3, 3);
    py_setitem(args[0], args[1], args[2]);
    return none();
}
Value op_delitem(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    n_args("delitem", nargs, kw, 2, 2);
    py_delitem(args[0], args[1]);
    return none();
}
Value op_contains(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    n_args("contains", nargs, kw, 2, 2);
    return py_bool(py_contains(args[0], args[1]));
}

// countOf and indexOf iterate [seq] and test each item as `item == x`, identity first (the
// containers' equality, py_eq). Returns the number of matches, or with [first] the position of
// the first one (-1 if none).
int64_t iter_search(Value seq, Value x, bool first)
{
    Value it;
    try {
        it = py_iter(seq);
    } catch (PyError&) {
        if (!exception_matches(&exc::TypeError))
            throw;
        take_exception();
    }
    // Raised outside the handler, so that the iter() error is not its context: CPython replaces
    // any TypeError of iter() with this message.
    if (!it)
        raise(&exc::TypeError, "argument of type '%s' is not iterable", type_display(seq).c_str());
    int64_t i = 0, count = 0;
    for (Value item; (item = py_next(it)); i++) {
        if (py_eq(item, x)) {
            if (first)
                return i;
            count++;
        }
    }
    return first ? -1 : count;
}

Value op_count_of(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    n_args("countOf", nargs, kw, 2, 2);
    return int_from_i64(iter_search(args[0], args[1], false));
}
Value op_index_of(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    n_args("indexOf", nargs, kw, 2, 2);
    int64_t i = iter_search(args[0], args[1], true);
    if (i < 0)
        raise(&exc::ValueError, "sequence.index(x): x not in sequence");
    return int_from_i64(i);
}

Value op_length_hint(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    n_args("length_hint", nargs, kw, 1, 2);
    int64_t dflt = nargs > 1 ? py_ssize_arg(args[1]) : 0;
    return int_from_i64(length_hint(args[0], dflt));
}

Value op_call(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    if (nargs < 1)
        raise(&exc::TypeError, "call expected at least 1 argument, got 0");
    // The keyword values follow the positional ones in [args], as py_call takes them.
    return py_call(args[0], args + 1, nargs - 1, kw);
}

// concat and iconcat. CPython calls a builtin sequence's own concatenation (sq_concat,
// sq_inplace_concat) directly, without the reflected-operand protocol, so [1] + R() may call
// R.__radd__ where concat([1], R()) raises list's TypeError. Other objects get the + (or +=)
// protocol only when both operands are sequences: indexable and not dicts.
bool is_sequence(Value v) { return !is_dict(v) && type_of(v)->special(SP_getitem); }

bool is_sequence_type(Type* t)
{
    if (t->has_flag(TF_LIST_SUBCLASS | TF_STR_SUBCLASS | TF_TUPLE_SUBCLASS | TF_BYTES_SUBCLASS))
        return true;
    if (t == &bytearray_type)
        return true;
    return t->m_tp_name
        && (std::strcmp(t->m_tp_name, "collections.deque") == 0
            || std::strcmp(t->m_tp_name, "array.array") == 0);
}

// type(a).__add__ / __iadd__ when it is the native one of a builtin sequence type, else null.
Value sequence_slot(Value a, SpecialId id)
{
    Value f = type_of(a)->special(id);
    if (!f || !is_builtin_function(f))
        return Value();
    Type* owner = f.as<BuiltinFunction>()->m_owner;
    return owner && is_sequence_type(owner) ? f : Value();
}

Value concat(Value a, Value b, bool inplace)
{
    for (SpecialId id : { SP_iadd, SP_add }) {
        if (id == SP_iadd && !inplace)
            continue;
        if (Value f = sequence_slot(a, id)) {
            Value r = call_unbound(f, a, &b, 1, nullptr);
            if (r != Value(g_not_implemented))
                return r;
            // list.__add__ and tuple.__add__ return NotImplemented to a user class with
            // __radd__, so that `+` tries it; their concatenation itself raises.
            std::string seq = f.as<BuiltinFunction>()->m_owner->name_str();
            raise(&exc::TypeError, "can only concatenate %s (not \"%s\") to %s", seq.c_str(),
                type_name(b).c_str(), seq.c_str());
        }
    }
    if (is_sequence(a) && is_sequence(b)) {
        Value r = py_binary_op1(a, b, inplace ? NB_INPLACE_ADD : NB_ADD);
        if (r != Value(g_not_implemented))
            return r;
    }
    raise(&exc::TypeError, "'%s' object can't be concatenated", type_display(a).c_str());
}

Value op_concat(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    n_args("concat", nargs, kw, 2, 2);
    return concat(args[0], args[1], false);
}
Value op_iconcat(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    n_args("iconcat", nargs, kw, 2, 2);
    return concat(args[0], args[1], true);
}

// The content of a bytes-like argument of _compare_digest: bytes and bytearray directly, other
// buffer exporters (memoryview, array.array) copied into [tmp]. False if [v] exports no buffer.
bool digest_buffer(Value v, std::string& tmp, std::string_view* out)
{
    if (bytes_like(v, tmp, out))
        return true;
    BufferExport const* e = find_buffer_export(v);
    if (!e)
        return false;
    tmp = e->read(v.as_object());
    *out = tmp;
    return true;
}

// Equality in time that depends on the length of [b] only, not on where the contents differ
// (the purpose of _compare_digest): every byte of b is compared, with a's when the lengths
// agree, else with itself.
bool digest_equal(std::string_view a, std::string_view b)
{
    unsigned result = a.size() != b.size();
    std::string_view left = a.size() == b.size() ? a : b;
    for (size_t i = 0; i < b.size(); i++)
        result |= static_cast<unsigned char>(left[i]) ^ static_cast<unsigned char>(b[i]);
    return result == 0;
}

Value op_compare_digest(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    n_args("_compare_digest", nargs, kw, 2, 2);
    Value a = args[0], b = args[1];
    if (is_str(a) && is_str(b)) {
        auto* sa = a.as<StrObject>();
        auto* sb = b.as<StrObject>();
        if (!sa->m_ascii || !sb->m_ascii)
            raise(&exc::TypeError, "comparing strings with non-ASCII characters is not supported");
        return py_bool(digest_equal(sa->ascii_view(), sb->ascii_view()));
    }
    std::string ta, tb;
    std::string_view va, vb;
    bool has_a = digest_buffer(a, ta, &va);
    bool has_b = digest_buffer(b, tb, &vb);
    if (!has_a && !has_b)
        raise(&exc::TypeError,
            "unsupported operand types(s) or combination of types: '%s' and '%s'",
            type_display(a).c_str(), type_display(b).c_str());
    if (!has_a || !has_b)
        raise(&exc::TypeError, "a bytes-like object is required, not '%s'",
            type_display(has_a ? b : a).c_str());
    return py_bool(digest_equal(va, vb));
}

MethodDef const s_functions[] = {
    { "abs", op_abs, METH_DEFAULT, "Same as abs(a)." },
    { "add", op_binary<NB_ADD>, METH_DEFAULT, "Same as a + b." },
    { "and_", op_binary<NB_AND>, METH_DEFAULT, "Same as a & b." },
    { "call", op_call, METH_DEFAULT, "Same as obj(*args, **kwargs)." },
    { "concat", op_concat, METH_DEFAULT, "Same as a + b, for a and b sequences." },
    { "contains", op_contains, METH_DEFAULT, "Same as b in a (note reversed operands)." },
    { "countOf", op_count_of, METH_DEFAULT,
        "Return the number of items in a which are, or which equal, b." },
    { "delitem", op_delitem, METH_DEFAULT, "Same as del a[b]." },
    { "eq", op_compare<CMP_EQ>, METH_DEFAULT, "Same as a == b." },
    { "floordiv", op_binary<NB_FLOOR_DIVIDE>, METH_DEFAULT, "Same as a // b." },
    { "ge", op_compare<CMP_GE>, METH_DEFAULT, "Same as a >= b." },
    { "getitem", op_getitem, METH_DEFAULT, "Same as a[b]." },
    { "gt", op_compare<CMP_GT>, METH_DEFAULT, "Same as a > b." },
    { "iadd", op_binary<NB_INPLACE_ADD>, METH_DEFAULT, "Same as a += b." },
    { "iand", op_binary<NB_INPLACE_AND>, METH_DEFAULT, "Same as a &= b." },
    { "iconcat", op_iconcat, METH_DEFAULT, "Same as a += b, for a and b sequences." },
    { "ifloordiv", op_binary<NB_INPLACE_FLOOR_DIVIDE>, METH_DEFAULT, "Same as a //= b." },
    { "ilshift", op_binary<NB_INPLACE_LSHIFT>, METH_DEFAULT, "Same as a <<= b." },
    { "imatmul", op_binary<NB_INPLACE_MATRIX_MULTIPLY>, METH_DEFAULT, "Same as a @= b." },
    { "imod", op_binary<NB_INPLACE_REMAINDER>, METH_DEFAULT, "Same as a %= b." },
    { "imul", op_binary<NB_INPLACE_MULTIPLY>, METH_DEFAULT, "Same as a *= b." },
    { "index", op_index, METH_DEFAULT, "Same as a.__index__()" },
    { "indexOf", op_index_of, METH_DEFAULT, "Return the first index of b in a." },
    { "inv", op_inv, METH_DEFAULT, "Same as ~a." },
    { "invert", op_invert, METH_DEFAULT, "Same as ~a." },
    { "ior", op_binary<NB_INPLACE_OR>, METH_DEFAULT, "Same as a |= b." },
    { "ipow", op_binary<NB_INPLACE_POWER>, METH_DEFAULT, "Same as a **= b." },
    { "irshift", op_binary<NB_INPLACE_RSHIFT>, METH_DEFAULT, "Same as a >>= b." },
    { "is_", op_is, METH_DEFAULT, "Same as a is b." },
    { "is_not", op_is_not, METH_DEFAULT, "Same as a is not b." },
    { "isub", op_binary<NB_INPLACE_SUBTRACT>, METH_DEFAULT, "Same as a -= b." },
    { "itruediv", op_binary<NB_INPLACE_TRUE_DIVIDE>, METH_DEFAULT, "Same as a /= b." },
    { "ixor", op_binary<NB_INPLACE_XOR>, METH_DEFAULT, "Same as a ^= b." },
    { "le", op_compare<CMP_LE>, METH_DEFAULT, "Same as a <= b." },
    { "length_hint", op_length_hint, METH_DEFAULT,
        "Return an estimate of the number of items in obj.\n\nThis is useful for presizing "
        "containers when building from an iterable.\n\nIf the object supports len(), the result "
        "will be exact.\nOtherwise, it may over- or under-estimate by an arbitrary amount.\nThe "
        "result will be an integer >= 0." },
    { "lshift", op_binary<NB_LSHIFT>, METH_DEFAULT, "Same as a << b." },
    { "lt", op_compare<CMP_LT>, METH_DEFAULT, "Same as a < b." },
    { "matmul", op_binary<NB_MATRIX_MULTIPLY>, METH_DEFAULT, "Same as a @ b." },
    { "mod", op_binary<NB_REMAINDER>, METH_DEFAULT, "Same as a % b." },
    { "mul", op_binary<NB_MULTIPLY>, METH_DEFAULT, "Same as a * b." },
    { "ne", op_compare<CMP_NE>, METH_DEFAULT, "Same as a != b." },
    { "neg", op_neg, METH_DEFAULT, "Same as -a." },
    { "not_", op_not, METH_DEFAULT, "Same as not a." },
    { "or_", op_binary<NB_OR>, METH_DEFAULT, "Same as a | b." },
    { "pos", op_pos, METH_DEFAULT, "Same as +a." },
    { "pow", op_binary<NB_POWER>, METH_DEFAULT, "Same as a ** b." },
    { "rshift", op_binary<NB_RSHIFT>, METH_DEFAULT, "Same as a >> b." },
    { "setitem", op_setitem, METH_DEFAULT, "Same as a[b] = c." },
    { "sub", op_binary<NB_SUBTRACT>, METH_DEFAULT, "Same as a - b." },
    { "truediv", op_binary<NB_TRUE_DIVIDE>, METH_DEFAULT, "Same as a / b." },
    { "truth", op_truth, METH_DEFAULT, "Return True if a is true, False otherwise." },
    { "xor", op_binary<NB_XOR>, METH_DEFAULT, "Same as a ^ b." },
    { "_compare_digest", op_compare_digest, METH_DEFAULT,
        "Return 'a == b'.\n\nThis function uses an approach designed to prevent\ntiming analysis, "
        "making it appropriate for cryptography.\n\na and b must both be of the same type: either "
        "str (ASCII only),\nor any bytes-like object.\n\nNote: If a and b are of different "
        "lengths, or if an error occurs,\na timing attack could theoretically reveal information "
        "about the\ntypes and lengths of a and b--but not their values." },
    { nullptr, nullptr },
};

MethodDef const ig_methods[] = {
    { "__new__", ig_new, METH_STATIC },
    { "__call__", ig_call },
    { "__repr__", ig_repr },
    { "__reduce__", ig_reduce },
    { nullptr, nullptr },
};
MethodDef const ag_methods[] = {
    { "__new__", ag_new, METH_STATIC },
    { "__call__", ag_call },
    { "__repr__", ag_repr },
    { "__reduce__", ag_reduce },
    { nullptr, nullptr },
};
MethodDef const mc_methods[] = {
    { "__new__", mc_new, METH_STATIC },
    { "__call__", mc_call },
    { "__repr__", mc_repr },
    { "__reduce__", mc_reduce },
    { nullptr, nullptr },
};

} // namespace

void setup_operator_types()
{
    init_static_type(&itemgetter_type, "operator.itemgetter", nullptr, sizeof(GetterObject), 0, trace_getter);
    init_static_type(&attrgetter_type, "operator.attrgetter", nullptr, sizeof(GetterObject), 0, trace_getter);
    init_static_type(&methodcaller_type, "operator.methodcaller", nullptr, sizeof(MethodCallerObject), 0, trace_methodcaller);
}

void init_operator_types()
{
    add_methods(&itemgetter_type, ig_methods);
    add_methods(&attrgetter_type, ag_methods);
    add_methods(&methodcaller_type, mc_methods);
}

ModuleObject* init_operator_module()
{
    ModuleObject* m = module_new("_operator");
    DictObject* d = m->m_dict;
    dict_set_str(d, names::__doc__, str_from_ascii("Operator interface.\n\nThis module exports a set of functions implemented in C corresponding\nto the intrinsic operators of Python.  For example, operator.add(x, y)\nis equivalent to the expression x+y.  The function names are those\nused for special methods; variants without leading and trailing\n'__' are also provided for convenience."));
    dict_set_cstr(d, "itemgetter", &itemgetter_type);
    dict_set_cstr(d, "attrgetter", &attrgetter_type);
    dict_set_cstr(d, "methodcaller", &methodcaller_type);
    for (MethodDef const* def = s_functions; def->name; def++)
        dict_set_cstr(d, def->name, Value(builtin_function_new(def, Value(m))));
    return m;
}

} // namespace pystm

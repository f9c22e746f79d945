// The abstract object protocol: every operation the interpreter and builtins perform on
// arbitrary Values (CPython's abstract.h). Each function dispatches through the receiver's
// type's special-method cache (objects/object.h) and has fast paths for the core types.
//
// Errors: a function that fails raises a Python exception by calling raise_*() (objects/
// exceptions.h), which records the exception object in the thread state and throws the C++
// tag PyError. Functions named *_opt return the null Value instead of raising for the one
// "absent" case named in their comment.
#pragma once

#include "objects/object.h"
#include <string>

namespace pystm {

// Thrown by raise_*(); the exception object itself is in ThreadState::m_current_exception, a GC
// root, so nothing on the C++ exception path holds an unrooted Value.
struct PyError {
};

// The singletons. None, True, False, NotImplemented and Ellipsis are permanent objects.
extern Object* const g_none;
extern Object* const g_true;
extern Object* const g_false;
extern Object* const g_not_implemented;
extern Object* const g_ellipsis;
inline Value none() { return Value(g_none); }
inline Value py_bool(bool b) { return Value(b ? g_true : g_false); }
inline bool is_none(Value v) { return v == Value(g_none); }

// --- identity, type checks -------------------------------------------------------------------
bool isinstance(Value v, Type* t); // exact type test along the MRO; no __instancecheck__
bool py_isinstance(Value v, Value cls); // isinstance() builtin semantics (tuples, __instancecheck__)
bool py_issubclass(Value derived, Value cls); // issubclass() builtin semantics

// --- conversion to text ---------------------------------------------------------------------
StrObject* py_repr(Value v);
StrObject* py_str(Value v);
StrObject* py_ascii(Value v);
StrObject* py_format(Value v, StrObject* spec);
std::string repr_utf8(Value v); // convenience for messages
// Type name as CPython prints it in messages: "int", "MyClass".
std::string type_name(Value v);

// --- truth, hashing, comparison --------------------------------------------------------------
bool py_truthy(Value v);
int64_t py_hash(Value v); // raises TypeError for unhashable objects
enum CompareOp : int { CMP_LT = 0, CMP_LE, CMP_EQ, CMP_NE, CMP_GT, CMP_GE };
Value py_richcompare(Value a, Value b, CompareOp op); // may return any object
bool py_compare_bool(Value a, Value b, CompareOp op);
// a == b as used by containers: identity implies equality (CPython's PyObject_RichCompareBool).
bool py_eq(Value a, Value b);

// --- attributes ------------------------------------------------------------------------------
Value py_getattr(Value o, StrObject* name); // raises AttributeError
Value py_getattr_opt(Value o, StrObject* name); // null if AttributeError
void py_setattr(Value o, StrObject* name, Value v);
void py_delattr(Value o, StrObject* name);
bool py_hasattr(Value o, StrObject* name);
// object.__getattribute__ / __setattr__ / __delattr__: the generic algorithm (data descriptors,
// instance __dict__ and slots, non-data descriptors, class attributes).
Value generic_getattr_opt(Value o, StrObject* name);
void generic_setattr(Value o, StrObject* name, Value v); // v null = delete
// Looks [name] up along type [t]'s MRO without invoking descriptors; null if absent.
Value type_lookup(Type* t, StrObject* name);
// Finds the method [name] for a call on [o]. If it is a plain function or method descriptor that
// would be bound to [o], returns it unbound and sets [*unbound] = true (LOAD_METHOD's contract);
// otherwise returns the bound attribute with [*unbound] = false. Raises AttributeError.
Value py_getmethod(Value o, StrObject* name, bool* unbound);

// --- calls -----------------------------------------------------------------------------------
// Vectorcall convention: [args] holds [nargs] positional values followed by one value per name in
// [kwnames] (a tuple of str, or null for none).
Value py_call(Value callable, const Value* args, size_t nargs, TupleObject* kwnames = nullptr);
Value py_call0(Value callable);
Value py_call1(Value callable, Value a);
Value py_call2(Value callable, Value a, Value b);
// f(*args_tuple, **kwargs_dict); [kwargs] may be null.
Value py_call_ex(Value callable, TupleObject* args, DictObject* kwargs);
// Calls the method [name] of [self] with [args].
Value py_call_method(Value self, StrObject* name, const Value* args, size_t nargs);
// Calls the cached special method [id] of type(self) with self prepended; null Value if the
// type has no such method (nothing is raised in that case).
Value call_special_opt(Value self, SpecialId id, const Value* args, size_t nargs);
bool py_callable(Value v);
// CALL_FUNCTION_EX helpers (added by objmodel). The positional arguments of f(*iterable) as a
// tuple: TypeError "<f>() argument after * must be an iterable, not int". The keyword arguments
// of f(**mapping) merged into [into] (a fresh dict when null): TypeError "<f>() argument after **
// must be a mapping, not int", "keywords must be strings", "<f>() got multiple values for
// keyword argument 'x'". [func] names the callee in the messages.
TupleObject* call_star_args(Value func, Value iterable);
DictObject* call_star_kwargs(Value func, Value mapping, DictObject* into = nullptr);
// How CPython names a callable in call errors: "mod.qualname()" for functions, "T object" else.
std::string function_str(Value func);

// --- numbers ---------------------------------------------------------------------------------
enum BinaryOp : int {
    // Values match CPython 3.11's BINARY_OP oparg (NB_*).
    NB_ADD = 0, NB_AND = 1, NB_FLOOR_DIVIDE = 2, NB_LSHIFT = 3, NB_MATRIX_MULTIPLY = 4,
    NB_MULTIPLY = 5, NB_REMAINDER = 6, NB_OR = 7, NB_POWER = 8, NB_RSHIFT = 9, NB_SUBTRACT = 10,
    NB_TRUE_DIVIDE = 11, NB_XOR = 12,
    NB_INPLACE_ADD = 13, NB_INPLACE_AND, NB_INPLACE_FLOOR_DIVIDE, NB_INPLACE_LSHIFT,
    NB_INPLACE_MATRIX_MULTIPLY, NB_INPLACE_MULTIPLY, NB_INPLACE_REMAINDER, NB_INPLACE_OR,
    NB_INPLACE_POWER, NB_INPLACE_RSHIFT, NB_INPLACE_SUBTRACT, NB_INPLACE_TRUE_DIVIDE,
    NB_INPLACE_XOR,
};
Value py_binary_op(Value a, Value b, BinaryOp op);
// The same protocol, returning NotImplemented instead of raising TypeError when neither operand
// handles [op] (CPython's binary_op1 / binary_iop1), for callers with their own fallback.
Value py_binary_op1(Value a, Value b, BinaryOp op);
enum UnaryOp : int { UN_NEG, UN_POS, UN_INVERT, UN_NOT };
Value py_unary_op(Value a, UnaryOp op);
Value py_number_abs(Value a); // abs(a)
Value py_pow3(Value base, Value exp, Value mod); // pow() with three arguments (mod may be None)
Value py_divmod(Value a, Value b);
Value py_number_index(Value v); // operator.index(): an int (exact int type), or TypeError
int64_t py_index_i64(Value v); // __index__ then to int64; OverflowError if too big
// An argument converted as a C Py_ssize_t (Argument Clinic's converter, PyLong_AsSsize_t):
// __index__, then OverflowError "Python int too large to convert to C ssize_t" if too big.
int64_t py_ssize_arg(Value v);
// Like py_index_i64, but clamps out-of-range values to INT64_MIN/MAX (CPython's
// PyNumber_AsSsize_t(v, NULL)), for slice indices.
int64_t py_index_clamped(Value v);
Value py_number_int(Value v); // int(v)
Value py_number_float(Value v); // float(v)
double py_float_as_double(Value v); // accepts int/float/__float__/__index__; TypeError otherwise

// --- containers and iteration ---------------------------------------------------------------
int64_t py_len(Value v); // raises TypeError if unsized
Value py_getitem(Value o, Value key);
void py_setitem(Value o, Value key, Value v);
void py_delitem(Value o, Value key);
bool py_contains(Value container, Value item); // "item in container"
Value py_iter(Value v); // iter(v)
// next(it): the next item, or the null Value when the iterator is exhausted (StopIteration is
// consumed; its value is discarded). Raises other exceptions.
Value py_next(Value it);
// Collects any iterable into a new list / tuple.
struct ListObject;
ListObject* py_list_from_iterable(Value iterable);
TupleObject* py_tuple_from_iterable(Value iterable);

// --- recursion -------------------------------------------------------------------------------
// C++ code that can recurse without bound (repr of nested containers, comparisons, calls from
// builtins back into Python) brackets the recursion with RecursionGuard; beyond the recursion
// limit (or near the end of the C++ stack) it raises RecursionError with [where] appended to
// CPython's message: "maximum recursion depth exceeded" + where.
class RecursionGuard {
public:
    explicit RecursionGuard(const char* where = "");
    ~RecursionGuard();
    RecursionGuard(RecursionGuard const&) = delete;
    RecursionGuard& operator=(RecursionGuard const&) = delete;
};

} // namespace pystm

// The abstract object protocol, part 4: binary and unary operators, pow / divmod, and the
// numeric conversions (__index__, int(), float()).
//
// Binary operators follow the reflected-operand protocol: a.__op__(b), then b.__rop__(a) when
// type(b) differs; the right operand goes first when its type is a proper subclass of the left
// operand's that overrides __rop__. A builtin sequence's __add__ / __mul__ (concatenation and
// repetition, which raise instead of returning NotImplemented for foreign operands) is tried
// after the right operand's reflected method, as CPython tries sq_concat after nb_add.
// In-place operators try __iop__ first and fall back to the binary protocol.
#include "objects/bytes_object.h"
#include "objects/exceptions.h"
#include "objects/float_object.h"
#include "objects/function_object.h"
#include "objects/int_object.h"
#include "objects/iter_objects.h"
#include "objects/str_object.h"
#include "objects/type_internal.h"
#include <cmath>
#include <cstring>

namespace pystm {

namespace {

struct BinOpInfo {
    SpecialId op;
    SpecialId rop;
    SpecialId iop;
    char const* sym;
};

BinOpInfo const s_binops[13] = {
    { SP_add, SP_radd, SP_iadd, "+" },
    { SP_and, SP_rand, SP_iand, "&" },
    { SP_floordiv, SP_rfloordiv, SP_ifloordiv, "//" },
    { SP_lshift, SP_rlshift, SP_ilshift, "<<" },
    { SP_matmul, SP_rmatmul, SP_imatmul, "@" },
    { SP_mul, SP_rmul, SP_imul, "*" },
    { SP_mod, SP_rmod, SP_imod, "%" },
    { SP_or, SP_ror, SP_ior, "|" },
    { SP_pow, SP_rpow, SP_ipow, "**" },
    { SP_rshift, SP_rrshift, SP_irshift, ">>" },
    { SP_sub, SP_rsub, SP_isub, "-" },
    { SP_truediv, SP_rtruediv, SP_itruediv, "/" },
    { SP_xor, SP_rxor, SP_ixor, "^" },
};

Value not_impl() { return Value(g_not_implemented); }
bool usable(Value f) { return f && !is_none(f); }

bool is_sequence_concat(Value f)
{
    if (!is_builtin_function(f))
        return false;
    Type* owner = f.as<BuiltinFunction>()->m_owner;
    return owner
        && (owner->has_flag(TF_LIST_SUBCLASS | TF_STR_SUBCLASS | TF_TUPLE_SUBCLASS | TF_BYTES_SUBCLASS)
            || owner == &bytearray_type);
}

Value call2(Value f, Value self, Value other) { return call_unbound(f, self, &other, 1, nullptr); }

// One round of the reflected protocol; NotImplemented when neither side handles it.
Value binary_op1(Value a, Value b, SpecialId op, SpecialId rop)
{
    Type* ta = type_of(a);
    Type* tb = type_of(b);
    Value fa = ta->special(op);
    Value fb;
    if (ta != tb) {
        fb = tb->special(rop);
        if (!usable(fb))
            fb = Value();
    }
    if (!usable(fa))
        fa = Value();
    if (op == SP_mul) {
        // A builtin sequence repeats only by an integer; its __mul__ raises for anything else,
        // so skip it here and let the caller raise CPython's sequence message.
        if (fa && is_sequence_concat(fa) && !has_index(b))
            fa = Value();
        if (fb && is_sequence_concat(fb) && !has_index(a))
            fb = Value();
    }
    // Only concatenation and repetition are sequence slots that CPython tries after the
    // reflected method; str and bytes % is a number slot, tried in the usual order.
    bool concat = (op == SP_add || op == SP_mul) && fa && is_sequence_concat(fa);
    if (fb && ((tb->is_subtype(ta) && fb != ta->special(rop)) || concat)) {
        Value r = call2(fb, b, a);
        if (r != not_impl())
            return r;
        fb = Value();
    }
    if (fa) {
        Value r = call2(fa, a, b);
        if (r != not_impl())
            return r;
    }
    if (fb) {
        Value r = call2(fb, b, a);
        if (r != not_impl())
            return r;
    }
    return not_impl();
}

[[noreturn]] void raise_binop(Value a, Value b, char const* sym)
{
    raise(&exc::TypeError, "unsupported operand type(s) for %s: '%s' and '%s'", sym, type_name(a).c_str(),
        type_name(b).c_str());
}

// Python floor division and modulo on int64 (b != 0, no overflow: a, b are small ints).
int64_t floordiv_i64(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        --q;
    return q;
}
int64_t mod_i64(int64_t a, int64_t b)
{
    int64_t r = a % b;
    if (r != 0 && ((r < 0) != (b < 0)))
        r += b;
    return r;
}

Value small_or_big(int64_t r) { return Value::fits_small(r) ? Value::small_int(r) : int_from_i64(r); }

// Fast paths for two small ints; null when the generic path must run.
Value small_int_op(int64_t x, int64_t y, int op)
{
    int64_t r;
    switch (op) {
    case NB_ADD:
    case NB_INPLACE_ADD:
        return small_or_big(x + y); // |x|,|y| < 2**61: no int64 overflow
    case NB_SUBTRACT:
    case NB_INPLACE_SUBTRACT:
        return small_or_big(x - y);
    case NB_MULTIPLY:
    case NB_INPLACE_MULTIPLY:
        if (__builtin_mul_overflow(x, y, &r))
            return Value();
        return small_or_big(r);
    case NB_FLOOR_DIVIDE:
    case NB_INPLACE_FLOOR_DIVIDE:
        if (y == 0)
            return Value();
        return small_or_big(floordiv_i64(x, y));
    case NB_REMAINDER:
    case NB_INPLACE_REMAINDER:
        if (y == 0)
            return Value();
        return Value::small_int(mod_i64(x, y));
    case NB_AND:
    case NB_INPLACE_AND:
        return Value::small_int(x & y);
    case NB_OR:
    case NB_INPLACE_OR:
        return Value::small_int(x | y);
    case NB_XOR:
    case NB_INPLACE_XOR:
        return Value::small_int(x ^ y);
    case NB_RSHIFT:
    case NB_INPLACE_RSHIFT:
        if (y < 0)
            return Value();
        return Value::small_int(y >= 63 ? (x < 0 ? -1 : 0) : (x >> y));
    case NB_LSHIFT:
    case NB_INPLACE_LSHIFT:
        if (y < 0 || y >= 62)
            return Value();
        if (x == 0)
            return Value::small_int(0);
        if (__builtin_mul_overflow(x, int64_t(1) << y, &r))
            return Value();
        return small_or_big(r);
    case NB_TRUE_DIVIDE:
    case NB_INPLACE_TRUE_DIVIDE:
        // Exact when both fit in a double's mantissa, as CPython's fast path.
        if (y == 0 || x > (int64_t(1) << 53) || x < -(int64_t(1) << 53) || y > (int64_t(1) << 53)
            || y < -(int64_t(1) << 53))
            return Value();
        return float_new(static_cast<double>(x) / static_cast<double>(y));
    default:
        return Value();
    }
}

Value float_op(double x, double y, int op)
{
    switch (op) {
    case NB_ADD:
    case NB_INPLACE_ADD:
        return float_new(x + y);
    case NB_SUBTRACT:
    case NB_INPLACE_SUBTRACT:
        return float_new(x - y);
    case NB_MULTIPLY:
    case NB_INPLACE_MULTIPLY:
        return float_new(x * y);
    case NB_TRUE_DIVIDE:
    case NB_INPLACE_TRUE_DIVIDE:
        if (y == 0.0)
            return Value();
        return float_new(x / y);
    default:
        return Value();
    }
}

} // namespace

Value py_binary_op(Value a, Value b, BinaryOp op)
{
    if (a.is_small_int() && b.is_small_int()) {
        Value r = small_int_op(a.as_small_int(), b.as_small_int(), op);
        if (r)
            return r;
    } else if (is_exact_float(a)) {
        if (is_exact_float(b)) {
            Value r = float_op(float_value(a), float_value(b), op);
            if (r)
                return r;
        } else if (b.is_small_int() && Value::fits_small(b.as_small_int())) {
            int64_t y = b.as_small_int();
            if (y > -(int64_t(1) << 53) && y < (int64_t(1) << 53)) {
                Value r = float_op(float_value(a), static_cast<double>(y), op);
                if (r)
                    return r;
            }
        }
    } else if ((op == NB_ADD || op == NB_INPLACE_ADD) && is_exact_str(a) && is_exact_str(b)) {
        return str_concat(a.as<StrObject>(), b.as<StrObject>());
    }
    Value r = py_binary_op1(a, b, op);
    if (r != not_impl())
        return r;
    bool inplace = op >= NB_INPLACE_ADD;
    BinOpInfo const& info = s_binops[inplace ? op - NB_INPLACE_ADD : op];
    if (info.op == SP_mul) {
        // Sequence repetition by a non-integer (CPython's sq_repeat fallback message).
        Value fa = type_of(a)->special(SP_mul);
        Value fb = type_of(b)->special(SP_rmul);
        if (usable(fa) && is_sequence_concat(fa))
            raise(&exc::TypeError, "can't multiply sequence by non-int of type '%s'", type_name(b).c_str());
        if (usable(fb) && is_sequence_concat(fb))
            raise(&exc::TypeError, "can't multiply sequence by non-int of type '%s'", type_name(a).c_str());
    }
    std::string sym = info.sym;
    if (inplace)
        sym += "=";
    if (info.op == SP_pow && !inplace)
        sym = "** or pow()";
    if (op == NB_RSHIFT && type_of(a) == &builtin_function_type
        && std::strcmp(a.as<BuiltinFunction>()->m_def->name, "print") == 0) {
        // Python 2's `print >> stream` statement: hint at the call syntax as CPython does.
        raise(&exc::TypeError,
            "unsupported operand type(s) for >>: '%s' and '%s'. Did you mean \"print(<message>, "
            "file=<output_stream>)\"?",
            type_name(a).c_str(), type_name(b).c_str());
    }
    raise_binop(a, b, sym.c_str());
}

Value py_binary_op1(Value a, Value b, BinaryOp op)
{
    bool inplace = op >= NB_INPLACE_ADD;
    BinOpInfo const& info = s_binops[inplace ? op - NB_INPLACE_ADD : op];
    if (inplace) {
        // An in-place method set to None blocks the fallback: calling it raises TypeError.
        Value fi = type_of(a)->special(info.iop);
        if (fi) {
            Value r = call2(fi, a, b);
            if (r != not_impl())
                return r;
        }
    }
    return binary_op1(a, b, info.op, info.rop);
}

Value py_unary_op(Value a, UnaryOp op)
{
    if (op == UN_NOT)
        return py_bool(!py_truthy(a));
    if (a.is_small_int()) {
        int64_t x = a.as_small_int();
        if (op == UN_NEG)
            return small_or_big(-x);
        if (op == UN_POS)
            return a;
        return Value::small_int(~x);
    }
    if (is_exact_float(a)) {
        if (op == UN_NEG)
            return float_new(-float_value(a));
        if (op == UN_POS)
            return a;
    }
    static SpecialId const ids[3] = { SP_neg, SP_pos, SP_invert };
    static char const* const syms[3] = { "-", "+", "~" };
    Value f = type_of(a)->special(ids[op]);
    if (usable(f))
        return call_unbound(f, a, nullptr, 0, nullptr);
    raise(&exc::TypeError, "bad operand type for unary %s: '%s'", syms[op], type_name(a).c_str());
}

Value py_number_abs(Value a)
{
    if (a.is_small_int() || is_exact_int(a))
        return int_abs(a);
    if (is_exact_float(a))
        return float_new(std::fabs(float_value(a)));
    Value r = call_special_opt(a, SP_abs, nullptr, 0);
    if (!r)
        raise(&exc::TypeError, "bad operand type for abs(): '%s'", type_name(a).c_str());
    return r;
}

Value py_pow3(Value base, Value exp, Value mod)
{
    if (!mod || is_none(mod))
        return py_binary_op(base, exp, NB_POWER);
    Type* tb = type_of(base);
    Value f = tb->special(SP_pow);
    if (usable(f)) {
        Value args[2] = { exp, mod };
        Value r = call_unbound(f, base, args, 2, nullptr);
        if (r != not_impl())
            return r;
    }
    raise(&exc::TypeError, "unsupported operand type(s) for ** or pow(): '%s', '%s', '%s'",
        type_name(base).c_str(), type_name(exp).c_str(), type_name(mod).c_str());
}

Value py_divmod(Value a, Value b)
{
    Value r = binary_op1(a, b, SP_divmod, SP_rdivmod);
    if (r != not_impl())
        return r;
    raise_binop(a, b, "divmod()");
}

// --- conversions -----------------------------------------------------------------------------

namespace {

Value exact_int_copy(Value v)
{
    if (is_exact_int(v))
        return v;
    mpz_t z;
    mpz_init(z);
    int_to_mpz(v, z);
    Value r = int_from_mpz(z);
    mpz_clear(z);
    return r;
}

} // namespace

Value py_number_index(Value v)
{
    if (is_exact_int(v))
        return v;
    if (is_int(v))
        return exact_int_copy(v);
    Value f = type_of(v)->special(SP_index);
    if (!usable(f))
        raise(&exc::TypeError, "'%s' object cannot be interpreted as an integer", type_name(v).c_str());
    Value r = call_unbound(f, v, nullptr, 0, nullptr);
    if (is_exact_int(r))
        return r;
    if (!is_int(r))
        raise(&exc::TypeError, "__index__ returned non-int (type %s)", type_name(r).c_str());
    warn_format(&exc::DeprecationWarning, 1,
        "__index__ returned non-int (type %s).  The ability to return an instance of a strict "
        "subclass of int is deprecated, and may be removed in a future version of Python.",
        type_name(r).c_str());
    return exact_int_copy(r);
}

int64_t py_index_i64(Value v)
{
    if (v.is_small_int())
        return v.as_small_int();
    Value i = py_number_index(v);
    int64_t out;
    if (!int_to_i64(i, &out))
        raise(&exc::OverflowError, "cannot fit '%s' into an index-sized integer", type_name(v).c_str());
    return out;
}

int64_t py_ssize_arg(Value v)
{
    if (v.is_small_int())
        return v.as_small_int();
    Value i = py_number_index(v);
    int64_t out;
    if (!int_to_i64(i, &out))
        raise(&exc::OverflowError, "Python int too large to convert to C ssize_t");
    return out;
}

int64_t py_index_clamped(Value v)
{
    if (v.is_small_int())
        return v.as_small_int();
    Value i = py_number_index(v);
    int64_t out;
    if (!int_to_i64(i, &out))
        return int_sign(i) < 0 ? INT64_MIN : INT64_MAX;
    return out;
}

Value py_number_int(Value v)
{
    if (is_exact_int(v))
        return v;
    if (is_int(v))
        return exact_int_copy(v);
    if (is_exact_float(v))
        return int_from_double(float_value(v));
    Type* t = type_of(v);
    Value f = t->special(SP_int);
    if (usable(f)) {
        Value r = call_unbound(f, v, nullptr, 0, nullptr);
        if (!is_int(r))
            raise(&exc::TypeError, "__int__ returned non-int (type %s)", type_name(r).c_str());
        return exact_int_copy(r);
    }
    if (usable(t->special(SP_index)))
        return py_number_index(v);
    f = t->special(SP_trunc);
    if (usable(f)) {
        Value r = call_unbound(f, v, nullptr, 0, nullptr);
        if (is_int(r))
            return exact_int_copy(r);
        if (!usable(type_of(r)->special(SP_index)))
            raise(&exc::TypeError, "__trunc__ returned non-Integral (type %s)", type_name(r).c_str());
        return py_number_index(r);
    }
    if (is_str(v))
        return int_from_string(str_utf8(v), 10);
    if (is_bytes(v))
        return int_from_string(v.as<BytesObject>()->view(), 10);
    if (type_of(v)->is_subtype(&bytearray_type))
        return int_from_string(bytearray_copy(v.as<ByteArrayObject>()), 10);
    raise(&exc::TypeError, "int() argument must be a string, a bytes-like object or a real number, not '%s'",
        type_name(v).c_str());
}

Value py_number_float(Value v)
{
    if (is_exact_float(v))
        return v;
    if (is_float(v))
        return float_new(float_value(v));
    if (is_int(v))
        return float_new(int_to_double(v));
    Type* t = type_of(v);
    Value f = t->special(SP_float);
    if (usable(f)) {
        Value r = call_unbound(f, v, nullptr, 0, nullptr);
        if (is_exact_float(r))
            return r;
        if (!is_float(r))
            raise(&exc::TypeError, "%s.__float__ returned non-float (type %s)", type_name(v).c_str(),
                type_name(r).c_str());
        return float_new(float_value(r));
    }
    if (usable(t->special(SP_index)))
        return float_new(int_to_double(py_number_index(v)));
    if (is_str(v)) {
        double d;
        if (!float_parse(str_utf8(v), &d))
            raise(&exc::ValueError, "could not convert string to float: %s", repr_utf8(v).c_str());
        return float_new(d);
    }
    if (is_bytes(v)) {
        double d;
        if (!float_parse(v.as<BytesObject>()->view(), &d))
            raise(&exc::ValueError, "could not convert string to float: %s", repr_utf8(v).c_str());
        return float_new(d);
    }
    raise(&exc::TypeError, "float() argument must be a string or a real number, not '%s'", type_name(v).c_str());
}

double py_float_as_double(Value v)
{
    if (v.is_small_int())
        return static_cast<double>(v.as_small_int());
    if (is_float(v))
        return float_value(v);
    if (is_int(v))
        return int_to_double(v);
    Type* t = type_of(v);
    Value f = t->special(SP_float);
    if (usable(f)) {
        Value r = call_unbound(f, v, nullptr, 0, nullptr);
        if (!is_float(r))
            raise(&exc::TypeError, "%s.__float__ returned non-float (type %s)", type_name(v).c_str(),
                type_name(r).c_str());
        return float_value(r);
    }
    if (usable(t->special(SP_index)))
        return int_to_double(py_number_index(v));
    raise(&exc::TypeError, "must be real number, not %s", type_name(v).c_str());
}

} // namespace pystm

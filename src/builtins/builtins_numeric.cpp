// The numeric builtins: abs, divmod, pow, round, bin, oct, hex (g_builtin_numeric_methods).
// Each dispatches through the operand's special methods, as CPython's.
#include "builtins/builtins.h"
#include "objects/exceptions.h"
#include "objects/float_object.h"
#include "objects/int_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include <cmath>

namespace pystm {

namespace {

Value builtin_abs(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("abs", nargs, kw, 1, 1);
    return py_number_abs(args[0]);
}

Value builtin_divmod(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    if (kw && kw->m_size > 0)
        raise(&exc::TypeError, "divmod() takes no keyword arguments");
    if (nargs != 2)
        raise(&exc::TypeError, "divmod expected 2 arguments, got %zu", nargs);
    return py_divmod(args[0], args[1]);
}

Value builtin_pow(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value out[3];
    parse_args("pow", args, nargs, kw, { "base", "exp", "mod" }, 2, out);
    if (!out[2] || is_none(out[2]))
        return py_binary_op(out[0], out[1], NB_POWER);
    return py_pow3(out[0], out[1], out[2]);
}

Value builtin_round(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value out[2];
    parse_args("round", args, nargs, kw, { "number", "ndigits" }, 1, out);
    Value x = out[0];
    Value method = type_of(x)->special(SP_round);
    if (!method)
        raise(&exc::TypeError, "type %s doesn't define __round__ method", type_of(x)->name_str().c_str());
    if (!out[1] || is_none(out[1]))
        return call_special_opt(x, SP_round, nullptr, 0);
    return call_special_opt(x, SP_round, &out[1], 1);
}

Value base_text(char const* name, Value const* args, size_t nargs, TupleObject* kw, int base)
{
    check_nargs(name, nargs, kw, 1, 1);
    Value v = py_number_index(args[0]);
    return Value(str_from_ascii(int_to_base(v, base, true)));
}

Value builtin_bin(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    return base_text("bin", args, nargs, kw, 2);
}
Value builtin_oct(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    return base_text("oct", args, nargs, kw, 8);
}
Value builtin_hex(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    return base_text("hex", args, nargs, kw, 16);
}

} // namespace

MethodDef const g_builtin_numeric_methods[] = {
    { "abs", builtin_abs, METH_DEFAULT, "Return the absolute value of the argument." },
    { "divmod", builtin_divmod, METH_DEFAULT, "Return the tuple (x//y, x%y).  Invariant: div*y + mod == x." },
    { "pow", builtin_pow, METH_DEFAULT,
        "Equivalent to base**exp with 2 arguments or base**exp % mod with 3 arguments\n\n"
        "Some types, such as ints, are able to use a more efficient algorithm when\n"
        "invoked using the three argument form." },
    { "round", builtin_round, METH_DEFAULT,
        "Round a number to a given precision in decimal digits.\n\n"
        "The return value is an integer if ndigits is omitted or None.  Otherwise\n"
        "the return value has the same type as the number.  ndigits may be negative." },
    { "bin", builtin_bin, METH_DEFAULT, "Return the binary representation of an integer.\n\n   >>> bin(2796202)\n   '0b1010101010101010101010'" },
    { "oct", builtin_oct, METH_DEFAULT, "Return the octal representation of an integer.\n\n   >>> oct(342391)\n   '0o1234567'" },
    { "hex", builtin_hex, METH_DEFAULT, "Return the hexadecimal representation of an integer.\n\n   >>> hex(12648430)\n   '0xc0ffee'" },
    { nullptr, nullptr },
};

} // namespace pystm

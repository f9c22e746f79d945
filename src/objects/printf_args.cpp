// The non-template parts of the printf-style formatting shared by str % and bytes %
// (objects/printf_args.h).
#include "objects/printf_args.h"
#include "objects/float_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"

namespace pystm {

PrintfArgs::PrintfArgs(Value args, bool mapping_allowed) : m_single(args)
{
    if (is_tuple(args)) {
        m_items = args.as<TupleObject>()->items();
        m_count = args.as<TupleObject>()->m_size;
        return;
    }
    m_items = &m_single;
    m_count = 1;
    if (mapping_allowed && !type_of(args)->special(SP_getitem).is_null())
        m_mapping = args;
}

Value PrintfArgs::next()
{
    if (m_index >= m_count)
        raise(&exc::TypeError, "not enough arguments for format string");
    return m_items[m_index++];
}

Value PrintfArgs::lookup(Value key)
{
    Value v = py_getitem(m_mapping, key);
    m_used_key = true;
    m_count = -1;
    m_index = 0;
    return v;
}

void PrintfArgs::check_all_used(char const* kind) const
{
    if (!m_used_key && m_mapping.is_null() && m_index < m_count)
        raise(&exc::TypeError, "not all arguments converted during %s formatting", kind);
}

Value printf_int_arg(Value arg, char conv)
{
    if (is_int(arg))
        return arg;
    Type* t = type_of(arg);
    bool integral_only = conv == 'o' || conv == 'x' || conv == 'X';
    // CPython's PyNumber_Check: only a number is converted, by __index__ for the integral
    // conversions and int() for the others; a TypeError from that conversion becomes the
    // format's own message, any other exception propagates.
    bool number = !t->special(SP_index).is_null() || !t->special(SP_int).is_null()
        || !t->special(SP_float).is_null() || t->is_subtype(&complex_type);
    if (number) {
        try {
            return integral_only ? py_number_index(arg) : py_number_int(arg);
        } catch (PyError&) {
            if (!exception_matches(&exc::TypeError))
                reraise();
            take_exception();
        }
    }
    if (integral_only)
        raise(&exc::TypeError, "%%%c format: an integer is required, not %s", conv,
            type_name(arg).c_str());
    raise(&exc::TypeError, "%%%c format: a real number is required, not %s", conv,
        type_name(arg).c_str());
}

bool printf_float_arg_ok(Value arg)
{
    return is_float(arg) || is_int(arg) || !type_of(arg)->special(SP_float).is_null()
        || !type_of(arg)->special(SP_index).is_null();
}

} // namespace pystm

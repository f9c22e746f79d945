// SyntaxError (and IndentationError, TabError through inheritance) and the Unicode errors
// (UnicodeEncodeError, UnicodeDecodeError, UnicodeTranslateError): constructors with CPython's
// argument checks, their attributes and their __str__.
#include "objects/exceptions_internal.h"
#include "gc/heap.h"
#include "objects/bytes_object.h"
#include "objects/int_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"

namespace pystm {

void trace_syntax_error(Object* o, gc::Tracer& t)
{
    auto* e = static_cast<SyntaxErrorObject*>(o);
    trace_base_exception_fields(e, t);
    t.visit(e->m_msg);
    t.visit(e->m_filename);
    t.visit(e->m_lineno);
    t.visit(e->m_offset);
    t.visit(e->m_text);
    t.visit(e->m_end_lineno);
    t.visit(e->m_end_offset);
    t.visit(e->m_print_file_and_line);
}

void trace_unicode_error(Object* o, gc::Tracer& t)
{
    auto* e = static_cast<UnicodeErrorObject*>(o);
    trace_base_exception_fields(e, t);
    t.visit(e->m_encoding);
    t.visit(e->m_object);
    t.visit(e->m_start);
    t.visit(e->m_end);
    t.visit(e->m_reason);
}

namespace {

// --- SyntaxError ------------------------------------------------------------------------------

Value syntax_error_init(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    exc_no_keywords(self, kwnames);
    exc_set_args(self, tuple_from(args, static_cast<int64_t>(nargs)));
    auto* e = self.as<SyntaxErrorObject>();
    if (nargs >= 1)
        exc_set(e, e->m_msg, args[0]);
    if (nargs == 2) {
        TupleObject* info = py_tuple_from_iterable(args[1]);
        int64_t n = info->m_size;
        if (n < 4)
            raise(&exc::TypeError, "function takes at least 4 arguments (%lld given)", static_cast<long long>(n));
        if (n > 6)
            raise(&exc::TypeError, "function takes at most 6 arguments (%lld given)", static_cast<long long>(n));
        if (n == 5)
            raise(&exc::TypeError, "end_offset must be provided when end_lineno is provided");
        write_barrier(e);
        e->m_filename = info->item(0);
        e->m_lineno = info->item(1);
        e->m_offset = info->item(2);
        e->m_text = info->item(3);
        e->m_end_lineno = n >= 5 ? info->item(4) : Value();
        e->m_end_offset = n >= 6 ? info->item(5) : Value();
    }
    return none();
}

Value syntax_error_str(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__str__", nargs, kwnames, 0, 0);
    auto* e = self.as<SyntaxErrorObject>();
    read_barrier(e);
    Value msg = or_none(e->m_msg), fn = e->m_filename, lineno = e->m_lineno;
    std::string text = str_utf8(py_str(msg));
    std::string base;
    bool have_file = fn && is_str(fn);
    if (have_file) {
        base = str_utf8(fn);
        size_t slash = base.rfind('/');
        if (slash != std::string::npos)
            base = base.substr(slash + 1);
    }
    bool have_line = lineno && is_exact_int(lineno);
    if (have_file && have_line)
        return str_from_utf8(text + " (" + base + ", line " + int_to_decimal(lineno) + ")");
    if (have_file)
        return str_from_utf8(text + " (" + base + ")");
    if (have_line)
        return str_from_utf8(text + " (line " + int_to_decimal(lineno) + ")");
    return py_str(msg);
}

MethodDef const s_syntax_error_methods[] = {
    { "__init__", syntax_error_init },
    { "__str__", syntax_error_str },
    { nullptr, nullptr },
};

// --- Unicode errors ---------------------------------------------------------------------------

Value require_str(Value v, int argno)
{
    if (!is_str(v))
        raise(&exc::TypeError, "argument %d must be str, not %s", argno, type_name(v).c_str());
    return v;
}

Value require_bytes_like(Value v)
{
    if (is_bytes(v))
        return v;
    if (v.is_object() && v.as_object()->m_type->is_subtype(&bytearray_type)) {
        return Value(bytes_new(bytearray_copy(v.as<ByteArrayObject>())));
    }
    // Other buffer objects (memoryview) are converted through bytes(v).
    if (type_name(v) == "memoryview")
        return py_call1(Value(&bytes_type), v);
    raise(&exc::TypeError, "a bytes-like object is required, not '%s'", type_name(v).c_str());
}

void check_exact_args(size_t nargs, size_t want)
{
    if (nargs != want)
        raise(&exc::TypeError, "function takes exactly %zu arguments (%zu given)", want, nargs);
}

Value unicode_encode_error_init(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    exc_no_keywords(self, kwnames);
    exc_set_args(self, tuple_from(args, static_cast<int64_t>(nargs)));
    check_exact_args(nargs, 5);
    auto* e = self.as<UnicodeErrorObject>();
    Value enc = require_str(args[0], 1), obj = require_str(args[1], 2);
    Value start = py_number_index(args[2]), end = py_number_index(args[3]);
    Value reason = require_str(args[4], 5);
    write_barrier(e);
    e->m_encoding = enc;
    e->m_object = obj;
    e->m_start = start;
    e->m_end = end;
    e->m_reason = reason;
    return none();
}

Value unicode_decode_error_init(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    exc_no_keywords(self, kwnames);
    exc_set_args(self, tuple_from(args, static_cast<int64_t>(nargs)));
    check_exact_args(nargs, 5);
    auto* e = self.as<UnicodeErrorObject>();
    Value enc = require_str(args[0], 1), obj = require_bytes_like(args[1]);
    Value start = py_number_index(args[2]), end = py_number_index(args[3]);
    Value reason = require_str(args[4], 5);
    write_barrier(e);
    e->m_encoding = enc;
    e->m_object = obj;
    e->m_start = start;
    e->m_end = end;
    e->m_reason = reason;
    return none();
}

Value unicode_translate_error_init(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    exc_no_keywords(self, kwnames);
    exc_set_args(self, tuple_from(args, static_cast<int64_t>(nargs)));
    check_exact_args(nargs, 4);
    auto* e = self.as<UnicodeErrorObject>();
    Value obj = require_str(args[0], 1);
    Value start = py_number_index(args[1]), end = py_number_index(args[2]);
    Value reason = require_str(args[3], 4);
    write_barrier(e);
    e->m_encoding = Value();
    e->m_object = obj;
    e->m_start = start;
    e->m_end = end;
    e->m_reason = reason;
    return none();
}

struct UnicodeFields {
    std::string encoding, reason;
    int64_t start = 0, end = 0;
    Value object;
};

bool unicode_fields(Value self, UnicodeFields* f)
{
    auto* e = self.as<UnicodeErrorObject>();
    read_barrier(e);
    if (!e->m_object)
        return false;
    f->object = e->m_object;
    f->encoding = e->m_encoding ? str_utf8(py_str(e->m_encoding)) : "";
    f->reason = e->m_reason ? str_utf8(py_str(e->m_reason)) : "";
    f->start = e->m_start ? py_index_clamped(e->m_start) : 0;
    f->end = e->m_end ? py_index_clamped(e->m_end) : 0;
    return true;
}

std::string escape_char(uint32_t c)
{
    char buf[16];
    if (c <= 0xff)
        std::snprintf(buf, sizeof buf, "\\x%02x", c);
    else if (c <= 0xffff)
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
    else
        std::snprintf(buf, sizeof buf, "\\U%08x", c);
    return buf;
}

std::string range_text(UnicodeFields const& f)
{
    return "in position " + std::to_string(f.start) + "-" + std::to_string(f.end - 1) + ": " + f.reason;
}

Value unicode_encode_error_str(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__str__", nargs, kwnames, 0, 0);
    UnicodeFields f;
    if (!unicode_fields(self, &f))
        return str_empty();
    StrObject* s = f.object.as<StrObject>();
    std::string head = "'" + f.encoding + "' codec can't encode ";
    if (f.start >= 0 && f.start < s->m_length && f.end == f.start + 1)
        return str_from_utf8(head + "character '" + escape_char(s->at(f.start)) + "' in position "
            + std::to_string(f.start) + ": " + f.reason);
    return str_from_utf8(head + "characters " + range_text(f));
}

Value unicode_decode_error_str(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__str__", nargs, kwnames, 0, 0);
    UnicodeFields f;
    if (!unicode_fields(self, &f))
        return str_empty();
    BytesObject* b = f.object.as<BytesObject>();
    std::string head = "'" + f.encoding + "' codec can't decode ";
    if (f.start >= 0 && f.start < b->m_size && f.end == f.start + 1) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "0x%02x", b->data()[f.start]);
        return str_from_utf8(head + "byte " + buf + " in position " + std::to_string(f.start) + ": " + f.reason);
    }
    return str_from_utf8(head + "bytes " + range_text(f));
}

Value unicode_translate_error_str(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__str__", nargs, kwnames, 0, 0);
    UnicodeFields f;
    if (!unicode_fields(self, &f))
        return str_empty();
    StrObject* s = f.object.as<StrObject>();
    if (f.start >= 0 && f.start < s->m_length && f.end == f.start + 1)
        return str_from_utf8("can't translate character '" + escape_char(s->at(f.start)) + "' in position "
            + std::to_string(f.start) + ": " + f.reason);
    return str_from_utf8("can't translate characters " + range_text(f));
}

MethodDef const s_encode_methods[] = {
    { "__init__", unicode_encode_error_init },
    { "__str__", unicode_encode_error_str },
    { nullptr, nullptr },
};
MethodDef const s_decode_methods[] = {
    { "__init__", unicode_decode_error_init },
    { "__str__", unicode_decode_error_str },
    { nullptr, nullptr },
};
MethodDef const s_translate_methods[] = {
    { "__init__", unicode_translate_error_init },
    { "__str__", unicode_translate_error_str },
    { nullptr, nullptr },
};

void add_unicode_members(Type* t)
{
    add_exc_member<UnicodeErrorObject, &UnicodeErrorObject::m_encoding>(t, "encoding", "exception encoding");
    add_exc_member<UnicodeErrorObject, &UnicodeErrorObject::m_object>(t, "object", "exception object");
    add_exc_member<UnicodeErrorObject, &UnicodeErrorObject::m_start>(t, "start", "exception start");
    add_exc_member<UnicodeErrorObject, &UnicodeErrorObject::m_end>(t, "end", "exception end");
    add_exc_member<UnicodeErrorObject, &UnicodeErrorObject::m_reason>(t, "reason", "exception reason");
}

} // namespace

void init_syntax_error_types()
{
    Type* t = &exc::SyntaxError;
    add_methods(t, s_syntax_error_methods);
    add_exc_member<SyntaxErrorObject, &SyntaxErrorObject::m_msg>(t, "msg", "exception msg");
    add_exc_member<SyntaxErrorObject, &SyntaxErrorObject::m_filename>(t, "filename", "exception filename");
    add_exc_member<SyntaxErrorObject, &SyntaxErrorObject::m_lineno>(t, "lineno", "exception lineno");
    add_exc_member<SyntaxErrorObject, &SyntaxErrorObject::m_offset>(t, "offset", "exception offset");
    add_exc_member<SyntaxErrorObject, &SyntaxErrorObject::m_text>(t, "text", "exception text");
    add_exc_member<SyntaxErrorObject, &SyntaxErrorObject::m_end_lineno>(t, "end_lineno", "exception end lineno");
    add_exc_member<SyntaxErrorObject, &SyntaxErrorObject::m_end_offset>(t, "end_offset", "exception end offset");
    add_exc_member<SyntaxErrorObject, &SyntaxErrorObject::m_print_file_and_line>(
        t, "print_file_and_line", "exception print_file_and_line");
    register_exc_ctor(t, { base_exception_new_native, syntax_error_init });
}

void init_unicode_error_types()
{
    add_unicode_members(&exc::UnicodeEncodeError);
    add_unicode_members(&exc::UnicodeDecodeError);
    add_unicode_members(&exc::UnicodeTranslateError);
    add_methods(&exc::UnicodeEncodeError, s_encode_methods);
    add_methods(&exc::UnicodeDecodeError, s_decode_methods);
    add_methods(&exc::UnicodeTranslateError, s_translate_methods);
    register_exc_ctor(&exc::UnicodeEncodeError, { base_exception_new_native, unicode_encode_error_init });
    register_exc_ctor(&exc::UnicodeDecodeError, { base_exception_new_native, unicode_decode_error_init });
    register_exc_ctor(&exc::UnicodeTranslateError, { base_exception_new_native, unicode_translate_error_init });
}

} // namespace pystm

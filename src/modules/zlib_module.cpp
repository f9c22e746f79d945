// The zlib module, backed by Debian's zlib: one-shot compress/decompress, the streaming
// Compress and Decompress objects (flush, copy, unused_data, unconsumed_tail, eof), crc32,
// adler32, the Z_* constants and zlib.error, with CPython's messages.
//
// Invariants: a stream object's z_stream is heap-allocated (zlib's internal state points back
// at it, so it never moves), owned by the object and freed by the type's m_destroy; it and the
// object's Python-visible fields are mutated only after write_barrier on the object. m_open is
// false once the stream was ended (Z_FINISH flush, or a failed init): zlib is not called again.
#include "gc/heap.h"
#include "modules/builtin_modules.h"
#include "objects/api.h"
#include "objects/bytes_internal.h"
#include "objects/buffer_arg.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/int_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include <cstring>
#include <string>
#include <zlib.h>

namespace pystm {

extern Type memoryview_type; // modules/io_memoryview.cpp

void setup_zlib_types();
void init_zlib_types();
ModuleObject* init_zlib_module();

namespace {

Type compress_type { &type_type };
Type decompress_type { &type_type };
Value s_error; // zlib.error (a root)

constexpr size_t k_def_buf = 16384;

std::string_view data_arg(Value v, std::string& tmp)
{
    return need_buffer(v, tmp);
}

[[noreturn]] void zlib_error(z_stream const& zs, int err, char const* msg)
{
    char const* zmsg = nullptr;
    if (err == Z_VERSION_ERROR)
        zmsg = "library version mismatch";
    if (!zmsg)
        zmsg = zs.msg;
    if (!zmsg) {
        switch (err) {
        case Z_BUF_ERROR: zmsg = "incomplete or truncated stream"; break;
        case Z_STREAM_ERROR: zmsg = "inconsistent stream state"; break;
        case Z_DATA_ERROR: zmsg = "invalid input data"; break;
        }
    }
    char buf[400];
    if (zmsg)
        snprintf(buf, sizeof buf, "Error %d while %s: %.200s", err, msg, zmsg);
    else
        snprintf(buf, sizeof buf, "Error %d while %s", err, msg);
    raise_value(py_call1(s_error, str_from_utf8(buf)));
}

int int_arg(Value v, int dflt)
{
    if (!v)
        return dflt;
    int64_t x = py_index_i64(v);
    if (x < INT32_MIN || x > INT32_MAX)
        raise(&exc::OverflowError, "Python int too large to convert to C int");
    return static_cast<int>(x);
}

// Grows [out] and points the stream's output window at its free tail.
void grow_output(z_stream& zs, std::string& out, size_t& used, size_t limit = 0)
{
    size_t want = out.size() ? out.size() * 2 : k_def_buf;
    if (limit && want > limit)
        want = limit;
    out.resize(want);
    zs.next_out = reinterpret_cast<Bytef*>(out.data() + used);
    zs.avail_out = static_cast<uInt>(std::min<size_t>(want - used, UINT32_MAX));
}

// --- one-shot functions --------------------------------------------------------------------------

Value z_compress(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[3];
    parse_args("compress", args, nargs, kw, { "", "/", "level", "wbits" }, 1, a);
    std::string tmp;
    std::string_view in = data_arg(a[0], tmp);
    int level = int_arg(a[1], Z_DEFAULT_COMPRESSION);
    int wbits = int_arg(a[2], MAX_WBITS);
    z_stream zs {};
    int err = deflateInit2(&zs, level, Z_DEFLATED, wbits, 8, Z_DEFAULT_STRATEGY);
    if (err == Z_MEM_ERROR)
        raise(&exc::MemoryError, "Out of memory while compressing data");
    if (err == Z_STREAM_ERROR)
        raise_value(py_call1(s_error, str_from_ascii("Bad compression level")));
    if (err != Z_OK) {
        deflateEnd(&zs);
        zlib_error(zs, err, "compressing data");
    }
    std::string out(deflateBound(&zs, in.size()) + 16, '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs.avail_in = static_cast<uInt>(in.size());
    size_t used = 0;
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    for (;;) {
        err = deflate(&zs, Z_FINISH);
        used = out.size() - zs.avail_out;
        if (err == Z_STREAM_END)
            break;
        if (err != Z_OK && err != Z_BUF_ERROR) {
            deflateEnd(&zs);
            zlib_error(zs, err, "compressing data");
        }
        grow_output(zs, out, used);
    }
    deflateEnd(&zs);
    out.resize(used);
    return bytes_new(out);
}

Value z_decompress(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[3];
    parse_args("decompress", args, nargs, kw, { "", "/", "wbits", "bufsize" }, 1, a);
    std::string tmp;
    std::string_view in = data_arg(a[0], tmp);
    int wbits = int_arg(a[1], MAX_WBITS);
    int64_t bufsize = a[2] ? py_index_i64(a[2]) : static_cast<int64_t>(k_def_buf);
    if (bufsize < 0)
        raise(&exc::ValueError, "bufsize must be non-negative");
    if (bufsize == 0)
        bufsize = 1;
    z_stream zs {};
    int err = inflateInit2(&zs, wbits);
    if (err == Z_MEM_ERROR)
        raise(&exc::MemoryError, "Out of memory while decompressing data");
    if (err != Z_OK) {
        inflateEnd(&zs);
        zlib_error(zs, err, "preparing to decompress data");
    }
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs.avail_in = static_cast<uInt>(in.size());
    std::string out(static_cast<size_t>(bufsize), '\0');
    size_t used = 0;
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    for (;;) {
        err = inflate(&zs, Z_FINISH);
        used = out.size() - zs.avail_out;
        if (err == Z_STREAM_END)
            break;
        if (err == Z_BUF_ERROR && zs.avail_out == 0) {
            grow_output(zs, out, used);
            continue;
        }
        if (err == Z_OK) {
            if (zs.avail_out == 0)
                grow_output(zs, out, used);
            continue;
        }
        inflateEnd(&zs);
        zlib_error(zs, err, "decompressing data");
    }
    inflateEnd(&zs);
    out.resize(used);
    return bytes_new(out);
}

Value z_checksum(Value const* args, size_t nargs, char const* name, bool crc)
{
    check_nargs(name, nargs, nullptr, 1, 2);
    std::string tmp;
    std::string_view in = data_arg(args[0], tmp);
    uLong value = crc ? 0 : 1;
    if (nargs > 1) {
        // Any int is accepted and reduced modulo 2**32, as CPython's unsigned-int conversion.
        Value v = py_binary_op(py_number_index(args[1]), int_from_i64(0xffffffffll), NB_AND);
        int64_t x = 0;
        int_to_i64(v, &x);
        value = static_cast<uLong>(x);
    }
    while (!in.empty()) {
        uInt n = static_cast<uInt>(std::min<size_t>(in.size(), 1u << 30));
        value = crc ? crc32(value, reinterpret_cast<Bytef const*>(in.data()), n)
                    : adler32(value, reinterpret_cast<Bytef const*>(in.data()), n);
        in.remove_prefix(n);
    }
    return int_from_u64(value & 0xffffffffu);
}
Value z_crc32(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("crc32", nargs, kw, 1, 2);
    return z_checksum(args, nargs, "crc32", true);
}
Value z_adler32(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("adler32", nargs, kw, 1, 2);
    return z_checksum(args, nargs, "adler32", false);
}

// --- streaming objects ---------------------------------------------------------------------------

struct ZStreamObject : Object {
    z_stream* m_zs = nullptr;
    bool m_open = false;
    bool m_eof = false;
    Value m_unused_data; // bytes
    Value m_unconsumed_tail; // bytes
    Value m_zdict; // bytes-like or null
    explicit ZStreamObject(Type* t) : Object(t) { }
};

void zstream_trace(Object* o, gc::Tracer& t)
{
    auto* z = static_cast<ZStreamObject*>(o);
    t.visit(z->m_unused_data);
    t.visit(z->m_unconsumed_tail);
    t.visit(z->m_zdict);
}

void zstream_destroy(Object* o)
{
    auto* z = static_cast<ZStreamObject*>(o);
    if (z->m_zs) {
        if (z->m_open)
            (z->m_type == &compress_type ? deflateEnd : inflateEnd)(z->m_zs);
        delete z->m_zs;
        z->m_zs = nullptr;
    }
}

ZStreamObject* zstream_new(Type* t)
{
    auto* z = gc::make<ZStreamObject>(t);
    z->m_zs = new z_stream {};
    z->m_unused_data = bytes_new("");
    z->m_unconsumed_tail = bytes_new("");
    return z;
}

Value z_compressobj(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[6];
    parse_args("compressobj", args, nargs, kw, { "level", "method", "wbits", "memLevel", "strategy", "zdict" }, 0, a);
    int level = int_arg(a[0], Z_DEFAULT_COMPRESSION);
    int method = int_arg(a[1], Z_DEFLATED);
    int wbits = int_arg(a[2], MAX_WBITS);
    int mem_level = int_arg(a[3], 8);
    int strategy = int_arg(a[4], Z_DEFAULT_STRATEGY);
    ZStreamObject* z = zstream_new(&compress_type);
    write_barrier(z);
    int err = deflateInit2(z->m_zs, level, method, wbits, mem_level, strategy);
    if (err == Z_MEM_ERROR)
        raise(&exc::MemoryError, "Can't allocate memory for compression object");
    if (err == Z_STREAM_ERROR)
        raise(&exc::ValueError, "Invalid initialization option");
    if (err != Z_OK)
        zlib_error(*z->m_zs, err, "creating compression object");
    z->m_open = true;
    if (a[5] && !is_none(a[5])) {
        std::string tmp;
        std::string_view d = data_arg(a[5], tmp);
        err = deflateSetDictionary(z->m_zs, reinterpret_cast<Bytef const*>(d.data()), static_cast<uInt>(d.size()));
        if (err == Z_STREAM_ERROR)
            raise(&exc::ValueError, "Invalid dictionary");
        if (err != Z_OK)
            raise(&exc::ValueError, "deflateSetDictionary()");
    }
    return z;
}

int set_inflate_dict(ZStreamObject* z)
{
    std::string tmp;
    std::string_view d = data_arg(z->m_zdict, tmp);
    return inflateSetDictionary(z->m_zs, reinterpret_cast<Bytef const*>(d.data()), static_cast<uInt>(d.size()));
}

Value z_decompressobj(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[2];
    parse_args("decompressobj", args, nargs, kw, { "wbits", "zdict" }, 0, a);
    int wbits = int_arg(a[0], MAX_WBITS);
    if (a[1] && !is_bytes(a[1]) && !is_bytearray(a[1]) && !isinstance(a[1], &memoryview_type))
        raise(&exc::TypeError, "zdict argument must support the buffer protocol");
    ZStreamObject* z = zstream_new(&decompress_type);
    write_barrier(z);
    z->m_zdict = a[1];
    int err = inflateInit2(z->m_zs, wbits);
    if (err == Z_MEM_ERROR)
        raise(&exc::MemoryError, "Can't allocate memory for decompression object");
    if (err == Z_STREAM_ERROR)
        raise(&exc::ValueError, "Invalid initialization option");
    if (err != Z_OK)
        zlib_error(*z->m_zs, err, "creating decompression object");
    z->m_open = true;
    // A raw stream has no header to ask for the dictionary: set it now.
    if (z->m_zdict && wbits < 0) {
        err = set_inflate_dict(z);
        if (err != Z_OK)
            zlib_error(*z->m_zs, err, "setting zdict");
    }
    return z;
}

ZStreamObject* as_z(Value v) { return v.as<ZStreamObject>(); }

// Deflates [in] with [mode] until zlib needs no more output space.
std::string deflate_all(ZStreamObject* z, std::string_view in, int mode, char const* what)
{
    z_stream& zs = *z->m_zs;
    if (!z->m_open)
        zlib_error(zs, Z_STREAM_ERROR, what);
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs.avail_in = static_cast<uInt>(in.size());
    std::string out;
    size_t used = 0;
    for (;;) {
        grow_output(zs, out, used);
        int err = deflate(&zs, mode);
        used = out.size() - zs.avail_out;
        if (err == Z_STREAM_ERROR)
            zlib_error(zs, err, what);
        if (err == Z_STREAM_END)
            break;
        if (zs.avail_out != 0 && zs.avail_in == 0)
            break;
    }
    out.resize(used);
    return out;
}

Value comp_compress(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("compress", nargs, kw, 1, 1);
    std::string tmp;
    std::string_view in = data_arg(args[0], tmp);
    ZStreamObject* z = as_z(self);
    write_barrier(z);
    return bytes_new(deflate_all(z, in, Z_NO_FLUSH, "compressing data"));
}

Value comp_flush(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("flush", nargs, kw, 0, 1);
    int mode = nargs ? int_arg(args[0], Z_FINISH) : Z_FINISH;
    if (mode == Z_NO_FLUSH)
        return bytes_new("");
    ZStreamObject* z = as_z(self);
    write_barrier(z);
    std::string out = deflate_all(z, std::string_view(), mode, "flushing");
    if (mode == Z_FINISH) {
        int err = deflateEnd(z->m_zs);
        z->m_open = false;
        if (err != Z_OK)
            zlib_error(*z->m_zs, err, "flushing");
    }
    return bytes_new(out);
}

Value zs_copy(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("copy", nargs, kw, 0, 0);
    ZStreamObject* z = as_z(self);
    read_barrier(z);
    bool comp = z->m_type == &compress_type;
    if (!z->m_open)
        raise(&exc::ValueError, comp ? "Inconsistent stream state" : "Inconsistent stream state");
    ZStreamObject* c = zstream_new(z->m_type);
    int err = comp ? deflateCopy(c->m_zs, z->m_zs) : inflateCopy(c->m_zs, z->m_zs);
    if (err == Z_STREAM_ERROR)
        raise(&exc::ValueError, "Inconsistent stream state");
    if (err == Z_MEM_ERROR)
        raise(&exc::MemoryError, "Can't allocate memory for %s object", comp ? "compression" : "decompression");
    if (err != Z_OK)
        zlib_error(*z->m_zs, err, "copying compression object");
    c->m_open = true;
    c->m_eof = z->m_eof;
    c->m_unused_data = z->m_unused_data;
    c->m_unconsumed_tail = z->m_unconsumed_tail;
    c->m_zdict = z->m_zdict;
    return c;
}

// After inflating: input past the end of the stream becomes unused_data; input left because the
// output limit was reached becomes unconsumed_tail.
void save_unconsumed(ZStreamObject* z, int err)
{
    z_stream& zs = *z->m_zs;
    std::string_view rest(reinterpret_cast<char const*>(zs.next_in), zs.avail_in);
    if (err == Z_STREAM_END) {
        if (!rest.empty()) {
            std::string u(z->m_unused_data.as<BytesObject>()->view());
            u += rest;
            z->m_unused_data = bytes_new(u);
        }
        rest = std::string_view();
    }
    z->m_unconsumed_tail = bytes_new(rest);
}

std::string inflate_some(ZStreamObject* z, std::string_view in, size_t limit, int mode, char const* what, int* err_out)
{
    z_stream& zs = *z->m_zs;
    if (!z->m_open)
        zlib_error(zs, Z_STREAM_ERROR, what);
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs.avail_in = static_cast<uInt>(in.size());
    std::string out;
    size_t used = 0;
    int err = Z_OK;
    for (;;) {
        if (limit && used >= limit)
            break;
        grow_output(zs, out, used, limit);
        err = inflate(&zs, mode);
        if (err == Z_NEED_DICT && z->m_zdict) {
            if (set_inflate_dict(z) != Z_OK)
                zlib_error(zs, Z_DATA_ERROR, what);
            err = inflate(&zs, mode);
        }
        used = out.size() - zs.avail_out;
        if (err == Z_STREAM_END)
            break;
        if (err != Z_OK && err != Z_BUF_ERROR)
            zlib_error(zs, err, what);
        if (zs.avail_out != 0)
            break; // zlib consumed everything it could
    }
    out.resize(used);
    *err_out = err;
    return out;
}

Value decomp_decompress(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[2];
    parse_args("decompress", args, nargs, kw, { "", "/", "max_length" }, 1, a);
    std::string tmp;
    std::string_view in = data_arg(a[0], tmp);
    int64_t max_length = a[1] ? py_index_i64(a[1]) : 0;
    if (max_length < 0)
        raise(&exc::ValueError, "max_length must be non-negative");
    ZStreamObject* z = as_z(self);
    write_barrier(z);
    int err;
    std::string out = inflate_some(z, in, static_cast<size_t>(max_length), Z_SYNC_FLUSH, "decompressing data", &err);
    save_unconsumed(z, err);
    if (err == Z_STREAM_END)
        z->m_eof = true;
    return bytes_new(out);
}

Value decomp_flush(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("flush", nargs, kw, 0, 1);
    int64_t length = nargs ? py_index_i64(args[0]) : static_cast<int64_t>(k_def_buf);
    if (length <= 0)
        raise(&exc::ValueError, "length must be greater than zero");
    ZStreamObject* z = as_z(self);
    write_barrier(z);
    std::string tail(z->m_unconsumed_tail.as<BytesObject>()->view());
    int err;
    std::string out = inflate_some(z, tail, 0, Z_FINISH, "flushing", &err);
    save_unconsumed(z, err);
    if (err == Z_STREAM_END) {
        z->m_eof = true;
        inflateEnd(z->m_zs);
        z->m_open = false;
    }
    return bytes_new(out);
}

Value zs_unused_data(Value self)
{
    read_barrier(as_z(self));
    return as_z(self)->m_unused_data;
}
Value zs_unconsumed_tail(Value self)
{
    read_barrier(as_z(self));
    return as_z(self)->m_unconsumed_tail;
}
Value zs_eof(Value self)
{
    read_barrier(as_z(self));
    return py_bool(as_z(self)->m_eof);
}

Value no_new(Value, Value const* args, size_t nargs, TupleObject*)
{
    Type* t = nargs && is_type(args[0]) ? args[0].as<Type>() : &compress_type;
    raise(&exc::TypeError, "cannot create '%s' instances", t->m_tp_name ? t->m_tp_name : "zlib.Compress");
}

MethodDef const zlib_functions[] = {
    { "compress", z_compress },
    { "decompress", z_decompress },
    { "compressobj", z_compressobj },
    { "decompressobj", z_decompressobj },
    { "crc32", z_crc32 },
    { "adler32", z_adler32 },
    { nullptr, nullptr },
};
MethodDef const compress_methods[] = {
    { "__new__", no_new, METH_STATIC },
    { "compress", comp_compress },
    { "flush", comp_flush },
    { "copy", zs_copy },
    { "__copy__", zs_copy },
    { nullptr, nullptr },
};
MethodDef const decompress_methods[] = {
    { "__new__", no_new, METH_STATIC },
    { "decompress", decomp_decompress },
    { "flush", decomp_flush },
    { "copy", zs_copy },
    { "__copy__", zs_copy },
    { nullptr, nullptr },
};

} // namespace

void setup_zlib_types()
{
    init_static_type(&compress_type, "zlib.Compress", nullptr, sizeof(ZStreamObject), 0, zstream_trace, zstream_destroy);
    init_static_type(&decompress_type, "zlib.Decompress", nullptr, sizeof(ZStreamObject), 0, zstream_trace, zstream_destroy);
}

void init_zlib_types()
{
    add_methods(&compress_type, compress_methods);
    add_methods(&decompress_type, decompress_methods);
    add_getset(&decompress_type, "unused_data", zs_unused_data);
    add_getset(&decompress_type, "unconsumed_tail", zs_unconsumed_tail);
    add_getset(&decompress_type, "eof", zs_eof);
}

ModuleObject* init_zlib_module()
{
    ModuleObject* m = module_new("zlib");
    for (MethodDef const* d = zlib_functions; d->name; d++)
        dict_set_cstr(m->m_dict, d->name, builtin_function_new(d, m));
    if (!s_error) {
        DictObject* ns = dict_new();
        dict_set_str(ns, names::__module__, str_from_ascii("zlib"));
        s_error = type_new(&type_type, intern("error"), tuple_of({ Value(&exc::Exception) }), ns, nullptr);
        gc::add_root(&s_error);
    }
    dict_set_cstr(m->m_dict, "error", s_error);
    struct {
        char const* name;
        int value;
    } const consts[] = {
        { "MAX_WBITS", MAX_WBITS }, { "DEFLATED", Z_DEFLATED }, { "DEF_MEM_LEVEL", 8 },
        { "DEF_BUF_SIZE", static_cast<int>(k_def_buf) }, { "Z_NO_COMPRESSION", Z_NO_COMPRESSION },
        { "Z_BEST_SPEED", Z_BEST_SPEED }, { "Z_BEST_COMPRESSION", Z_BEST_COMPRESSION },
        { "Z_DEFAULT_COMPRESSION", Z_DEFAULT_COMPRESSION }, { "Z_FILTERED", Z_FILTERED },
        { "Z_HUFFMAN_ONLY", Z_HUFFMAN_ONLY }, { "Z_RLE", Z_RLE }, { "Z_FIXED", Z_FIXED },
        { "Z_DEFAULT_STRATEGY", Z_DEFAULT_STRATEGY }, { "Z_NO_FLUSH", Z_NO_FLUSH },
        { "Z_PARTIAL_FLUSH", Z_PARTIAL_FLUSH }, { "Z_SYNC_FLUSH", Z_SYNC_FLUSH }, { "Z_FULL_FLUSH", Z_FULL_FLUSH },
        { "Z_FINISH", Z_FINISH }, { "Z_BLOCK", Z_BLOCK }, { "Z_TREES", Z_TREES },
    };
    for (auto const& c : consts)
        dict_set_cstr(m->m_dict, c.name, Value::small_int(c.value));
    dict_set_cstr(m->m_dict, "ZLIB_VERSION", str_from_ascii(ZLIB_VERSION));
    dict_set_cstr(m->m_dict, "ZLIB_RUNTIME_VERSION", str_from_ascii(zlibVersion()));
    return m;
}

} // namespace pystm

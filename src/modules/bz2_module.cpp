// The _bz2 module, backed by Debian's libbz2: the incremental BZ2Compressor (compress, flush)
// and BZ2Decompressor (decompress with max_length, eof, unused_data, needs_input) that the
// pure-Python bz2 module builds on, with CPython's messages.
//
// Invariants: an object's bz_stream is heap-allocated (libbz2's state points back at it), owned
// by the object and freed by the type's m_destroy; m_ready is true while the stream is set up.
// Every mutation follows write_barrier on the object. The types register no undo operations:
// libbz2's state cannot be copied, so the first mutation in a transaction makes it inevitable.
// A decompressor keeps the input libbz2 has not consumed yet (because max_length was reached)
// in m_pending and prepends it to the next call's data, as CPython's input buffer does.
#include "gc/heap.h"
#include "modules/builtin_modules.h"
#include "modules/decompress_input.h"
#include "objects/api.h"
#include "objects/buffer_arg.h"
#include "objects/bytes_internal.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/int_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include <bzlib.h>
#include <climits>
#include <string>

namespace pystm {

void setup_bz2_types();
void init_bz2_types();
ModuleObject* init_bz2_module();

namespace {

    Type compressor_type { &type_type };
    Type decompressor_type { &type_type };

    constexpr size_t k_initial_out = 8192;

    struct Bz2Object : Object {
        bz_stream* m_bzs = nullptr;
        bool m_ready = false;
        bool m_done = false; // compressor: flushed; decompressor: end of stream reached
        bool m_needs_input = true;
        bool m_failed = false; // decompressor: libbz2 reported an error, its state is unusable
        std::string* m_pending = nullptr; // decompressor: input not yet consumed
        Value m_unused_data; // bytes
        explicit Bz2Object(Type* t)
            : Object(t)
        {
        }
    };

    void bz2_trace(Object* o, gc::Tracer& t) { t.visit(static_cast<Bz2Object*>(o)->m_unused_data); }

    void bz2_end(Bz2Object* b)
    {
        if (b->m_ready)
            (b->m_type == &compressor_type ? BZ2_bzCompressEnd : BZ2_bzDecompressEnd)(b->m_bzs);
        b->m_ready = false;
    }

    void bz2_destroy(Object* o)
    {
        auto* b = static_cast<Bz2Object*>(o);
        if (b->m_bzs) {
            bz2_end(b);
            delete b->m_bzs;
            b->m_bzs = nullptr;
        }
        delete b->m_pending;
        b->m_pending = nullptr;
    }

    // Raises CPython's exception for a libbz2 error code; returns for the success codes.
    void check_bz2(int err)
    {
        switch (err) {
        case BZ_OK:
        case BZ_RUN_OK:
        case BZ_FLUSH_OK:
        case BZ_FINISH_OK:
        case BZ_STREAM_END:
            return;
        case BZ_CONFIG_ERROR:
            raise(&exc::SystemError, "libbzip2 was not compiled correctly");
        case BZ_PARAM_ERROR:
            raise(&exc::ValueError, "Internal error - invalid parameters passed to libbzip2");
        case BZ_MEM_ERROR:
            raise_value(py_call0(Value(&exc::MemoryError)));
        case BZ_DATA_ERROR:
        case BZ_DATA_ERROR_MAGIC:
            raise(&exc::OSError, "Invalid data stream");
        case BZ_IO_ERROR:
            raise(&exc::OSError, "Unknown I/O error");
        case BZ_UNEXPECTED_EOF:
            raise(&exc::EOFError,
                "Compressed file ended before the logical end-of-stream was detected");
        case BZ_SEQUENCE_ERROR:
            raise(&exc::RuntimeError,
                "Internal error - Invalid sequence of commands sent to libbzip2");
        default:
            raise(&exc::OSError, "Unrecognized error from libbzip2: %d", err);
        }
    }

    Bz2Object* as_bz2(Value v, Type* t)
    {
        if (!isinstance(v, t))
            raise(&exc::TypeError, "descriptor requires a '%s' object", t->m_tp_name);
        return v.as<Bz2Object>();
    }

    Value bz2_alloc(Value const* args, size_t nargs, Type* dflt)
    {
        Type* t = nargs && is_type(args[0]) ? args[0].as<Type>() : dflt;
        auto* b = gc::make<Bz2Object>(t);
        b->m_bzs = new bz_stream {};
        b->m_unused_data = bytes_new("");
        return b;
    }

    // --- BZ2Compressor
    // -------------------------------------------------------------------------------

    Value comp_new(Value, Value const* args, size_t nargs, TupleObject*)
    {
        return bz2_alloc(args, nargs, &compressor_type);
    }

    Value comp_init(Value self, Value const* args, size_t nargs, TupleObject* kw)
    {
        if (kw && kw->m_size)
            raise(&exc::TypeError, "BZ2Compressor() takes no keyword arguments");
        if (nargs > 1)
            raise(&exc::TypeError, "BZ2Compressor expected at most 1 argument, got %zu", nargs);
        int level = 9;
        if (nargs) {
            int64_t x = py_index_i64(args[0]);
            if (x < INT_MIN || x > INT_MAX)
                raise(&exc::OverflowError, "Python int too large to convert to C int");
            level = static_cast<int>(x);
        }
        if (level < 1 || level > 9)
            raise(&exc::ValueError, "compresslevel must be between 1 and 9");
        Bz2Object* b = as_bz2(self, &compressor_type);
        write_barrier(b);
        bz2_end(b);
        *b->m_bzs = bz_stream {};
        check_bz2(BZ2_bzCompressInit(b->m_bzs, level, 0, 0));
        b->m_ready = true;
        b->m_done = false;
        return none();
    }

    // Runs BZ2_bzCompress with [action] over [in] until libbz2 wants no more output space.
    std::string compress_data(Bz2Object* b, std::string_view in, int action)
    {
        bz_stream& s = *b->m_bzs;
        std::string out(k_initial_out, '\0');
        size_t used = 0;
        s.next_in = const_cast<char*>(in.data());
        s.avail_in = 0;
        s.next_out = out.data();
        s.avail_out = static_cast<unsigned>(out.size());
        size_t left = in.size();
        for (;;) {
            // avail_in is an unsigned int: feed larger inputs in pieces.
            if (s.avail_in == 0 && left > 0) {
                s.avail_in = static_cast<unsigned>(std::min<size_t>(left, UINT_MAX));
                left -= s.avail_in;
            }
            if (action == BZ_RUN && s.avail_in == 0)
                break;
            if (s.avail_out == 0) {
                used = out.size();
                out.resize(out.size() * 2);
                s.next_out = out.data() + used;
                s.avail_out = static_cast<unsigned>(std::min<size_t>(out.size() - used, UINT_MAX));
            }
            int err = BZ2_bzCompress(&s, action);
            check_bz2(err);
            if (action == BZ_FINISH && err == BZ_STREAM_END)
                break;
        }
        out.resize(static_cast<size_t>(s.next_out - out.data()));
        return out;
    }

    Value comp_compress(Value self, Value const* args, size_t nargs, TupleObject* kw)
    {
        check_nargs("compress", nargs, kw, 1, 1);
        std::string tmp;
        std::string_view in = need_buffer(args[0], tmp);
        Bz2Object* b = as_bz2(self, &compressor_type);
        read_barrier(b);
        if (b->m_done)
            raise(&exc::ValueError, "Compressor has been flushed");
        if (!b->m_ready)
            raise(&exc::ValueError, "Compressor is not initialized");
        write_barrier(b);
        return bytes_new(compress_data(b, in, BZ_RUN));
    }

    Value comp_flush(Value self, Value const*, size_t nargs, TupleObject* kw)
    {
        if (nargs || (kw && kw->m_size))
            raise(&exc::TypeError, "BZ2Compressor.flush() takes no arguments (%zu given)",
                nargs + (kw ? kw->m_size : 0));
        Bz2Object* b = as_bz2(self, &compressor_type);
        read_barrier(b);
        if (b->m_done)
            raise(&exc::ValueError, "Repeated call to flush()");
        if (!b->m_ready)
            raise(&exc::ValueError, "Compressor is not initialized");
        write_barrier(b);
        b->m_done = true;
        return bytes_new(compress_data(b, std::string_view(), BZ_FINISH));
    }

    // --- BZ2Decompressor
    // -----------------------------------------------------------------------------

    Value decomp_new(Value, Value const* args, size_t nargs, TupleObject*)
    {
        return bz2_alloc(args, nargs, &decompressor_type);
    }

    Value decomp_init(Value self, Value const*, size_t nargs, TupleObject* kw)
    {
        if (nargs)
            raise(&exc::TypeError, "BZ2Decompressor() takes no positional arguments");
        if (kw && kw->m_size)
            raise(&exc::TypeError, "BZ2Decompressor() takes no keyword arguments");
        Bz2Object* b = as_bz2(self, &decompressor_type);
        write_barrier(b);
        bz2_end(b);
        *b->m_bzs = bz_stream {};
        check_bz2(BZ2_bzDecompressInit(b->m_bzs, 0, 0));
        b->m_ready = true;
        b->m_done = false;
        b->m_needs_input = true;
        b->m_failed = false;
        b->m_unused_data = bytes_new("");
        delete b->m_pending;
        b->m_pending = nullptr;
        return none();
    }

    Value decomp_decompress(Value self, Value const* args, size_t nargs, TupleObject* kw)
    {
        Value a[2];
        parse_args("decompress", args, nargs, kw, { "data", "max_length" }, 1, a);
        std::string tmp;
        std::string_view data = need_buffer(a[0], tmp);
        int64_t max_length = a[1] ? py_index_i64(a[1]) : -1;
        Bz2Object* b = as_bz2(self, &decompressor_type);
        read_barrier(b);
        if (b->m_done)
            raise(&exc::EOFError, "End of stream already reached");
        if (b->m_failed)
            raise(&exc::ValueError, "Cannot decompress after a previous error");
        if (!b->m_ready)
            raise(&exc::ValueError, "Decompressor is not initialized");
        write_barrier(b);
        // Input left over from the previous call comes first.
        std::string input;
        std::string_view in = join_pending(b->m_pending, data, input);
        bz_stream& s = *b->m_bzs;
        s.next_in = const_cast<char*>(in.data());
        size_t avail_real = in.size(); // input not yet handed to libbz2 or not consumed by it
        std::string out;
        size_t limit = max_length < 0 ? SIZE_MAX : static_cast<size_t>(max_length);
        out.resize(std::min(k_initial_out, limit));
        s.next_out = out.data();
        s.avail_out = static_cast<unsigned>(out.size());
        for (;;) {
            s.avail_in = static_cast<unsigned>(std::min<size_t>(avail_real, UINT_MAX));
            avail_real -= s.avail_in;
            int err = BZ2_bzDecompress(&s);
            avail_real += s.avail_in;
            if (err != BZ_OK && err != BZ_STREAM_END) {
                // libbz2's state after an error is inconsistent: refuse further input.
                s.next_in = nullptr;
                b->m_failed = true;
                b->m_needs_input = false;
            }
            check_bz2(err);
            if (err == BZ_STREAM_END) {
                b->m_done = true;
                break;
            }
            if (s.avail_out == 0) {
                size_t used = out.size();
                if (used == limit)
                    break;
                out.resize(std::min(limit, used * 2));
                s.next_out = out.data() + used;
                s.avail_out = static_cast<unsigned>(std::min<size_t>(out.size() - used, UINT_MAX));
            } else if (s.avail_in == 0) {
                break;
            }
        }
        out.resize(static_cast<size_t>(s.next_out - out.data()));
        std::string_view rest(s.next_in, avail_real);
        keep_unconsumed(rest, b->m_done, false, b->m_needs_input, b->m_unused_data, b->m_pending);
        s.next_in = nullptr;
        return bytes_new(out);
    }

    Value decomp_eof(Value self)
    {
        Bz2Object* b = as_bz2(self, &decompressor_type);
        read_barrier(b);
        return py_bool(b->m_done);
    }
    Value decomp_unused_data(Value self)
    {
        Bz2Object* b = as_bz2(self, &decompressor_type);
        read_barrier(b);
        return b->m_unused_data;
    }
    Value decomp_needs_input(Value self)
    {
        Bz2Object* b = as_bz2(self, &decompressor_type);
        read_barrier(b);
        return py_bool(b->m_needs_input);
    }

    Value no_pickle(Value self, Value const*, size_t, TupleObject*)
    {
        raise(&exc::TypeError, "cannot pickle '%s' object", self.as_object()->m_type->m_tp_name);
    }

    MethodDef const compressor_methods[] = {
        { "__new__", comp_new, METH_STATIC },
        { "__init__", comp_init },
        { "__getstate__", no_pickle },
        { "compress", comp_compress },
        { "flush", comp_flush },
        { nullptr, nullptr },
    };
    MethodDef const decompressor_methods[] = {
        { "__new__", decomp_new, METH_STATIC },
        { "__init__", decomp_init },
        { "__getstate__", no_pickle },
        { "decompress", decomp_decompress },
        { nullptr, nullptr },
    };

} // namespace

void setup_bz2_types()
{
    init_static_type(&compressor_type, "_bz2.BZ2Compressor", nullptr, sizeof(Bz2Object), 0,
        bz2_trace, bz2_destroy);
    init_static_type(&decompressor_type, "_bz2.BZ2Decompressor", nullptr, sizeof(Bz2Object), 0,
        bz2_trace, bz2_destroy);
}

void init_bz2_types()
{
    add_methods(&compressor_type, compressor_methods);
    add_methods(&decompressor_type, decompressor_methods);
    add_member(&decompressor_type, "eof", decomp_eof,
        "True if the end-of-stream marker has been reached.");
    add_member(&decompressor_type, "unused_data", decomp_unused_data,
        "Data found after the end of the compressed stream.");
    add_member(&decompressor_type, "needs_input", decomp_needs_input,
        "True if more input is needed before more decompressed data can be produced.");
}

ModuleObject* init_bz2_module()
{
    ModuleObject* m = module_new("_bz2");
    dict_set_cstr(m->m_dict, "BZ2Compressor", Value(&compressor_type));
    dict_set_cstr(m->m_dict, "BZ2Decompressor", Value(&decompressor_type));
    return m;
}

} // namespace pystm

// The _lzma module, backed by Debian's liblzma: the incremental LZMACompressor and
// LZMADecompressor (the .xz, legacy .lzma and raw formats, filter chains given as lists of
// dicts), is_check_supported, the filter-properties codecs that zipfile uses, LZMAError and the
// FORMAT_*, CHECK_*, FILTER_*, MF_*, MODE_* and PRESET_* constants, with CPython's messages.
//
// Invariants: an object's lzma_stream is heap-allocated, owned by the object and ended by the
// type's m_destroy; m_ready is true while the stream is set up. Every mutation follows
// write_barrier on the object. The types register no undo operations: liblzma's state cannot be
// copied, so the first mutation in a transaction makes it inevitable. A decompressor keeps the
// input liblzma has not consumed yet (because max_length was reached) in m_pending and prepends
// it to the next call's data, as CPython's input buffer does.
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
#include <climits>
#include <cstdlib>
#include <cstring>
#include <lzma.h>
#include <string>

namespace pystm {

void setup_lzma_types();
void init_lzma_types();
ModuleObject* init_lzma_module();

namespace {

    Type compressor_type { &type_type };
    Type decompressor_type { &type_type };
    Value s_error; // _lzma.LZMAError (a root)

    enum { FORMAT_AUTO, FORMAT_XZ, FORMAT_ALONE, FORMAT_RAW };
    constexpr int k_check_unknown = LZMA_CHECK_ID_MAX + 1;
    constexpr size_t k_initial_out = 8192;

    [[noreturn]] void lzma_raise(char const* msg)
    {
        raise_value(py_call1(s_error, str_from_utf8(msg)));
    }

    // Raises CPython's exception for a liblzma error code; returns for the success codes.
    void check_lzma(lzma_ret ret)
    {
        switch (ret) {
        case LZMA_OK:
        case LZMA_GET_CHECK:
        case LZMA_NO_CHECK:
        case LZMA_STREAM_END:
            return;
        case LZMA_UNSUPPORTED_CHECK:
            lzma_raise("Unsupported integrity check");
        case LZMA_MEM_ERROR:
            raise_value(py_call0(Value(&exc::MemoryError)));
        case LZMA_MEMLIMIT_ERROR:
            lzma_raise("Memory usage limit exceeded");
        case LZMA_FORMAT_ERROR:
            lzma_raise("Input format not supported by decoder");
        case LZMA_OPTIONS_ERROR:
            lzma_raise("Invalid or unsupported options");
        case LZMA_DATA_ERROR:
            lzma_raise("Corrupt input data");
        case LZMA_BUF_ERROR:
            lzma_raise("Insufficient buffer space");
        case LZMA_PROG_ERROR:
            lzma_raise("Internal error");
        default: {
            char buf[64];
            snprintf(buf, sizeof buf, "Unrecognized error from liblzma: %d", static_cast<int>(ret));
            lzma_raise(buf);
        }
        }
    }

    // PyLong_AsUnsignedLongLong: ints only (no __index__), with CPython's messages.
    uint64_t u64_arg(Value v)
    {
        if (!is_int(v))
            raise(&exc::TypeError, "an integer is required");
        if (int_sign(v) < 0)
            raise(&exc::OverflowError, "can't convert negative int to unsigned");
        int64_t x;
        if (int_to_i64(v, &x))
            return static_cast<uint64_t>(x);
        int64_t hi;
        if (!int_to_i64(py_binary_op(v, Value::small_int(32), NB_RSHIFT), &hi) || hi > 0xffffffffll)
            raise(&exc::OverflowError, "int too big to convert");
        int64_t lo = 0;
        int_to_i64(py_binary_op(v, int_from_i64(0xffffffffll), NB_AND), &lo);
        return (static_cast<uint64_t>(hi) << 32) | static_cast<uint64_t>(lo);
    }

    uint32_t u32_arg(Value v)
    {
        uint64_t x = u64_arg(v);
        if (x > UINT32_MAX)
            raise(&exc::OverflowError, "Value too large for uint32_t type");
        return static_cast<uint32_t>(x);
    }

    // A C int argument ("i" format).
    int int_arg(Value v, int dflt)
    {
        if (!v)
            return dflt;
        int64_t x = py_index_i64(v);
        if (x > INT_MAX)
            raise(&exc::OverflowError, "signed integer is greater than maximum");
        if (x < INT_MIN)
            raise(&exc::OverflowError, "signed integer is less than minimum");
        return static_cast<int>(x);
    }

    // --- filter specifiers
    // ---------------------------------------------------------------------------

    // A filter chain terminated by LZMA_VLI_UNKNOWN; owns the options (malloc'ed, as liblzma's).
    struct FilterChain {
        lzma_filter f[LZMA_FILTERS_MAX + 1];
        FilterChain()
        {
            for (auto& x : f)
                x = lzma_filter { LZMA_VLI_UNKNOWN, nullptr };
        }
        ~FilterChain()
        {
            for (auto& x : f)
                free(x.options);
        }
        FilterChain(FilterChain const&) = delete;
        FilterChain& operator=(FilterChain const&) = delete;
    };

    // The entries of a filter specifier besides "id", as PyArg_ParseTupleAndKeywords would take
    // them: [names] lists the accepted keys; any problem (not a dict, an unknown key, a bad value)
    // raises ValueError [msg], as CPython replaces the parser's error.
    template <typename F>
    void parse_spec_keys(
        Value spec, std::initializer_list<char const*> names, char const* msg, F&& set)
    {
        try {
            if (!is_dict(spec))
                raise(&exc::TypeError, "not a dict");
            DictObject* d = spec.as<DictObject>();
            int64_t pos = 0;
            Value k, v;
            while (dict_next(d, &pos, &k, &v)) {
                if (!is_str(k))
                    raise(&exc::TypeError, "keywords must be strings");
                std::string key = str_utf8(k);
                bool known = false;
                for (char const* n : names)
                    known = known || key == n;
                if (!known)
                    raise(&exc::TypeError, "unexpected keyword");
                if (key != "id" && key != "preset")
                    set(key, v);
            }
        } catch (PyError&) {
            take_exception();
            raise(&exc::ValueError, "%s", msg);
        }
    }

    void* parse_lzma_options(Value spec)
    {
        uint32_t preset = LZMA_PRESET_DEFAULT;
        Value p;
        try {
            p = py_getitem(spec, str_from_ascii("preset"));
        } catch (PyError&) {
            if (!exception_matches(&exc::KeyError))
                throw;
            take_exception();
        }
        if (p)
            preset = u32_arg(p);
        auto* o = static_cast<lzma_options_lzma*>(calloc(1, sizeof(lzma_options_lzma)));
        if (lzma_lzma_preset(o, preset)) {
            free(o);
            char buf[64];
            snprintf(buf, sizeof buf, "Invalid compression preset: %u", preset);
            lzma_raise(buf);
        }
        try {
            parse_spec_keys(spec,
                { "id", "preset", "dict_size", "lc", "lp", "pb", "mode", "nice_len", "mf",
                    "depth" },
                "Invalid filter specifier for LZMA filter", [o](std::string const& k, Value v) {
                    // Like CPython, mode and mf are passed on unchecked: liblzma rejects bad ones.
                    if (k == "mode") {
                        o->mode = static_cast<lzma_mode>(u32_arg(v));
                    } else if (k == "mf") {
                        o->mf = static_cast<lzma_match_finder>(u32_arg(v));
                    } else {
                        uint32_t x = u32_arg(v);
                        if (k == "dict_size")
                            o->dict_size = x;
                        else if (k == "lc")
                            o->lc = x;
                        else if (k == "lp")
                            o->lp = x;
                        else if (k == "pb")
                            o->pb = x;
                        else if (k == "nice_len")
                            o->nice_len = x;
                        else
                            o->depth = x;
                    }
                });
        } catch (PyError&) {
            free(o);
            throw;
        }
        return o;
    }

    void* parse_delta_options(Value spec)
    {
        uint32_t dist = 1;
        parse_spec_keys(spec, { "id", "dist" }, "Invalid filter specifier for delta filter",
            [&dist](std::string const&, Value v) { dist = u32_arg(v); });
        auto* o = static_cast<lzma_options_delta*>(calloc(1, sizeof(lzma_options_delta)));
        o->type = LZMA_DELTA_TYPE_BYTE;
        o->dist = dist;
        return o;
    }

    void* parse_bcj_options(Value spec)
    {
        uint32_t start = 0;
        parse_spec_keys(spec, { "id", "start_offset" }, "Invalid filter specifier for BCJ filter",
            [&start](std::string const&, Value v) { start = u32_arg(v); });
        auto* o = static_cast<lzma_options_bcj*>(calloc(1, sizeof(lzma_options_bcj)));
        o->start_offset = start;
        return o;
    }

    bool is_bcj(lzma_vli id)
    {
        return id == LZMA_FILTER_X86 || id == LZMA_FILTER_POWERPC || id == LZMA_FILTER_IA64
            || id == LZMA_FILTER_ARM || id == LZMA_FILTER_ARMTHUMB || id == LZMA_FILTER_SPARC;
    }

    // One filter specifier (a dict with an "id" entry) into [f].
    void parse_filter(Value spec, lzma_filter* f)
    {
        // PyMapping_Check: anything with __getitem__ other than a sequence-only type.
        if (!is_dict(spec) && !type_lookup(type_of(spec), intern("__getitem__")))
            raise(&exc::TypeError, "Filter specifier must be a dict or dict-like object");
        Value id;
        try {
            id = py_getitem(spec, str_from_ascii("id"));
        } catch (PyError&) {
            if (!exception_matches(&exc::KeyError))
                throw;
            take_exception();
            raise(&exc::ValueError, "Filter specifier must have an \"id\" entry");
        }
        f->id = u64_arg(id);
        if (f->id == LZMA_FILTER_LZMA1 || f->id == LZMA_FILTER_LZMA2)
            f->options = parse_lzma_options(spec);
        else if (f->id == LZMA_FILTER_DELTA)
            f->options = parse_delta_options(spec);
        else if (is_bcj(f->id))
            f->options = parse_bcj_options(spec);
        else
            raise(&exc::ValueError, "Invalid filter ID: %llu",
                static_cast<unsigned long long>(f->id));
    }

    void parse_filter_chain(Value specs, FilterChain& chain)
    {
        // PySequence_Length: a mapping is not a sequence.
        if (is_dict(specs))
            raise(&exc::TypeError, "%s is not a sequence", type_of(specs)->m_tp_name);
        int64_t n = py_len(specs);
        if (n > LZMA_FILTERS_MAX)
            raise(&exc::ValueError, "Too many filters - liblzma supports a maximum of %d",
                LZMA_FILTERS_MAX);
        for (int64_t i = 0; i < n; i++) {
            Value spec = py_getitem(specs, int_from_i64(i));
            parse_filter(spec, &chain.f[i]);
        }
    }

    // The dict that describes filter [f] (only the fields its properties encode).
    Value build_filter_spec(lzma_filter const& f)
    {
        DictObject* d = dict_new();
        dict_set_cstr(d, "id", int_from_u64(f.id));
        auto put = [d](char const* k, uint32_t v) { dict_set_cstr(d, k, int_from_u64(v)); };
        if (f.id == LZMA_FILTER_LZMA1) {
            auto* o = static_cast<lzma_options_lzma const*>(f.options);
            put("lc", o->lc);
            put("lp", o->lp);
            put("pb", o->pb);
            put("dict_size", o->dict_size);
        } else if (f.id == LZMA_FILTER_LZMA2) {
            put("dict_size", static_cast<lzma_options_lzma const*>(f.options)->dict_size);
        } else if (f.id == LZMA_FILTER_DELTA) {
            put("dist", static_cast<lzma_options_delta const*>(f.options)->dist);
        } else if (is_bcj(f.id)) {
            if (f.options)
                put("start_offset", static_cast<lzma_options_bcj const*>(f.options)->start_offset);
        } else {
            raise(
                &exc::ValueError, "Invalid filter ID: %llu", static_cast<unsigned long long>(f.id));
        }
        return d;
    }

    // --- the stream objects
    // --------------------------------------------------------------------------

    struct LzmaObject : Object {
        lzma_stream* m_lzs = nullptr;
        bool m_ready = false;
        bool m_done = false; // compressor: flushed; decompressor: end of stream reached
        bool m_needs_input = true;
        int m_check = k_check_unknown;
        std::string* m_pending = nullptr; // decompressor: input not yet consumed
        Value m_unused_data; // bytes
        explicit LzmaObject(Type* t)
            : Object(t)
        {
        }
    };

    void lzma_trace(Object* o, gc::Tracer& t)
    {
        t.visit(static_cast<LzmaObject*>(o)->m_unused_data);
    }

    void lzma_reset(LzmaObject* z)
    {
        if (z->m_ready)
            lzma_end(z->m_lzs);
        z->m_ready = false;
        *z->m_lzs = LZMA_STREAM_INIT;
    }

    void lzma_destroy(Object* o)
    {
        auto* z = static_cast<LzmaObject*>(o);
        if (z->m_lzs) {
            if (z->m_ready)
                lzma_end(z->m_lzs);
            delete z->m_lzs;
            z->m_lzs = nullptr;
        }
        delete z->m_pending;
        z->m_pending = nullptr;
    }

    LzmaObject* as_lzma(Value v, Type* t)
    {
        if (!isinstance(v, t))
            raise(&exc::TypeError, "descriptor requires a '%s' object", t->m_tp_name);
        return v.as<LzmaObject>();
    }

    Value lzma_alloc(Value const* args, size_t nargs, Type* dflt)
    {
        Type* t = nargs && is_type(args[0]) ? args[0].as<Type>() : dflt;
        auto* z = gc::make<LzmaObject>(t);
        z->m_lzs = new lzma_stream(LZMA_STREAM_INIT);
        z->m_unused_data = bytes_new("");
        return z;
    }

    Value comp_new(Value, Value const* args, size_t nargs, TupleObject*)
    {
        return lzma_alloc(args, nargs, &compressor_type);
    }

    Value comp_init(Value self, Value const* args, size_t nargs, TupleObject* kw)
    {
        Value a[4];
        parse_args(
            "LZMACompressor", args, nargs, kw, { "format", "check", "preset", "filters" }, 0, a);
        int format = int_arg(a[0], FORMAT_XZ);
        int check = int_arg(a[1], -1);
        Value preset_obj = a[2] ? a[2] : none();
        Value filters = a[3] ? a[3] : none();
        if (format != FORMAT_XZ && check != -1 && check != LZMA_CHECK_NONE)
            raise(&exc::ValueError, "Integrity checks are only supported by FORMAT_XZ");
        if (!is_none(preset_obj) && !is_none(filters))
            raise(&exc::ValueError, "Cannot specify both preset and filter chain");
        uint32_t preset = LZMA_PRESET_DEFAULT;
        if (!is_none(preset_obj))
            preset = u32_arg(preset_obj);
        LzmaObject* z = as_lzma(self, &compressor_type);
        write_barrier(z);
        lzma_reset(z);
        z->m_done = false;
        lzma_stream* s = z->m_lzs;
        lzma_ret ret = LZMA_OK;
        switch (format) {
        case FORMAT_XZ:
            if (check == -1)
                check = LZMA_CHECK_CRC64;
            if (is_none(filters)) {
                ret = lzma_easy_encoder(s, preset, static_cast<lzma_check>(check));
            } else {
                FilterChain chain;
                parse_filter_chain(filters, chain);
                ret = lzma_stream_encoder(s, chain.f, static_cast<lzma_check>(check));
            }
            break;
        case FORMAT_ALONE:
            if (is_none(filters)) {
                lzma_options_lzma options;
                if (lzma_lzma_preset(&options, preset)) {
                    char buf[64];
                    snprintf(buf, sizeof buf, "Invalid compression preset: %u", preset);
                    lzma_raise(buf);
                }
                ret = lzma_alone_encoder(s, &options);
            } else {
                FilterChain chain;
                parse_filter_chain(filters, chain);
                if (chain.f[0].id != LZMA_FILTER_LZMA1 || chain.f[1].id != LZMA_VLI_UNKNOWN)
                    raise(&exc::ValueError,
                        "Invalid filter chain for FORMAT_ALONE - must be a single LZMA1 filter");
                ret = lzma_alone_encoder(s, static_cast<lzma_options_lzma*>(chain.f[0].options));
            }
            break;
        case FORMAT_RAW: {
            if (is_none(filters))
                raise(&exc::ValueError, "Must specify filters for FORMAT_RAW");
            FilterChain chain;
            parse_filter_chain(filters, chain);
            ret = lzma_raw_encoder(s, chain.f);
            break;
        }
        default:
            raise(&exc::ValueError, "Invalid container format: %d", format);
        }
        // liblzma leaves the stream usable for lzma_end even when the set-up failed.
        z->m_ready = true;
        check_lzma(ret);
        return none();
    }

    std::string compress_data(LzmaObject* z, std::string_view in, lzma_action action)
    {
        lzma_stream& s = *z->m_lzs;
        std::string out(k_initial_out, '\0');
        s.next_in = reinterpret_cast<uint8_t const*>(in.data());
        s.avail_in = in.size();
        s.next_out = reinterpret_cast<uint8_t*>(out.data());
        s.avail_out = out.size();
        for (;;) {
            lzma_ret ret = lzma_code(&s, action);
            if (ret == LZMA_BUF_ERROR && in.empty() && s.avail_out > 0)
                ret = LZMA_OK; // nothing to do: not an error
            check_lzma(ret);
            if ((action == LZMA_RUN && s.avail_in == 0)
                || (action == LZMA_FINISH && ret == LZMA_STREAM_END))
                break;
            if (s.avail_out == 0) {
                size_t used = out.size();
                out.resize(used * 2);
                s.next_out = reinterpret_cast<uint8_t*>(out.data() + used);
                s.avail_out = out.size() - used;
            }
        }
        out.resize(static_cast<size_t>(reinterpret_cast<char*>(s.next_out) - out.data()));
        s.next_in = nullptr;
        s.avail_in = 0;
        return out;
    }

    Value comp_compress(Value self, Value const* args, size_t nargs, TupleObject* kw)
    {
        check_nargs("compress", nargs, kw, 1, 1);
        std::string tmp;
        std::string_view in = need_buffer(args[0], tmp);
        LzmaObject* z = as_lzma(self, &compressor_type);
        read_barrier(z);
        if (z->m_done)
            raise(&exc::ValueError, "Compressor has been flushed");
        if (!z->m_ready)
            raise(&exc::ValueError, "Compressor is not initialized");
        write_barrier(z);
        return bytes_new(compress_data(z, in, LZMA_RUN));
    }

    Value comp_flush(Value self, Value const*, size_t nargs, TupleObject* kw)
    {
        check_nargs("flush", nargs, kw, 0, 0);
        LzmaObject* z = as_lzma(self, &compressor_type);
        read_barrier(z);
        if (z->m_done)
            raise(&exc::ValueError, "Repeated call to flush()");
        if (!z->m_ready)
            raise(&exc::ValueError, "Compressor is not initialized");
        write_barrier(z);
        z->m_done = true;
        return bytes_new(compress_data(z, std::string_view(), LZMA_FINISH));
    }

    Value decomp_new(Value, Value const* args, size_t nargs, TupleObject*)
    {
        return lzma_alloc(args, nargs, &decompressor_type);
    }

    Value decomp_init(Value self, Value const* args, size_t nargs, TupleObject* kw)
    {
        Value a[3];
        parse_args("LZMADecompressor", args, nargs, kw, { "format", "memlimit", "filters" }, 0, a);
        int format = int_arg(a[0], FORMAT_AUTO);
        Value memlimit = a[1] ? a[1] : none();
        Value filters = a[2] ? a[2] : none();
        uint64_t limit = UINT64_MAX;
        if (!is_none(memlimit) && format == FORMAT_RAW)
            raise(&exc::ValueError, "Cannot specify memory limit with FORMAT_RAW");
        if (!is_none(memlimit))
            limit = u64_arg(memlimit);
        if (format == FORMAT_RAW && is_none(filters))
            raise(&exc::ValueError, "Must specify filters for FORMAT_RAW");
        if (format != FORMAT_RAW && !is_none(filters))
            raise(&exc::ValueError, "Cannot specify filters except with FORMAT_RAW");
        LzmaObject* z = as_lzma(self, &decompressor_type);
        write_barrier(z);
        lzma_reset(z);
        z->m_done = false;
        z->m_check = k_check_unknown;
        z->m_needs_input = true;
        z->m_unused_data = bytes_new("");
        delete z->m_pending;
        z->m_pending = nullptr;
        uint32_t const flags = LZMA_TELL_ANY_CHECK | LZMA_TELL_NO_CHECK;
        lzma_ret ret = LZMA_OK;
        switch (format) {
        case FORMAT_AUTO:
            ret = lzma_auto_decoder(z->m_lzs, limit, flags);
            break;
        case FORMAT_XZ:
            ret = lzma_stream_decoder(z->m_lzs, limit, flags);
            break;
        case FORMAT_ALONE:
            z->m_check = LZMA_CHECK_NONE;
            ret = lzma_alone_decoder(z->m_lzs, limit);
            break;
        case FORMAT_RAW: {
            z->m_check = LZMA_CHECK_NONE;
            FilterChain chain;
            parse_filter_chain(filters, chain);
            ret = lzma_raw_decoder(z->m_lzs, chain.f);
            break;
        }
        default:
            raise(&exc::ValueError, "Invalid container format: %d", format);
        }
        z->m_ready = true;
        check_lzma(ret);
        return none();
    }

    Value decomp_decompress(Value self, Value const* args, size_t nargs, TupleObject* kw)
    {
        Value a[2];
        parse_args("decompress", args, nargs, kw, { "data", "max_length" }, 1, a);
        std::string tmp;
        std::string_view data = need_buffer(a[0], tmp);
        int64_t max_length = a[1] ? py_index_i64(a[1]) : -1;
        LzmaObject* z = as_lzma(self, &decompressor_type);
        read_barrier(z);
        if (z->m_done)
            raise(&exc::EOFError, "Already at end of stream");
        if (!z->m_ready)
            raise(&exc::ValueError, "Decompressor is not initialized");
        write_barrier(z);
        // Input left over from the previous call comes first.
        std::string input;
        std::string_view in = join_pending(z->m_pending, data, input);
        lzma_stream& s = *z->m_lzs;
        s.next_in = reinterpret_cast<uint8_t const*>(in.data());
        s.avail_in = in.size();
        size_t limit = max_length < 0 ? SIZE_MAX : static_cast<size_t>(max_length);
        std::string out(std::min(k_initial_out, limit), '\0');
        s.next_out = reinterpret_cast<uint8_t*>(out.data());
        s.avail_out = out.size();
        for (;;) {
            lzma_ret ret = lzma_code(&s, LZMA_RUN);
            if (ret == LZMA_BUF_ERROR && s.avail_in == 0 && s.avail_out > 0)
                ret = LZMA_OK; // no progress possible without more input: not an error
            if (ret != LZMA_OK && ret != LZMA_GET_CHECK && ret != LZMA_NO_CHECK
                && ret != LZMA_STREAM_END) {
                s.next_in = nullptr;
                s.avail_in = 0;
            }
            check_lzma(ret);
            if (ret == LZMA_GET_CHECK || ret == LZMA_NO_CHECK)
                z->m_check = lzma_get_check(&s);
            if (ret == LZMA_STREAM_END) {
                z->m_done = true;
                break;
            }
            if (s.avail_out == 0) {
                // Checked before avail_in: liblzma may still hold output for the next call.
                size_t used = out.size();
                if (used == limit)
                    break;
                out.resize(std::min(limit, used * 2));
                s.next_out = reinterpret_cast<uint8_t*>(out.data() + used);
                s.avail_out = out.size() - used;
            } else if (s.avail_in == 0) {
                break;
            }
        }
        out.resize(static_cast<size_t>(reinterpret_cast<char*>(s.next_out) - out.data()));
        std::string_view rest(reinterpret_cast<char const*>(s.next_in), s.avail_in);
        // With the output full, liblzma may hold more output without needing input.
        keep_unconsumed(
            rest, z->m_done, s.avail_out == 0, z->m_needs_input, z->m_unused_data, z->m_pending);
        s.next_in = nullptr;
        s.avail_in = 0;
        return bytes_new(out);
    }

    Value decomp_check(Value self)
    {
        LzmaObject* z = as_lzma(self, &decompressor_type);
        read_barrier(z);
        return Value::small_int(z->m_check);
    }
    Value decomp_eof(Value self)
    {
        LzmaObject* z = as_lzma(self, &decompressor_type);
        read_barrier(z);
        return py_bool(z->m_done);
    }
    Value decomp_unused_data(Value self)
    {
        LzmaObject* z = as_lzma(self, &decompressor_type);
        read_barrier(z);
        return z->m_unused_data;
    }
    Value decomp_needs_input(Value self)
    {
        LzmaObject* z = as_lzma(self, &decompressor_type);
        read_barrier(z);
        return py_bool(z->m_needs_input);
    }

    Value no_pickle(Value self, Value const*, size_t, TupleObject*)
    {
        raise(&exc::TypeError, "cannot pickle '%s' object", self.as_object()->m_type->m_tp_name);
    }

    // --- module functions
    // ----------------------------------------------------------------------------

    Value m_is_check_supported(Value, Value const* args, size_t nargs, TupleObject* kw)
    {
        check_nargs("is_check_supported", nargs, kw, 1, 1);
        int id = int_arg(args[0], 0);
        return py_bool(lzma_check_is_supported(static_cast<lzma_check>(id)));
    }

    Value m_encode_filter_properties(Value, Value const* args, size_t nargs, TupleObject* kw)
    {
        check_nargs("_encode_filter_properties", nargs, kw, 1, 1);
        FilterChain chain;
        parse_filter(args[0], &chain.f[0]);
        uint32_t size = 0;
        check_lzma(lzma_properties_size(&size, &chain.f[0]));
        std::string out(size, '\0');
        check_lzma(lzma_properties_encode(&chain.f[0], reinterpret_cast<uint8_t*>(out.data())));
        return bytes_new(out);
    }

    Value m_decode_filter_properties(Value, Value const* args, size_t nargs, TupleObject* kw)
    {
        check_nargs("_decode_filter_properties", nargs, kw, 2, 2);
        FilterChain chain;
        chain.f[0].id = u64_arg(args[0]);
        if (chain.f[0].id > LZMA_VLI_MAX && chain.f[0].id != LZMA_VLI_UNKNOWN)
            raise(&exc::OverflowError, "Value too large for lzma_vli type");
        std::string tmp;
        std::string_view props = need_buffer(args[1], tmp);
        lzma_ret ret = lzma_properties_decode(
            &chain.f[0], nullptr, reinterpret_cast<uint8_t const*>(props.data()), props.size());
        check_lzma(ret);
        return build_filter_spec(chain.f[0]);
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
    MethodDef const lzma_functions[] = {
        { "is_check_supported", m_is_check_supported },
        { "_encode_filter_properties", m_encode_filter_properties },
        { "_decode_filter_properties", m_decode_filter_properties },
        { nullptr, nullptr },
    };

} // namespace

void setup_lzma_types()
{
    init_static_type(&compressor_type, "_lzma.LZMACompressor", nullptr, sizeof(LzmaObject), 0,
        lzma_trace, lzma_destroy);
    init_static_type(&decompressor_type, "_lzma.LZMADecompressor", nullptr, sizeof(LzmaObject), 0,
        lzma_trace, lzma_destroy);
}

void init_lzma_types()
{
    add_methods(&compressor_type, compressor_methods);
    add_methods(&decompressor_type, decompressor_methods);
    add_member(&decompressor_type, "check", decomp_check,
        "ID of the integrity check used by the input stream.");
    add_member(&decompressor_type, "eof", decomp_eof,
        "True if the end-of-stream marker has been reached.");
    add_member(&decompressor_type, "unused_data", decomp_unused_data,
        "Data found after the end of the compressed stream.");
    add_member(&decompressor_type, "needs_input", decomp_needs_input,
        "True if more input is needed before more decompressed data can be produced.");
}

ModuleObject* init_lzma_module()
{
    ModuleObject* m = module_new("_lzma");
    for (MethodDef const* d = lzma_functions; d->name; d++)
        dict_set_cstr(m->m_dict, d->name, builtin_function_new(d, m));
    if (!s_error) {
        DictObject* ns = dict_new();
        dict_set_str(ns, names::__module__, str_from_ascii("_lzma"));
        dict_set_cstr(ns, "__doc__", str_from_ascii("Call to liblzma failed."));
        s_error = type_new(
            &type_type, intern("LZMAError"), tuple_of({ Value(&exc::Exception) }), ns, nullptr);
        gc::add_root(&s_error);
    }
    dict_set_cstr(m->m_dict, "LZMAError", s_error);
    dict_set_cstr(m->m_dict, "LZMACompressor", Value(&compressor_type));
    dict_set_cstr(m->m_dict, "LZMADecompressor", Value(&decompressor_type));
    struct {
        char const* name;
        uint64_t value;
    } const consts[] = {
        { "FORMAT_AUTO", FORMAT_AUTO },
        { "FORMAT_XZ", FORMAT_XZ },
        { "FORMAT_ALONE", FORMAT_ALONE },
        { "FORMAT_RAW", FORMAT_RAW },
        { "CHECK_NONE", LZMA_CHECK_NONE },
        { "CHECK_CRC32", LZMA_CHECK_CRC32 },
        { "CHECK_CRC64", LZMA_CHECK_CRC64 },
        { "CHECK_SHA256", LZMA_CHECK_SHA256 },
        { "CHECK_ID_MAX", LZMA_CHECK_ID_MAX },
        { "CHECK_UNKNOWN", k_check_unknown },
        { "FILTER_LZMA1", LZMA_FILTER_LZMA1 },
        { "FILTER_LZMA2", LZMA_FILTER_LZMA2 },
        { "FILTER_DELTA", LZMA_FILTER_DELTA },
        { "FILTER_X86", LZMA_FILTER_X86 },
        { "FILTER_IA64", LZMA_FILTER_IA64 },
        { "FILTER_ARM", LZMA_FILTER_ARM },
        { "FILTER_ARMTHUMB", LZMA_FILTER_ARMTHUMB },
        { "FILTER_SPARC", LZMA_FILTER_SPARC },
        { "FILTER_POWERPC", LZMA_FILTER_POWERPC },
        { "MF_HC3", LZMA_MF_HC3 },
        { "MF_HC4", LZMA_MF_HC4 },
        { "MF_BT2", LZMA_MF_BT2 },
        { "MF_BT3", LZMA_MF_BT3 },
        { "MF_BT4", LZMA_MF_BT4 },
        { "MODE_FAST", LZMA_MODE_FAST },
        { "MODE_NORMAL", LZMA_MODE_NORMAL },
        { "PRESET_DEFAULT", LZMA_PRESET_DEFAULT },
        { "PRESET_EXTREME", LZMA_PRESET_EXTREME },
    };
    for (auto const& c : consts)
        dict_set_cstr(m->m_dict, c.name, int_from_u64(c.value));
    return m;
}

} // namespace pystm

// The _hashlib module (hash objects backed by OpenSSL's libcrypto: new, openssl_<name>, HASH and
// HASHXOF, HMAC, hmac_new/hmac_digest, pbkdf2_hmac, scrypt, compare_digest) and the _blake2 module
// (blake2b and blake2s with key, salt, personalisation and tree parameters, RFC 7693), which
// hashlib.py imports for blake2 instead of OpenSSL's fixed-size variants.
//
// Invariants: a hash object's OpenSSL context (C++-owned, freed by the type's m_destroy) and a
// BLAKE2 state are mutated only after write_barrier on their object, and read (digests are
// computed on a copy, so the object can keep being updated) after read_barrier.
#include "gc/heap.h"
#include "modules/builtin_modules.h"
#include "objects/api.h"
#include "objects/buffer_arg.h"
#include "objects/bytes_internal.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/int_object.h"
#include "objects/set_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "objects/undo.h"
#include <cstring>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/params.h>
#include <string>

namespace pystm {

extern Type memoryview_type; // modules/io_memoryview.cpp

void setup_hashlib_types();
void init_hashlib_types();
ModuleObject* init_hashlib_module();
ModuleObject* init_blake2_module();

namespace {

Type hash_type { &type_type };
Type hashxof_type { &type_type };
Type hmac_type { &type_type };
Type blake2b_type { &type_type };
Type blake2s_type { &type_type };
Value s_unsupported; // _hashlib.UnsupportedDigestmodError (a root)

// The bytes of a buffer argument, with hashlib's messages for str and non-buffers.
std::string_view hash_buffer(Value v, std::string& tmp)
{
    if (is_str(v))
        raise(&exc::TypeError, "Strings must be encoded before hashing");
    std::string_view out;
    if (buffer_like(v, tmp, &out))
        return out;
    raise(&exc::TypeError, "object supporting the buffer API required");
}

// A bytes-like argument with the generic message ("a bytes-like object is required, not 'str'").
std::string_view any_buffer(Value v, std::string& tmp)
{
    return need_buffer(v, tmp);
}

StrObject* hex_of(std::string_view d)
{
    static char const hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(d.size() * 2);
    for (unsigned char c : d) {
        out.push_back(hex[c >> 4]);
        out.push_back(hex[c & 15]);
    }
    return str_from_ascii(out);
}

[[noreturn]] void raise_openssl(Type* fallback)
{
    unsigned long e = ERR_peek_last_error();
    ERR_clear_error();
    char const* lib = e ? ERR_lib_error_string(e) : nullptr;
    char const* reason = e ? ERR_reason_error_string(e) : nullptr;
    std::string msg;
    if (lib && reason)
        msg = std::string("[") + lib + "] " + reason;
    else if (reason)
        msg = reason;
    else
        msg = "unknown reasons";
    if (!fallback)
        raise_value(py_call1(s_unsupported, str_from_utf8(msg)));
    raise(fallback, "%s", msg.c_str());
}

// --- digest names ------------------------------------------------------------------------------

struct NameMap {
    char const* py;
    char const* ossl;
};
// Python names whose OpenSSL spelling differs.
constexpr NameMap k_names[] = {
    { "sha512_224", "sha512-224" }, { "sha512_256", "sha512-256" }, { "sha3_224", "sha3-224" },
    { "sha3_256", "sha3-256" }, { "sha3_384", "sha3-384" }, { "sha3_512", "sha3-512" },
    { "shake_128", "shake128" }, { "shake_256", "shake256" }, { "blake2s", "blake2s256" },
    { "blake2b", "blake2b512" },
};

EVP_MD const* digest_by_name(std::string const& name)
{
    char const* ossl = name.c_str();
    for (NameMap const& n : k_names)
        if (name == n.py)
            ossl = n.ossl;
    EVP_MD const* md = EVP_get_digestbyname(ossl);
    if (!md) {
        ERR_clear_error();
        raise_value(py_call1(s_unsupported, str_from_ascii("unsupported hash type " + name)));
    }
    return md;
}

std::string py_name_of(EVP_MD const* md)
{
    int nid = EVP_MD_type(md);
    switch (nid) {
    case NID_md5: return "md5";
    case NID_sha1: return "sha1";
    case NID_sha224: return "sha224";
    case NID_sha256: return "sha256";
    case NID_sha384: return "sha384";
    case NID_sha512: return "sha512";
    case NID_sha512_224: return "sha512_224";
    case NID_sha512_256: return "sha512_256";
    case NID_sha3_224: return "sha3_224";
    case NID_sha3_256: return "sha3_256";
    case NID_sha3_384: return "sha3_384";
    case NID_sha3_512: return "sha3_512";
    case NID_shake128: return "shake_128";
    case NID_shake256: return "shake_256";
    case NID_blake2s256: return "blake2s";
    case NID_blake2b512: return "blake2b";
    default: break;
    }
    char const* sn = OBJ_nid2ln(nid);
    std::string s = sn ? sn : "unknown";
    for (char& c : s)
        c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
    return s;
}

EVP_MD const* digest_from_arg(Value v, char const* what)
{
    if (is_str(v))
        return digest_by_name(str_utf8(v));
    // hmac passes a constructor such as hashlib.sha256 (an openssl_* builtin): use its name.
    if (v.is_object() && v.as_object()->m_type == &builtin_function_type) {
        std::string n = str_utf8(v.as<BuiltinFunction>()->m_name);
        if (n.rfind("openssl_", 0) == 0)
            return digest_by_name(n.substr(8));
    }
    raise_value(py_call1(s_unsupported, str_from_ascii(std::string("Unsupported digestmod ") + repr_utf8(v))));
}

// --- HASH / HASHXOF ------------------------------------------------------------------------------

struct HashObject : Object {
    EVP_MD_CTX* m_ctx = nullptr;
    explicit HashObject(Type* t) : Object(t) { }
};

void hash_destroy(Object* o)
{
    auto* h = static_cast<HashObject*>(o);
    if (h->m_ctx)
        EVP_MD_CTX_free(h->m_ctx);
    h->m_ctx = nullptr;
}

HashObject* as_hash(Value v) { return v.as<HashObject>(); }

HashObject* hash_make(EVP_MD const* md)
{
    bool xof = EVP_MD_flags(md) & EVP_MD_FLAG_XOF;
    auto* h = gc::make<HashObject>(xof ? &hashxof_type : &hash_type);
    h->m_ctx = EVP_MD_CTX_new();
    if (!h->m_ctx)
        raise_memory_error();
    if (!EVP_DigestInit_ex(h->m_ctx, md, nullptr))
        raise_openssl(&exc::ValueError);
    return h;
}

void hash_update(HashObject* h, std::string_view data)
{
    write_barrier(h);
    if (!EVP_DigestUpdate(h->m_ctx, data.data(), data.size()))
        raise_openssl(&exc::ValueError);
}

// A copy of [h]'s context (the caller frees it).
EVP_MD_CTX* hash_ctx_copy(HashObject* h)
{
    read_barrier(h);
    EVP_MD_CTX* c = EVP_MD_CTX_new();
    if (!c)
        raise_memory_error();
    if (!EVP_MD_CTX_copy_ex(c, h->m_ctx)) {
        EVP_MD_CTX_free(c);
        raise_openssl(&exc::ValueError);
    }
    return c;
}

std::string hash_digest(HashObject* h)
{
    EVP_MD_CTX* c = hash_ctx_copy(h);
    unsigned char buf[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    int ok = EVP_DigestFinal_ex(c, buf, &n);
    EVP_MD_CTX_free(c);
    if (!ok)
        raise_openssl(&exc::ValueError);
    return std::string(reinterpret_cast<char*>(buf), n);
}

std::string hash_xof_digest(HashObject* h, Value length)
{
    int64_t n = py_index_i64(length);
    if (n < 0)
        raise(&exc::ValueError, "length must be non-negative");
    if (n == 0)
        return std::string();
    EVP_MD_CTX* c = hash_ctx_copy(h);
    std::string out(static_cast<size_t>(n), '\0');
    int ok = EVP_DigestFinalXOF(c, reinterpret_cast<unsigned char*>(out.data()), out.size());
    EVP_MD_CTX_free(c);
    if (!ok)
        raise_openssl(&exc::ValueError);
    return out;
}

Value make_hash(EVP_MD const* md, Value data)
{
    HashObject* h = hash_make(md);
    if (data) {
        std::string tmp;
        hash_update(h, hash_buffer(data, tmp));
    }
    return h;
}

Value hl_new(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[3];
    parse_args("new", args, nargs, kw, { "name", "string", "*", "usedforsecurity" }, 1, a);
    if (!is_str(a[0]))
        raise(&exc::TypeError, "new() argument 'name' must be str, not %s", type_name(a[0]).c_str());
    return make_hash(digest_by_name(str_utf8(a[0])), a[1]);
}

template <char const* Name>
Value hl_named(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[2];
    std::string fname = std::string("openssl_") + Name;
    parse_args(fname.c_str(), args, nargs, kw, { "string", "*", "usedforsecurity" }, 0, a);
    return make_hash(digest_by_name(Name), a[0]);
}

Value hash_update_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("update", nargs, kw, 1, 1);
    std::string tmp;
    hash_update(as_hash(self), hash_buffer(args[0], tmp));
    return none();
}
Value hash_digest_m(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("digest", nargs, kw, 0, 0);
    return bytes_new(hash_digest(as_hash(self)));
}
Value hash_hexdigest_m(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("hexdigest", nargs, kw, 0, 0);
    return hex_of(hash_digest(as_hash(self)));
}
Value xof_digest_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[1];
    parse_args("digest", args, nargs, kw, { "length" }, 1, a);
    return bytes_new(hash_xof_digest(as_hash(self), a[0]));
}
Value xof_hexdigest_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[1];
    parse_args("hexdigest", args, nargs, kw, { "length" }, 1, a);
    return hex_of(hash_xof_digest(as_hash(self), a[0]));
}
Value hash_copy_m(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("copy", nargs, kw, 0, 0);
    HashObject* h = as_hash(self);
    EVP_MD_CTX* c = hash_ctx_copy(h);
    auto* out = gc::make<HashObject>(h->m_type);
    out->m_ctx = c;
    return out;
}
Value hash_repr(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__repr__", nargs, kw, 0, 0);
    HashObject* h = as_hash(self);
    char buf[160];
    snprintf(buf, sizeof buf, "<%s %s object @ %p>", py_name_of(EVP_MD_CTX_get0_md(h->m_ctx)).c_str(),
        h->m_type == &hashxof_type ? "_hashlib.HASHXOF" : "_hashlib.HASH", static_cast<void*>(h));
    return str_from_ascii(buf);
}
Value hash_name(Value self) { return str_from_ascii(py_name_of(EVP_MD_CTX_get0_md(as_hash(self)->m_ctx))); }
Value hash_digest_size(Value self)
{
    HashObject* h = as_hash(self);
    if (h->m_type == &hashxof_type)
        return Value::small_int(0);
    return Value::small_int(EVP_MD_get_size(EVP_MD_CTX_get0_md(h->m_ctx)));
}
Value hash_block_size(Value self) { return Value::small_int(EVP_MD_get_block_size(EVP_MD_CTX_get0_md(as_hash(self)->m_ctx))); }

Value no_new(Value, Value const* args, size_t nargs, TupleObject*)
{
    Type* t = nargs && is_type(args[0]) ? args[0].as<Type>() : &hash_type;
    raise(&exc::TypeError, "cannot create '%s' instances", t->m_tp_name ? t->m_tp_name : "_hashlib.HASH");
}

// --- HMAC ----------------------------------------------------------------------------------------

struct HmacObject : Object {
    EVP_MAC_CTX* m_ctx = nullptr;
    EVP_MD const* m_md = nullptr;
    explicit HmacObject(Type* t) : Object(t) { }
};

void hmac_destroy(Object* o)
{
    auto* h = static_cast<HmacObject*>(o);
    if (h->m_ctx)
        EVP_MAC_CTX_free(h->m_ctx);
    h->m_ctx = nullptr;
}

HmacObject* as_hmac(Value v) { return v.as<HmacObject>(); }

EVP_MAC* hmac_algorithm()
{
    static EVP_MAC* s_mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    if (!s_mac)
        raise_openssl(&exc::ValueError);
    return s_mac;
}

void hmac_update(HmacObject* h, std::string_view data)
{
    write_barrier(h);
    if (!EVP_MAC_update(h->m_ctx, reinterpret_cast<unsigned char const*>(data.data()), data.size()))
        raise_openssl(&exc::ValueError);
}

Value hl_hmac_new(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[3];
    parse_args("hmac_new", args, nargs, kw, { "key", "msg", "digestmod" }, 1, a);
    if (!a[2] || is_none(a[2]))
        raise(&exc::TypeError, "Missing required parameter 'digestmod'.");
    std::string ktmp;
    std::string_view key = any_buffer(a[0], ktmp);
    EVP_MD const* md = digest_from_arg(a[2], "hmac_new");
    auto* h = gc::make<HmacObject>(&hmac_type);
    h->m_ctx = EVP_MAC_CTX_new(hmac_algorithm());
    h->m_md = md;
    if (!h->m_ctx)
        raise_memory_error();
    std::string mdname = EVP_MD_get0_name(md);
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, mdname.data(), 0),
        OSSL_PARAM_construct_end(),
    };
    if (!EVP_MAC_init(h->m_ctx, reinterpret_cast<unsigned char const*>(key.data()), key.size(), params))
        raise_openssl(nullptr);
    if (a[1] && !is_none(a[1])) {
        std::string tmp;
        hmac_update(h, any_buffer(a[1], tmp));
    }
    return h;
}

std::string hmac_final(HmacObject* h)
{
    read_barrier(h);
    EVP_MAC_CTX* c = EVP_MAC_CTX_dup(h->m_ctx);
    if (!c)
        raise_openssl(&exc::ValueError);
    unsigned char buf[EVP_MAX_MD_SIZE];
    size_t n = 0;
    int ok = EVP_MAC_final(c, buf, &n, sizeof buf);
    EVP_MAC_CTX_free(c);
    if (!ok)
        raise_openssl(&exc::ValueError);
    return std::string(reinterpret_cast<char*>(buf), n);
}

Value hmac_update_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[1];
    parse_args("update", args, nargs, kw, { "msg" }, 1, a);
    std::string tmp;
    hmac_update(as_hmac(self), any_buffer(a[0], tmp));
    return none();
}
Value hmac_digest_m(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("digest", nargs, kw, 0, 0);
    return bytes_new(hmac_final(as_hmac(self)));
}
Value hmac_hexdigest_m(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("hexdigest", nargs, kw, 0, 0);
    return hex_of(hmac_final(as_hmac(self)));
}
Value hmac_copy_m(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("copy", nargs, kw, 0, 0);
    HmacObject* h = as_hmac(self);
    read_barrier(h);
    EVP_MAC_CTX* c = EVP_MAC_CTX_dup(h->m_ctx);
    if (!c)
        raise_openssl(&exc::ValueError);
    auto* out = gc::make<HmacObject>(&hmac_type);
    out->m_ctx = c;
    out->m_md = h->m_md;
    return out;
}
Value hmac_name(Value self) { return str_from_ascii("hmac-" + py_name_of(as_hmac(self)->m_md)); }
Value hmac_digest_size(Value self) { return Value::small_int(EVP_MD_get_size(as_hmac(self)->m_md)); }
Value hmac_block_size(Value self) { return Value::small_int(EVP_MD_get_block_size(as_hmac(self)->m_md)); }

Value hl_hmac_digest(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[3];
    parse_args("hmac_digest", args, nargs, kw, { "key", "msg", "digest" }, 3, a);
    std::string ktmp, mtmp;
    std::string_view key = any_buffer(a[0], ktmp);
    std::string_view msg = any_buffer(a[1], mtmp);
    EVP_MD const* md = digest_from_arg(a[2], "hmac_digest");
    std::string mdname = EVP_MD_get0_name(md);
    unsigned char buf[EVP_MAX_MD_SIZE];
    size_t n = 0;
    if (!EVP_Q_mac(nullptr, "HMAC", nullptr, mdname.c_str(), nullptr, key.data(), key.size(),
            reinterpret_cast<unsigned char const*>(msg.data()), msg.size(), buf, sizeof buf, &n))
        raise_openssl(nullptr);
    return bytes_new(std::string_view(reinterpret_cast<char*>(buf), n));
}

Value hl_pbkdf2_hmac(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[5];
    parse_args("pbkdf2_hmac", args, nargs, kw, { "hash_name", "password", "salt", "iterations", "dklen" }, 4, a);
    if (!is_str(a[0]))
        raise(&exc::TypeError, "pbkdf2_hmac() argument 'hash_name' must be str, not %s", type_name(a[0]).c_str());
    EVP_MD const* md = digest_by_name(str_utf8(a[0]));
    std::string ptmp, stmp;
    std::string_view pw = any_buffer(a[1], ptmp);
    std::string_view salt = any_buffer(a[2], stmp);
    int64_t iters = py_index_i64(a[3]);
    if (iters < 1)
        raise(&exc::ValueError, "iteration value must be greater than 0.");
    if (iters > INT32_MAX)
        raise(&exc::OverflowError, "iteration value is too great.");
    int64_t dklen = EVP_MD_get_size(md);
    if (a[4] && !is_none(a[4])) {
        dklen = py_index_i64(a[4]);
        if (dklen < 1)
            raise(&exc::ValueError, "key length must be greater than 0.");
        if (dklen > INT32_MAX)
            raise(&exc::OverflowError, "key length is too great.");
    }
    std::string out(static_cast<size_t>(dklen), '\0');
    if (!PKCS5_PBKDF2_HMAC(pw.data(), static_cast<int>(pw.size()), reinterpret_cast<unsigned char const*>(salt.data()),
            static_cast<int>(salt.size()), static_cast<int>(iters), md, static_cast<int>(dklen),
            reinterpret_cast<unsigned char*>(out.data())))
        raise_openssl(&exc::ValueError);
    return bytes_new(out);
}

Value hl_scrypt(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[7];
    parse_args("scrypt", args, nargs, kw, { "password", "*", "salt", "n", "r", "p", "maxmem", "dklen" }, 1, a);
    std::string ptmp, stmp;
    std::string_view pw = any_buffer(a[0], ptmp);
    if (!a[1] || is_none(a[1]))
        raise(&exc::TypeError, "salt is required");
    std::string_view salt = any_buffer(a[1], stmp);
    uint64_t nrp[3];
    char const* names[3] = { "n", "r", "p" };
    for (int i = 0; i < 3; i++) {
        Value v = a[2 + i];
        int64_t x;
        if (!v || is_none(v) || !is_int(v) || !int_to_i64(v, &x) || x < 0)
            raise(&exc::TypeError, "%s is required and must be an unsigned int", names[i]);
        nrp[i] = static_cast<uint64_t>(x);
    }
    if (nrp[0] < 2 || (nrp[0] & (nrp[0] - 1)))
        raise(&exc::ValueError, "n must be a power of 2.");
    int64_t maxmem = a[5] ? py_index_i64(a[5]) : 0;
    if (maxmem < 0 || maxmem > INT32_MAX)
        raise(&exc::ValueError, "maxmem must be positive and smaller than %d", INT32_MAX);
    int64_t dklen = a[6] ? py_index_i64(a[6]) : 64;
    if (dklen < 1 || dklen > INT32_MAX)
        raise(&exc::ValueError, "dklen must be greater than 0 and smaller than %d", INT32_MAX);
    std::string out(static_cast<size_t>(dklen), '\0');
    if (!EVP_PBE_scrypt(pw.data(), pw.size(), reinterpret_cast<unsigned char const*>(salt.data()), salt.size(), nrp[0],
            nrp[1], nrp[2], static_cast<uint64_t>(maxmem), reinterpret_cast<unsigned char*>(out.data()), out.size()))
        raise_openssl(&exc::ValueError);
    return bytes_new(out);
}

Value hl_compare_digest(Value, Value const* args, size_t nargs, TupleObject*)
{
    if (nargs != 2)
        raise(&exc::TypeError, "compare_digest expected 2 arguments, got %zu", nargs);
    Value a = args[0], b = args[1];
    std::string ta, tb;
    std::string_view va, vb;
    if (is_str(a) && is_str(b)) {
        ta = str_utf8(a);
        tb = str_utf8(b);
        for (std::string const* s : { &ta, &tb })
            for (unsigned char c : *s)
                if (c >= 0x80)
                    raise(&exc::TypeError, "comparing strings with non-ASCII characters is not supported");
        va = ta;
        vb = tb;
    } else if (is_str(a) || is_str(b)) {
        raise(&exc::TypeError, "unsupported operand types(s) or combination of types: '%s' and '%s'",
            type_name(a).c_str(), type_name(b).c_str());
    } else {
        va = any_buffer(a, ta);
        vb = any_buffer(b, tb);
    }
    // Constant time in the length of b, as CPython's.
    unsigned char result = va.size() != vb.size();
    std::string_view left = va.size() == vb.size() ? va : vb;
    for (size_t i = 0; i < vb.size(); i++)
        result |= static_cast<unsigned char>(left[i] ^ vb[i]);
    return py_bool(result == 0);
}

Value hl_get_fips_mode(Value, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("get_fips_mode", nargs, kw, 0, 0);
    return Value::small_int(EVP_default_properties_is_fips_enabled(nullptr) ? 1 : 0);
}

char const k_md5[] = "md5";
char const k_sha1[] = "sha1";
char const k_sha224[] = "sha224";
char const k_sha256[] = "sha256";
char const k_sha384[] = "sha384";
char const k_sha512[] = "sha512";
char const k_sha3_224[] = "sha3_224";
char const k_sha3_256[] = "sha3_256";
char const k_sha3_384[] = "sha3_384";
char const k_sha3_512[] = "sha3_512";
char const k_shake_128[] = "shake_128";
char const k_shake_256[] = "shake_256";

MethodDef const named_constructors[] = {
    { "openssl_md5", hl_named<k_md5> },
    { "openssl_sha1", hl_named<k_sha1> },
    { "openssl_sha224", hl_named<k_sha224> },
    { "openssl_sha256", hl_named<k_sha256> },
    { "openssl_sha384", hl_named<k_sha384> },
    { "openssl_sha512", hl_named<k_sha512> },
    { "openssl_sha3_224", hl_named<k_sha3_224> },
    { "openssl_sha3_256", hl_named<k_sha3_256> },
    { "openssl_sha3_384", hl_named<k_sha3_384> },
    { "openssl_sha3_512", hl_named<k_sha3_512> },
    { "openssl_shake_128", hl_named<k_shake_128> },
    { "openssl_shake_256", hl_named<k_shake_256> },
    { nullptr, nullptr },
};
MethodDef const hashlib_functions[] = {
    { "new", hl_new },
    { "hmac_new", hl_hmac_new },
    { "hmac_digest", hl_hmac_digest },
    { "pbkdf2_hmac", hl_pbkdf2_hmac },
    { "scrypt", hl_scrypt },
    { "compare_digest", hl_compare_digest },
    { "get_fips_mode", hl_get_fips_mode },
    { nullptr, nullptr },
};
MethodDef const hash_methods[] = {
    { "__new__", no_new, METH_STATIC },
    { "update", hash_update_m },
    { "digest", hash_digest_m },
    { "hexdigest", hash_hexdigest_m },
    { "copy", hash_copy_m },
    { "__repr__", hash_repr },
    { nullptr, nullptr },
};
MethodDef const xof_methods[] = {
    { "digest", xof_digest_m },
    { "hexdigest", xof_hexdigest_m },
    { nullptr, nullptr },
};
MethodDef const hmac_methods[] = {
    { "__new__", no_new, METH_STATIC },
    { "update", hmac_update_m },
    { "digest", hmac_digest_m },
    { "hexdigest", hmac_hexdigest_m },
    { "copy", hmac_copy_m },
    { nullptr, nullptr },
};

// --- BLAKE2 (RFC 7693) ---------------------------------------------------------------------------

// Word type, rounds, rotations and IV of BLAKE2b (W = uint64_t) and BLAKE2s (W = uint32_t).
template <typename W>
struct Blake2Traits;
template <>
struct Blake2Traits<uint64_t> {
    static constexpr int rounds = 12, r1 = 32, r2 = 24, r3 = 16, r4 = 63, block = 128, max_out = 64,
                         salt = 16, person = 16;
    static constexpr uint64_t iv[8] = { 0x6a09e667f3bcc908ull, 0xbb67ae8584caa73bull, 0x3c6ef372fe94f82bull,
        0xa54ff53a5f1d36f1ull, 0x510e527fade682d1ull, 0x9b05688c2b3e6c1full, 0x1f83d9abfb41bd6bull,
        0x5be0cd19137e2179ull };
};
template <>
struct Blake2Traits<uint32_t> {
    static constexpr int rounds = 10, r1 = 16, r2 = 12, r3 = 8, r4 = 7, block = 64, max_out = 32, salt = 8,
                         person = 8;
    static constexpr uint32_t iv[8] = { 0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au, 0x510e527fu,
        0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u };
};

constexpr uint8_t k_sigma[12][16] = {
    { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 },
    { 14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3 },
    { 11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4 },
    { 7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8 },
    { 9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13 },
    { 2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9 },
    { 12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11 },
    { 13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10 },
    { 6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5 },
    { 10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0 },
    { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 },
    { 14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3 },
};

template <typename W>
struct Blake2State {
    using T = Blake2Traits<W>;
    W h[8];
    W t[2] = { 0, 0 }; // bytes compressed so far (two words)
    uint8_t buf[T::block];
    size_t buflen = 0;
    int outlen = 0;
    bool last_node = false;

    static W rotr(W x, int n) { return (x >> n) | (x << (sizeof(W) * 8 - n)); }
    static W load(uint8_t const* p)
    {
        W w = 0;
        for (size_t i = 0; i < sizeof(W); i++)
            w |= static_cast<W>(p[i]) << (8 * i);
        return w;
    }

    void compress(uint8_t const* block, bool final)
    {
        W m[16], v[16];
        for (int i = 0; i < 16; i++)
            m[i] = load(block + i * sizeof(W));
        for (int i = 0; i < 8; i++) {
            v[i] = h[i];
            v[i + 8] = T::iv[i];
        }
        v[12] ^= t[0];
        v[13] ^= t[1];
        if (final) {
            v[14] = ~v[14];
            if (last_node)
                v[15] = ~v[15];
        }
        auto g = [&](int a, int b, int c, int d, W x, W y) {
            v[a] = v[a] + v[b] + x;
            v[d] = rotr(v[d] ^ v[a], T::r1);
            v[c] = v[c] + v[d];
            v[b] = rotr(v[b] ^ v[c], T::r2);
            v[a] = v[a] + v[b] + y;
            v[d] = rotr(v[d] ^ v[a], T::r3);
            v[c] = v[c] + v[d];
            v[b] = rotr(v[b] ^ v[c], T::r4);
        };
        for (int r = 0; r < T::rounds; r++) {
            uint8_t const* s = k_sigma[r];
            g(0, 4, 8, 12, m[s[0]], m[s[1]]);
            g(1, 5, 9, 13, m[s[2]], m[s[3]]);
            g(2, 6, 10, 14, m[s[4]], m[s[5]]);
            g(3, 7, 11, 15, m[s[6]], m[s[7]]);
            g(0, 5, 10, 15, m[s[8]], m[s[9]]);
            g(1, 6, 11, 12, m[s[10]], m[s[11]]);
            g(2, 7, 8, 13, m[s[12]], m[s[13]]);
            g(3, 4, 9, 14, m[s[14]], m[s[15]]);
        }
        for (int i = 0; i < 8; i++)
            h[i] ^= v[i] ^ v[i + 8];
    }

    void count(size_t n)
    {
        W before = t[0];
        t[0] += static_cast<W>(n);
        if (t[0] < before)
            t[1]++;
    }

    // The last block is compressed only at finalisation (it carries the final flag), so a full
    // buffer is kept until more data arrives.
    void update(uint8_t const* p, size_t n)
    {
        while (n > 0) {
            if (buflen == static_cast<size_t>(T::block)) {
                count(T::block);
                compress(buf, false);
                buflen = 0;
            }
            size_t take = std::min(n, static_cast<size_t>(T::block) - buflen);
            memcpy(buf + buflen, p, take);
            buflen += take;
            p += take;
            n -= take;
        }
    }

    std::string final() const
    {
        Blake2State c = *this;
        c.count(c.buflen);
        memset(c.buf + c.buflen, 0, T::block - c.buflen);
        c.compress(c.buf, true);
        std::string out;
        for (int i = 0; i < 8; i++)
            for (size_t b = 0; b < sizeof(W); b++)
                out.push_back(static_cast<char>(c.h[i] >> (8 * b)));
        out.resize(static_cast<size_t>(outlen));
        return out;
    }
};

struct Blake2bObject : Object {
    Blake2State<uint64_t> m_s;
    explicit Blake2bObject(Type* t) : Object(t) { }
};
struct Blake2sObject : Object {
    Blake2State<uint32_t> m_s;
    explicit Blake2sObject(Type* t) : Object(t) { }
};

template <typename W>
Blake2State<W>& blake_state(Value v);
template <>
Blake2State<uint64_t>& blake_state<uint64_t>(Value v) { return v.as<Blake2bObject>()->m_s; }
template <>
Blake2State<uint32_t>& blake_state<uint32_t>(Value v) { return v.as<Blake2sObject>()->m_s; }

template <typename W>
Value blake_new(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    using T = Blake2Traits<W>;
    constexpr bool is_b = sizeof(W) == 8;
    Type* cls = &blake2s_type;
    if constexpr (is_b)
        cls = &blake2b_type;
    if (nargs >= 1 && is_type(args[0])) {
        cls = args[0].as<Type>();
        args++;
        nargs--;
    }
    Value a[14];
    parse_args(is_b ? "blake2b" : "blake2s", args, nargs, kw,
        { "data", "/", "*", "digest_size", "key", "salt", "person", "fanout", "depth", "leaf_size", "node_offset",
            "node_depth", "inner_size", "last_node", "usedforsecurity" },
        0, a);
    auto int_arg = [](Value v, int64_t dflt) {
        if (!v)
            return dflt;
        int64_t x;
        Value i = py_number_index(v);
        if (!int_to_i64(i, &x))
            raise(&exc::OverflowError, "int too big to convert");
        return x;
    };
    int64_t digest_size = int_arg(a[1], T::max_out);
    if (digest_size < 1 || digest_size > T::max_out)
        raise(&exc::ValueError, "digest_size must be between 1 and %d bytes", T::max_out);
    std::string ktmp, stmp, ptmp;
    std::string_view key = a[2] ? any_buffer(a[2], ktmp) : std::string_view();
    std::string_view salt = a[3] ? any_buffer(a[3], stmp) : std::string_view();
    std::string_view person = a[4] ? any_buffer(a[4], ptmp) : std::string_view();
    if (key.size() > static_cast<size_t>(T::max_out))
        raise(&exc::ValueError, "maximum key length is %d bytes", T::max_out);
    if (salt.size() > static_cast<size_t>(T::salt))
        raise(&exc::ValueError, "maximum salt length is %d bytes", T::salt);
    if (person.size() > static_cast<size_t>(T::person))
        raise(&exc::ValueError, "maximum person length is %d bytes", T::person);
    int64_t fanout = int_arg(a[5], 1);
    if (fanout < 0 || fanout > 255)
        raise(&exc::ValueError, "fanout must be between 0 and 255");
    int64_t depth = int_arg(a[6], 1);
    if (depth < 1 || depth > 255)
        raise(&exc::ValueError, "depth must be between 1 and 255");
    int64_t leaf_size = 0;
    if (a[7]) {
        Value i = py_number_index(a[7]);
        if (!int_to_i64(i, &leaf_size) || leaf_size < 0 || leaf_size > 0xffffffffll)
            raise(&exc::OverflowError, "leaf_size is too large");
    }
    uint64_t node_offset = 0;
    if (a[8]) {
        Value i = py_number_index(a[8]);
        int64_t x;
        if (int_sign(i) < 0)
            raise(&exc::OverflowError, "can't convert negative int to unsigned");
        if (int_to_i64(i, &x)) {
            node_offset = static_cast<uint64_t>(x);
        } else {
            Value hi = py_binary_op(i, Value::small_int(32), NB_RSHIFT);
            int64_t h;
            if (!int_to_i64(hi, &h) || h > 0xffffffffll)
                raise(&exc::OverflowError, "int too big to convert");
            Value lo = py_binary_op(i, int_from_i64(0xffffffffll), NB_AND);
            int64_t l = 0;
            int_to_i64(lo, &l);
            node_offset = (static_cast<uint64_t>(h) << 32) | static_cast<uint64_t>(l);
        }
        if (!is_b && node_offset > 0xffffffffffffull)
            raise(&exc::OverflowError, "node_offset is too large");
    }
    int64_t node_depth = int_arg(a[9], 0);
    if (node_depth < 0 || node_depth > 255)
        raise(&exc::ValueError, "node_depth must be between 0 and 255");
    int64_t inner_size = int_arg(a[10], 0);
    if (inner_size < 0 || inner_size > T::max_out)
        raise(&exc::ValueError, "inner_size must be between 0 and is %d", T::max_out);
    bool last_node = a[11] && py_truthy(a[11]);

    // The parameter block, little-endian, XORed into the IV.
    uint8_t p[sizeof(W) * 8] = {};
    p[0] = static_cast<uint8_t>(digest_size);
    p[1] = static_cast<uint8_t>(key.size());
    p[2] = static_cast<uint8_t>(fanout);
    p[3] = static_cast<uint8_t>(depth);
    for (int i = 0; i < 4; i++)
        p[4 + i] = static_cast<uint8_t>(leaf_size >> (8 * i));
    int offset_bytes = is_b ? 8 : 6;
    for (int i = 0; i < offset_bytes; i++)
        p[8 + i] = static_cast<uint8_t>(node_offset >> (8 * i));
    p[8 + offset_bytes] = static_cast<uint8_t>(node_depth);
    p[9 + offset_bytes] = static_cast<uint8_t>(inner_size);
    size_t salt_at = is_b ? 32 : 16;
    // memcpy's source must not be null even for zero bytes (empty salt or person).
    if (!salt.empty())
        memcpy(p + salt_at, salt.data(), salt.size());
    if (!person.empty())
        memcpy(p + salt_at + T::salt, person.data(), person.size());

    Object* obj;
    Blake2State<W>* s;
    if constexpr (is_b) {
        auto* o = gc::make<Blake2bObject>(cls);
        obj = o;
        s = &o->m_s;
    } else {
        auto* o = gc::make<Blake2sObject>(cls);
        obj = o;
        s = &o->m_s;
    }
    for (int i = 0; i < 8; i++)
        s->h[i] = T::iv[i] ^ Blake2State<W>::load(p + i * sizeof(W));
    s->outlen = static_cast<int>(digest_size);
    s->last_node = last_node;
    if (!key.empty()) {
        uint8_t block[T::block] = {};
        if (!key.empty())
            memcpy(block, key.data(), key.size());
        s->update(block, T::block);
    }
    if (a[0]) {
        std::string tmp;
        std::string_view d = hash_buffer(a[0], tmp);
        s->update(reinterpret_cast<uint8_t const*>(d.data()), d.size());
    }
    return obj;
}

template <typename W>
Value blake_update(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("update", nargs, kw, 1, 1);
    std::string tmp;
    std::string_view d = hash_buffer(args[0], tmp);
    write_barrier(self.as_object());
    blake_state<W>(self).update(reinterpret_cast<uint8_t const*>(d.data()), d.size());
    return none();
}
template <typename W>
Value blake_digest(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("digest", nargs, kw, 0, 0);
    read_barrier(self.as_object());
    return bytes_new(blake_state<W>(self).final());
}
template <typename W>
Value blake_hexdigest(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("hexdigest", nargs, kw, 0, 0);
    read_barrier(self.as_object());
    return hex_of(blake_state<W>(self).final());
}
template <typename W>
Value blake_copy(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("copy", nargs, kw, 0, 0);
    read_barrier(self.as_object());
    Type* t = self.as_object()->m_type;
    if constexpr (sizeof(W) == 8) {
        auto* o = gc::make<Blake2bObject>(t);
        o->m_s = blake_state<W>(self);
        return o;
    } else {
        auto* o = gc::make<Blake2sObject>(t);
        o->m_s = blake_state<W>(self);
        return o;
    }
}
Value blake2b_name(Value) { return str_from_ascii("blake2b"); }
Value blake2s_name(Value) { return str_from_ascii("blake2s"); }
Value blake2b_block_size(Value) { return Value::small_int(128); }
Value blake2s_block_size(Value) { return Value::small_int(64); }
Value blake2b_digest_size(Value self) { return Value::small_int(blake_state<uint64_t>(self).outlen); }
Value blake2s_digest_size(Value self) { return Value::small_int(blake_state<uint32_t>(self).outlen); }

template <typename W>
MethodDef const blake_methods[] = {
    { "__new__", blake_new<W>, METH_STATIC },
    { "update", blake_update<W> },
    { "digest", blake_digest<W> },
    { "hexdigest", blake_hexdigest<W> },
    { "copy", blake_copy<W> },
    { nullptr, nullptr },
};

} // namespace

namespace {

    // The undo record of a HASH or HASHXOF object: a copy of its OpenSSL context, copied back into
    // the same context on abort (the object keeps its context pointer, which readers load).
    void* hash_undo_save(Object* o, Type*)
    {
        auto* h = static_cast<HashObject*>(o);
        EVP_MD_CTX* c = EVP_MD_CTX_new();
        if (!c || !EVP_MD_CTX_copy_ex(c, h->m_ctx))
            PY_VERIFY(false, "UNDO-1: out of memory copying a hash context");
        return c;
    }
    void hash_undo_restore(Object* o, Type*, void* rec)
    {
        auto* h = static_cast<HashObject*>(o);
        PY_VERIFY(EVP_MD_CTX_copy_ex(h->m_ctx, static_cast<EVP_MD_CTX*>(rec)),
            "UNDO-1: hash context restore");
    }
    void hash_undo_drop(void* rec) { EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(rec)); }
    void hash_undo_trace(void*, gc::Tracer&) { }
    StmUndoOps const s_hash_undo { hash_undo_save, hash_undo_restore, hash_undo_drop,
        hash_undo_trace, sizeof(HashObject) };

} // namespace

void setup_hashlib_types()
{
    init_static_type(&hash_type, "_hashlib.HASH", nullptr, sizeof(HashObject), TF_BASETYPE, nullptr, hash_destroy);
    init_static_type(&hashxof_type, "_hashlib.HASHXOF", &hash_type, sizeof(HashObject), 0, nullptr, hash_destroy);
    init_static_type(&hmac_type, "_hashlib.HMAC", nullptr, sizeof(HmacObject), 0, nullptr, hmac_destroy);
    init_static_type(&blake2b_type, "_blake2.blake2b", nullptr, sizeof(Blake2bObject), TF_BASETYPE);
    init_static_type(&blake2s_type, "_blake2.blake2s", nullptr, sizeof(Blake2sObject), TF_BASETYPE);
    // Undo records, so that update() of a hash object made before the transaction does not make
    // it inevitable (UNDO-1): a copy of the OpenSSL context, or of the BLAKE2 state, which is
    // plain data inside the object. (HMAC contexts cannot be copied back in place: an HMAC's
    // update stays inevitable.)
    hash_type.m_stm_undo = &s_hash_undo;
    hashxof_type.m_stm_undo = &s_hash_undo;
    blake2b_type.m_stm_undo = &g_plain_undo;
    blake2s_type.m_stm_undo = &g_plain_undo;
}

void init_hashlib_types()
{
    add_methods(&hash_type, hash_methods);
    add_getset(&hash_type, "name", hash_name);
    add_getset(&hash_type, "digest_size", hash_digest_size);
    add_getset(&hash_type, "block_size", hash_block_size);
    add_methods(&hashxof_type, xof_methods);
    add_methods(&hmac_type, hmac_methods);
    add_getset(&hmac_type, "name", hmac_name);
    add_getset(&hmac_type, "digest_size", hmac_digest_size);
    add_getset(&hmac_type, "block_size", hmac_block_size);
    add_methods(&blake2b_type, blake_methods<uint64_t>);
    add_getset(&blake2b_type, "name", blake2b_name);
    add_getset(&blake2b_type, "digest_size", blake2b_digest_size);
    add_getset(&blake2b_type, "block_size", blake2b_block_size);
    add_type_attr(&blake2b_type, "SALT_SIZE", Value::small_int(16));
    add_type_attr(&blake2b_type, "PERSON_SIZE", Value::small_int(16));
    add_type_attr(&blake2b_type, "MAX_KEY_SIZE", Value::small_int(64));
    add_type_attr(&blake2b_type, "MAX_DIGEST_SIZE", Value::small_int(64));
    add_methods(&blake2s_type, blake_methods<uint32_t>);
    add_getset(&blake2s_type, "name", blake2s_name);
    add_getset(&blake2s_type, "digest_size", blake2s_digest_size);
    add_getset(&blake2s_type, "block_size", blake2s_block_size);
    add_type_attr(&blake2s_type, "SALT_SIZE", Value::small_int(8));
    add_type_attr(&blake2s_type, "PERSON_SIZE", Value::small_int(8));
    add_type_attr(&blake2s_type, "MAX_KEY_SIZE", Value::small_int(32));
    add_type_attr(&blake2s_type, "MAX_DIGEST_SIZE", Value::small_int(32));
}

ModuleObject* init_hashlib_module()
{
    ModuleObject* m = module_new("_hashlib");
    if (!s_unsupported) {
        DictObject* ns = dict_new();
        dict_set_str(ns, names::__module__, str_from_ascii("_hashlib"));
        s_unsupported = type_new(&type_type, intern("UnsupportedDigestmodError"),
            tuple_of({ Value(&exc::ValueError) }), ns, nullptr);
        gc::add_root(&s_unsupported);
    }
    dict_set_cstr(m->m_dict, "UnsupportedDigestmodError", s_unsupported);
    dict_set_cstr(m->m_dict, "HASH", &hash_type);
    dict_set_cstr(m->m_dict, "HASHXOF", &hashxof_type);
    dict_set_cstr(m->m_dict, "HMAC", &hmac_type);
    for (MethodDef const* d = hashlib_functions; d->name; d++)
        dict_set_cstr(m->m_dict, d->name, builtin_function_new(d, m));
    for (MethodDef const* d = named_constructors; d->name; d++)
        dict_set_cstr(m->m_dict, d->name, builtin_function_new(d, m));
    // _constructors maps each openssl_* function to its name.
    DictObject* by_func = dict_new();
    for (MethodDef const* d = named_constructors; d->name; d++)
        py_setitem(by_func, dict_get_cstr(m->m_dict, d->name), str_from_ascii(std::string_view(d->name).substr(8)));
    dict_set_cstr(m->m_dict, "_constructors", by_func);
    SetObject* names_set = set_new(&frozenset_type);
    for (char const* n : { "sha3_384", "sm3", "sha384", "shake_128", "sha3_224", "sha512", "blake2b", "md5-sha1",
             "sha3_512", "sha3_256", "md5", "blake2s", "sha256", "ripemd160", "sha512_224", "sha1", "sha512_256",
             "shake_256", "sha224" }) {
        // Only the names this libcrypto can actually fetch.
        std::string name = n;
        for (NameMap const& nm : k_names)
            if (name == nm.py)
                name = nm.ossl;
        if (EVP_get_digestbyname(name.c_str()))
            set_add(names_set, str_from_ascii(n));
        ERR_clear_error();
    }
    dict_set_cstr(m->m_dict, "openssl_md_meth_names", names_set);
    return m;
}

ModuleObject* init_blake2_module()
{
    ModuleObject* m = module_new("_blake2");
    dict_set_cstr(m->m_dict, "blake2b", &blake2b_type);
    dict_set_cstr(m->m_dict, "blake2s", &blake2s_type);
    dict_set_cstr(m->m_dict, "BLAKE2B_SALT_SIZE", Value::small_int(16));
    dict_set_cstr(m->m_dict, "BLAKE2B_PERSON_SIZE", Value::small_int(16));
    dict_set_cstr(m->m_dict, "BLAKE2B_MAX_KEY_SIZE", Value::small_int(64));
    dict_set_cstr(m->m_dict, "BLAKE2B_MAX_DIGEST_SIZE", Value::small_int(64));
    dict_set_cstr(m->m_dict, "BLAKE2S_SALT_SIZE", Value::small_int(8));
    dict_set_cstr(m->m_dict, "BLAKE2S_PERSON_SIZE", Value::small_int(8));
    dict_set_cstr(m->m_dict, "BLAKE2S_MAX_KEY_SIZE", Value::small_int(32));
    dict_set_cstr(m->m_dict, "BLAKE2S_MAX_DIGEST_SIZE", Value::small_int(32));
    return m;
}

} // namespace pystm

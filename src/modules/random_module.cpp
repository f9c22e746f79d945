// The _random module (Random: the MT19937 Mersenne Twister, seeded, stepped and serialised
// exactly as CPython 3.11 does, so random.py produces the same sequences for the same seed) and
// the _sha512 module (sha384 and sha512, FIPS 180-4), which random.py imports to turn str and
// bytes seeds into integers.
//
// Invariants: a generator's state (624 words and the position) is read and written only after
// read_barrier / write_barrier on its object; 0 <= m_index <= 624 at all times.
#include "gc/heap.h"
#include "modules/builtin_modules.h"
#include "objects/bytes_object.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/float_object.h"
#include "objects/int_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include <cstring>
#include <fcntl.h>
#include <unistd.h>
#include <vector>

namespace pystm {

namespace {

Type random_type { &type_type };
Type sha512_type { &type_type };
Type sha384_type { &type_type };

// --- the Mersenne Twister ------------------------------------------------------------------------

constexpr int MT_N = 624;
constexpr int MT_M = 397;

struct RandomObject : Object {
    uint32_t m_state[MT_N];
    int m_index = MT_N + 1;
    explicit RandomObject(Type* t) : Object(t) { }
};

void mt_init(RandomObject* r, uint32_t s)
{
    uint32_t* mt = r->m_state;
    mt[0] = s;
    for (int i = 1; i < MT_N; i++)
        mt[i] = 1812433253u * (mt[i - 1] ^ (mt[i - 1] >> 30)) + static_cast<uint32_t>(i);
    r->m_index = MT_N;
}

void mt_init_by_array(RandomObject* r, std::vector<uint32_t> const& key)
{
    uint32_t* mt = r->m_state;
    mt_init(r, 19650218u);
    size_t n = key.size();
    int i = 1;
    size_t j = 0;
    for (size_t k = MT_N > n ? MT_N : n; k; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525u)) + key[j] + static_cast<uint32_t>(j);
        i++;
        j++;
        if (i >= MT_N) {
            mt[0] = mt[MT_N - 1];
            i = 1;
        }
        if (j >= n)
            j = 0;
    }
    for (int k = MT_N - 1; k; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941u)) - static_cast<uint32_t>(i);
        i++;
        if (i >= MT_N) {
            mt[0] = mt[MT_N - 1];
            i = 1;
        }
    }
    mt[0] = 0x80000000u;
}

uint32_t mt_next(RandomObject* r)
{
    static constexpr uint32_t mag01[2] = { 0u, 0x9908b0dfu };
    uint32_t* mt = r->m_state;
    uint32_t y;
    if (r->m_index >= MT_N) {
        int kk = 0;
        for (; kk < MT_N - MT_M; kk++) {
            y = (mt[kk] & 0x80000000u) | (mt[kk + 1] & 0x7fffffffu);
            mt[kk] = mt[kk + MT_M] ^ (y >> 1) ^ mag01[y & 1];
        }
        for (; kk < MT_N - 1; kk++) {
            y = (mt[kk] & 0x80000000u) | (mt[kk + 1] & 0x7fffffffu);
            mt[kk] = mt[kk + (MT_M - MT_N)] ^ (y >> 1) ^ mag01[y & 1];
        }
        y = (mt[MT_N - 1] & 0x80000000u) | (mt[0] & 0x7fffffffu);
        mt[MT_N - 1] = mt[MT_M - 1] ^ (y >> 1) ^ mag01[y & 1];
        r->m_index = 0;
    }
    y = mt[r->m_index++];
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    y ^= y >> 18;
    return y;
}

RandomObject* as_random(Value v) { return v.as<RandomObject>(); }

void seed_from_urandom(RandomObject* r)
{
    std::vector<uint32_t> key(MT_N);
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    size_t got = 0;
    if (fd >= 0) {
        while (got < key.size() * 4) {
            ssize_t n = read(fd, reinterpret_cast<char*>(key.data()) + got, key.size() * 4 - got);
            if (n <= 0)
                break;
            got += static_cast<size_t>(n);
        }
        close(fd);
    }
    if (got < key.size() * 4) {
        // Fall back to the time and address, as CPython does when urandom fails.
        key.assign(4, 0);
        key[0] = static_cast<uint32_t>(time(nullptr));
        key[1] = static_cast<uint32_t>(getpid());
        key[2] = static_cast<uint32_t>(reinterpret_cast<uintptr_t>(r));
        key[3] = static_cast<uint32_t>(clock());
    }
    mt_init_by_array(r, key);
}

void random_seed(RandomObject* r, Value arg)
{
    write_barrier(r);
    if (!arg || is_none(arg)) {
        seed_from_urandom(r);
        return;
    }
    Value n;
    if (is_int(arg)) {
        n = int_abs(arg);
    } else {
        int64_t h = py_hash(arg);
        n = int_from_u64(static_cast<uint64_t>(h));
    }
    mpz_t z;
    mpz_init(z);
    int_to_mpz(n, z);
    size_t words = mpz_sgn(z) == 0 ? 1 : (mpz_sizeinbase(z, 2) + 31) / 32;
    std::vector<uint32_t> key(words, 0);
    size_t count = 0;
    mpz_export(key.data(), &count, -1, sizeof(uint32_t), 0, 0, z);
    mpz_clear(z);
    write_barrier(r);
    mt_init_by_array(r, key);
}

Value rnd_new(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    if (nargs < 1 || !is_type(args[0]) || !args[0].as<Type>()->is_subtype(&random_type))
        raise(&exc::TypeError, "Random.__new__(X): X is not a subtype of _random.Random");
    Type* cls = args[0].as<Type>();
    if (cls == &random_type && kw && kw->m_size)
        raise(&exc::TypeError, "Random() takes no keyword arguments");
    if (nargs > 2)
        raise(&exc::TypeError, "Random() expected at most 1 argument, got %zu", nargs - 1);
    auto* r = gc::make<RandomObject>(cls);
    random_seed(r, nargs > 1 ? args[1] : Value());
    return r;
}

Value rnd_seed(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    if (kw && kw->m_size)
        raise(&exc::TypeError, "seed() takes no keyword arguments");
    if (nargs > 1)
        raise(&exc::TypeError, "seed expected at most 1 argument, got %zu", nargs);
    random_seed(as_random(self), nargs ? args[0] : Value());
    return none();
}

Value rnd_random(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("random", nargs, kw, 0, 0);
    RandomObject* r = as_random(self);
    write_barrier(r);
    uint32_t a = mt_next(r) >> 5, b = mt_next(r) >> 6;
    return float_new((a * 67108864.0 + b) * (1.0 / 9007199254740992.0));
}

Value rnd_getrandbits(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("getrandbits", nargs, kw, 1, 1);
    int64_t k = py_index_i64(args[0]);
    if (k < 0)
        raise(&exc::ValueError, "number of bits must be non-negative");
    RandomObject* r = as_random(self);
    write_barrier(r);
    if (k == 0)
        return Value::small_int(0);
    if (k <= 32)
        return int_from_u64(mt_next(r) >> (32 - k));
    size_t words = static_cast<size_t>((k - 1) / 32 + 1);
    std::vector<uint32_t> w(words);
    for (size_t i = 0; i < words; i++, k -= 32) {
        uint32_t x = mt_next(r);
        if (k < 32)
            x >>= (32 - k);
        w[i] = x;
    }
    mpz_t z;
    mpz_init(z);
    mpz_import(z, words, -1, sizeof(uint32_t), 0, 0, w.data());
    Value out = int_from_mpz(z);
    mpz_clear(z);
    return out;
}

Value rnd_getstate(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("getstate", nargs, kw, 0, 0);
    RandomObject* r = as_random(self);
    read_barrier(r);
    TupleObject* t = tuple_new(MT_N + 1);
    for (int i = 0; i < MT_N; i++)
        t->items()[i] = int_from_u64(r->m_state[i]);
    t->items()[MT_N] = int_from_i64(r->m_index);
    return t;
}

Value rnd_setstate(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("setstate", nargs, kw, 1, 1);
    if (type_of(args[0]) != &tuple_type && !is_tuple(args[0]))
        raise(&exc::TypeError, "state vector must be a tuple");
    TupleObject* t = args[0].as<TupleObject>();
    if (t->m_size != MT_N + 1)
        raise(&exc::ValueError, "state vector is the wrong size");
    uint32_t state[MT_N];
    for (int i = 0; i < MT_N; i++) {
        Value v = t->item(i);
        if (!is_int(v))
            raise(&exc::TypeError, "'%s' object cannot be interpreted as an integer", type_name(v).c_str());
        int64_t x;
        if (!int_to_i64(v, &x) || x < 0 || x > 0xffffffffll) {
            if (int_sign(v) < 0)
                raise(&exc::OverflowError, "can't convert negative value to unsigned int");
            if (!int_to_i64(v, &x))
                raise(&exc::OverflowError, "Python int too large to convert to C unsigned long");
        }
        state[i] = static_cast<uint32_t>(x);
    }
    int64_t index = py_index_i64(t->item(MT_N));
    if (index < 0 || index > MT_N)
        raise(&exc::ValueError, "invalid state");
    RandomObject* r = as_random(self);
    write_barrier(r);
    memcpy(r->m_state, state, sizeof state);
    r->m_index = static_cast<int>(index);
    return none();
}

// --- SHA-512 / SHA-384 ---------------------------------------------------------------------------

constexpr uint64_t K512[80] = { 0x428a2f98d728ae22ull, 0x7137449123ef65cdull, 0xb5c0fbcfec4d3b2full,
    0xe9b5dba58189dbbcull, 0x3956c25bf348b538ull, 0x59f111f1b605d019ull, 0x923f82a4af194f9bull,
    0xab1c5ed5da6d8118ull, 0xd807aa98a3030242ull, 0x12835b0145706fbeull, 0x243185be4ee4b28cull,
    0x550c7dc3d5ffb4e2ull, 0x72be5d74f27b896full, 0x80deb1fe3b1696b1ull, 0x9bdc06a725c71235ull,
    0xc19bf174cf692694ull, 0xe49b69c19ef14ad2ull, 0xefbe4786384f25e3ull, 0x0fc19dc68b8cd5b5ull,
    0x240ca1cc77ac9c65ull, 0x2de92c6f592b0275ull, 0x4a7484aa6ea6e483ull, 0x5cb0a9dcbd41fbd4ull,
    0x76f988da831153b5ull, 0x983e5152ee66dfabull, 0xa831c66d2db43210ull, 0xb00327c898fb213full,
    0xbf597fc7beef0ee4ull, 0xc6e00bf33da88fc2ull, 0xd5a79147930aa725ull, 0x06ca6351e003826full,
    0x142929670a0e6e70ull, 0x27b70a8546d22ffcull, 0x2e1b21385c26c926ull, 0x4d2c6dfc5ac42aedull,
    0x53380d139d95b3dfull, 0x650a73548baf63deull, 0x766a0abb3c77b2a8ull, 0x81c2c92e47edaee6ull,
    0x92722c851482353bull, 0xa2bfe8a14cf10364ull, 0xa81a664bbc423001ull, 0xc24b8b70d0f89791ull,
    0xc76c51a30654be30ull, 0xd192e819d6ef5218ull, 0xd69906245565a910ull, 0xf40e35855771202aull,
    0x106aa07032bbd1b8ull, 0x19a4c116b8d2d0c8ull, 0x1e376c085141ab53ull, 0x2748774cdf8eeb99ull,
    0x34b0bcb5e19b48a8ull, 0x391c0cb3c5c95a63ull, 0x4ed8aa4ae3418acbull, 0x5b9cca4f7763e373ull,
    0x682e6ff3d6b2b8a3ull, 0x748f82ee5defb2fcull, 0x78a5636f43172f60ull, 0x84c87814a1f0ab72ull,
    0x8cc702081a6439ecull, 0x90befffa23631e28ull, 0xa4506cebde82bde9ull, 0xbef9a3f7b2c67915ull,
    0xc67178f2e372532bull, 0xca273eceea26619cull, 0xd186b8c721c0c207ull, 0xeada7dd6cde0eb1eull,
    0xf57d4f7fee6ed178ull, 0x06f067aa72176fbaull, 0x0a637dc5a2c898a6ull, 0x113f9804bef90daeull,
    0x1b710b35131c471bull, 0x28db77f523047d84ull, 0x32caab7b40c72493ull, 0x3c9ebe0a15c9bebcull,
    0x431d67c49c100d4cull, 0x4cc5d4becb3e42b6ull, 0x597f299cfc657e2aull, 0x5fcb6fab3ad6faecull,
    0x6c44198c4a475817ull };

struct ShaState {
    uint64_t h[8];
    uint8_t buf[128];
    size_t buflen = 0;
    uint64_t total = 0; // bytes hashed
    int digest_size;
};

struct ShaObject : Object {
    ShaState m_s;
    ShaObject(Type* t, int digest) : Object(t)
    {
        static constexpr uint64_t iv512[8] = { 0x6a09e667f3bcc908ull, 0xbb67ae8584caa73bull, 0x3c6ef372fe94f82bull,
            0xa54ff53a5f1d36f1ull, 0x510e527fade682d1ull, 0x9b05688c2b3e6c1full, 0x1f83d9abfb41bd6bull,
            0x5be0cd19137e2179ull };
        static constexpr uint64_t iv384[8] = { 0xcbbb9d5dc1059ed8ull, 0x629a292a367cd507ull, 0x9159015a3070dd17ull,
            0x152fecd8f70e5939ull, 0x67332667ffc00b31ull, 0x8eb44a8768581511ull, 0xdb0c2e0d64f98fa7ull,
            0x47b5481dbefa4fa4ull };
        memcpy(m_s.h, digest == 64 ? iv512 : iv384, sizeof m_s.h);
        m_s.digest_size = digest;
    }
};

inline uint64_t rotr(uint64_t x, int n) { return (x >> n) | (x << (64 - n)); }

void sha_block(ShaState* s, uint8_t const* p)
{
    uint64_t w[80];
    for (int i = 0; i < 16; i++) {
        uint64_t x = 0;
        for (int b = 0; b < 8; b++)
            x = (x << 8) | p[i * 8 + b];
        w[i] = x;
    }
    for (int i = 16; i < 80; i++) {
        uint64_t s0 = rotr(w[i - 15], 1) ^ rotr(w[i - 15], 8) ^ (w[i - 15] >> 7);
        uint64_t s1 = rotr(w[i - 2], 19) ^ rotr(w[i - 2], 61) ^ (w[i - 2] >> 6);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint64_t a = s->h[0], b = s->h[1], c = s->h[2], d = s->h[3], e = s->h[4], f = s->h[5],
             g = s->h[6], h = s->h[7];
    for (int i = 0; i < 80; i++) {
        uint64_t t1 = h + (rotr(e, 14) ^ rotr(e, 18) ^ rotr(e, 41)) + ((e & f) ^ (~e & g)) + K512[i] + w[i];
        uint64_t t2 = (rotr(a, 28) ^ rotr(a, 34) ^ rotr(a, 39)) + ((a & b) ^ (a & c) ^ (b & c));
        h = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    s->h[0] += a;
    s->h[1] += b;
    s->h[2] += c;
    s->h[3] += d;
    s->h[4] += e;
    s->h[5] += f;
    s->h[6] += g;
    s->h[7] += h;
}

void sha_update(ShaObject* o, std::string_view data)
{
    write_barrier(o);
    ShaState* s = &o->m_s;
    auto const* p = reinterpret_cast<uint8_t const*>(data.data());
    size_t n = data.size();
    s->total += n;
    while (n) {
        size_t take = std::min(n, size_t(128) - s->buflen);
        memcpy(s->buf + s->buflen, p, take);
        s->buflen += take;
        p += take;
        n -= take;
        if (s->buflen == 128) {
            sha_block(s, s->buf);
            s->buflen = 0;
        }
    }
}

std::string sha_digest(ShaObject* src)
{
    read_barrier(src);
    ShaState s = src->m_s; // finalise a copy: digest() leaves the object usable
    uint64_t bits = s.total * 8;
    uint8_t pad = 0x80;
    std::string tail(1, static_cast<char>(pad));
    size_t len = s.buflen + 1;
    size_t zeros = (len <= 112 ? 112 - len : 240 - len);
    tail.append(zeros, '\0');
    tail.append(8, '\0'); // high 64 bits of the 128-bit length
    for (int i = 7; i >= 0; i--)
        tail.push_back(static_cast<char>(bits >> (i * 8)));
    auto const* p = reinterpret_cast<uint8_t const*>(tail.data());
    for (size_t i = 0; i < tail.size(); i++) {
        s.buf[s.buflen++] = p[i];
        if (s.buflen == 128) {
            sha_block(&s, s.buf);
            s.buflen = 0;
        }
    }
    std::string out;
    for (int i = 0; i < 8; i++)
        for (int b = 7; b >= 0; b--)
            out.push_back(static_cast<char>(s.h[i] >> (b * 8)));
    out.resize(static_cast<size_t>(s.digest_size));
    return out;
}

std::string_view buffer_of(Value v)
{
    if (is_str(v))
        raise(&exc::TypeError, "Strings must be encoded before hashing");
    if (is_bytes(v))
        return v.as<BytesObject>()->view();
    if (v.is_object() && v.as_object()->m_type->is_subtype(&bytearray_type)) {
        // A view of the bytes, which stay allocated until the next collection (BYTES-1): what
        // is hashed from a torn read only reaches a transaction that its validation aborts.
        auto* b = v.as<ByteArrayObject>();
        read_barrier(b);
        return b->m_bytes.view();
    }
    raise(&exc::TypeError, "object supporting the buffer API required");
}

Value sha_new(Type* t, int digest, Value const* args, size_t nargs, TupleObject* kw, char const* name)
{
    Value a[2];
    parse_args(name, args, nargs, kw, { "string", "*", "usedforsecurity" }, 0, a);
    auto* s = gc::make<ShaObject>(t, digest);
    if (a[0])
        sha_update(s, buffer_of(a[0]));
    return s;
}
Value sha512_fn(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    return sha_new(&sha512_type, 64, args, nargs, kw, "sha512");
}
Value sha384_fn(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    return sha_new(&sha384_type, 48, args, nargs, kw, "sha384");
}
Value sha_update_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("update", nargs, kw, 1, 1);
    sha_update(self.as<ShaObject>(), buffer_of(args[0]));
    return none();
}
Value sha_digest_m(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("digest", nargs, kw, 0, 0);
    return bytes_new(sha_digest(self.as<ShaObject>()));
}
Value sha_hexdigest_m(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("hexdigest", nargs, kw, 0, 0);
    std::string d = sha_digest(self.as<ShaObject>());
    static char const hex[] = "0123456789abcdef";
    std::string out;
    for (unsigned char c : d) {
        out.push_back(hex[c >> 4]);
        out.push_back(hex[c & 15]);
    }
    return str_from_ascii(out);
}
Value sha_copy_m(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("copy", nargs, kw, 0, 0);
    auto* s = self.as<ShaObject>();
    read_barrier(s);
    auto* c = gc::make<ShaObject>(s->m_type, s->m_s.digest_size);
    c->m_s = s->m_s;
    return c;
}
Value sha_name(Value self) { return str_from_ascii(self.as<ShaObject>()->m_s.digest_size == 64 ? "sha512" : "sha384"); }
Value sha_digest_size(Value self) { return Value::small_int(self.as<ShaObject>()->m_s.digest_size); }
Value sha_block_size(Value) { return Value::small_int(128); }

MethodDef const random_methods[] = {
    { "__new__", rnd_new, METH_STATIC },
    { "seed", rnd_seed },
    { "random", rnd_random },
    { "getrandbits", rnd_getrandbits },
    { "getstate", rnd_getstate },
    { "setstate", rnd_setstate },
    { nullptr, nullptr },
};
MethodDef const sha_methods[] = {
    { "update", sha_update_m },
    { "digest", sha_digest_m },
    { "hexdigest", sha_hexdigest_m },
    { "copy", sha_copy_m },
    { nullptr, nullptr },
};
MethodDef const sha_module_methods[] = {
    { "sha512", sha512_fn },
    { "sha384", sha384_fn },
    { nullptr, nullptr },
};

} // namespace

void setup_random_types()
{
    init_static_type(&random_type, "_random.Random", nullptr, sizeof(RandomObject), TF_BASETYPE);
    init_static_type(&sha512_type, "_sha512.sha512", nullptr, sizeof(ShaObject), 0);
    init_static_type(&sha384_type, "_sha512.sha384", nullptr, sizeof(ShaObject), 0);
}

void init_random_types()
{
    add_methods(&random_type, random_methods);
    for (Type* t : { &sha512_type, &sha384_type }) {
        add_methods(t, sha_methods);
        add_getset(t, "name", sha_name);
        add_getset(t, "digest_size", sha_digest_size);
        add_getset(t, "block_size", sha_block_size);
    }
}

ModuleObject* init_random_module()
{
    ModuleObject* m = module_new("_random");
    dict_set_cstr(m->m_dict, "Random", &random_type);
    return m;
}

ModuleObject* init_sha512_module()
{
    ModuleObject* m = module_new("_sha512");
    for (MethodDef const* d = sha_module_methods; d->name; d++)
        dict_set_cstr(m->m_dict, d->name, builtin_function_new(d, m));
    return m;
}

} // namespace pystm

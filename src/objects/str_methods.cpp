// The str methods that search, split, join, pad, strip, replace and translate (the case and
// character-class methods are in str_unicode.cpp, format/format_map in str_format.cpp).
//
// Hot paths (find, count, split, join, replace, ==) work directly on the kind-1 data with
// memchr/memmem when both operands are 1-byte strings; other kinds go through one template per
// code-unit width, never through per-character dispatch. Every result respects STR-1.
#include "objects/bytes_object.h"
#include "objects/codecs.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/float_object.h"
#include "objects/int_object.h"
#include "objects/list_object.h"
#include "objects/str_internal.h"
#include "objects/tuple_object.h"
#include <algorithm>
#include <cstring>
#include <vector>

namespace pystm {

// --- argument helpers --------------------------------------------------------------------------

void args_no_kw(char const* qual, TupleObject* kw)
{
    if (kw && kw->m_size > 0)
        raise(&exc::TypeError, "%s() takes no keyword arguments", qual);
}

void args_positional(char const* name, char const* qual, size_t nargs, TupleObject* kw, size_t min, size_t max)
{
    args_no_kw(qual, kw);
    if (nargs < min)
        raise(&exc::TypeError, "%s expected %s %zu argument%s, got %zu", name, min == max ? "exactly" : "at least", min,
            min == 1 ? "" : "s", nargs);
    if (nargs > max)
        raise(&exc::TypeError, "%s expected %s %zu argument%s, got %zu", name, min == max ? "exactly" : "at most", max,
            max == 1 ? "" : "s", nargs);
}

void args_exact(char const* qual, size_t nargs, TupleObject* kw, size_t n)
{
    args_no_kw(qual, kw);
    if (nargs != n) {
        if (n == 0)
            raise(&exc::TypeError, "%s() takes no arguments (%zu given)", qual, nargs);
        raise(&exc::TypeError, "%s() takes exactly one argument (%zu given)", qual, nargs);
    }
}

void args_old(char const* name, char const* qual, size_t nargs, TupleObject* kw, size_t min, size_t max)
{
    args_no_kw(qual, kw);
    if (nargs < min)
        raise(&exc::TypeError, "%s() takes at least %zu argument%s (%zu given)", name, min, min == 1 ? "" : "s", nargs);
    if (nargs > max)
        raise(&exc::TypeError, "%s() takes at most %zu argument%s (%zu given)", name, max, max == 1 ? "" : "s", nargs);
}

int64_t slice_index_arg(Value v, int64_t dflt)
{
    if (v.is_null() || is_none(v))
        return dflt;
    if (!is_int(v) && type_of(v)->special(SP_index).is_null())
        raise(&exc::TypeError, "slice indices must be integers or None or have an __index__ method");
    return py_index_clamped(v);
}

void adjust_indices(int64_t* start, int64_t* end, int64_t len)
{
    if (*end > len)
        *end = len;
    else if (*end < 0) {
        *end += len;
        if (*end < 0)
            *end = 0;
    }
    if (*start < 0) {
        *start += len;
        if (*start < 0)
            *start = 0;
    }
}

static StrObject* S(Value v) { return v.as<StrObject>(); }

static StrObject* need_str(Value v)
{
    if (!is_str(v))
        raise(&exc::TypeError, "must be str, not %s", type_name(v).c_str());
    return v.as<StrObject>();
}

// An exact str result (methods never return subclass instances).
static Value exact(StrObject* s) { return Value(str_new_of_type(&str_type, s)); }

// --- searching -----------------------------------------------------------------------------------

template <class T> static int64_t find_t(T const* h, int64_t hn, T const* n, int64_t nn, bool reverse)
{
    if (nn == 1) {
        T c = n[0];
        if (reverse) {
            for (int64_t i = hn - 1; i >= 0; i--)
                if (h[i] == c)
                    return i;
        } else {
            for (int64_t i = 0; i < hn; i++)
                if (h[i] == c)
                    return i;
        }
        return -1;
    }
    if (reverse) {
        for (int64_t i = hn - nn; i >= 0; i--)
            if (h[i] == n[0] && std::memcmp(h + i, n, static_cast<size_t>(nn) * sizeof(T)) == 0)
                return i;
    } else {
        T first = n[0];
        for (int64_t i = 0; i + nn <= hn; i++)
            if (h[i] == first && std::memcmp(h + i, n, static_cast<size_t>(nn) * sizeof(T)) == 0)
                return i;
    }
    return -1;
}

static int64_t find_bytes(char const* h, int64_t hn, char const* n, int64_t nn, bool reverse)
{
    if (nn > hn)
        return -1;
    if (!reverse) {
        void const* p = nn == 1 ? std::memchr(h, n[0], static_cast<size_t>(hn))
                                : memmem(h, static_cast<size_t>(hn), n, static_cast<size_t>(nn));
        return p ? static_cast<char const*>(p) - h : -1;
    }
    if (nn == 1) {
        void const* p = memrchr(h, n[0], static_cast<size_t>(hn));
        return p ? static_cast<char const*>(p) - h : -1;
    }
    return find_t(reinterpret_cast<uint8_t const*>(h), hn, reinterpret_cast<uint8_t const*>(n), nn, true);
}

// Needle data widened to the haystack's kind; false if the needle cannot occur at all.
struct Widened {
    std::string buf;
    char const* data;
};
static bool widen_needle(StrObject const* s, StrObject const* needle, Widened* w)
{
    if (needle->m_kind > s->m_kind)
        return false;
    if (needle->m_kind == s->m_kind) {
        w->data = needle->data();
        return true;
    }
    w->buf.resize(static_cast<size_t>(needle->m_length) * s->m_kind);
    for (int64_t i = 0; i < needle->m_length; i++) {
        uint32_t c = needle->at(i);
        if (s->m_kind == 2) {
            uint16_t u = static_cast<uint16_t>(c);
            std::memcpy(&w->buf[static_cast<size_t>(i) * 2], &u, 2);
        } else {
            std::memcpy(&w->buf[static_cast<size_t>(i) * 4], &c, 4);
        }
    }
    w->data = w->buf.data();
    return true;
}

// Finds needle in s[start:end) (already adjusted, 0 <= start, end <= len).
static int64_t find_raw(StrObject const* s, char const* nd, int64_t nn, int64_t start, int64_t end, bool reverse)
{
    int64_t r;
    switch (s->m_kind) {
    case 1: r = find_bytes(s->data() + start, end - start, nd, nn, reverse); break;
    case 2:
        r = find_t(reinterpret_cast<uint16_t const*>(s->data()) + start, end - start, reinterpret_cast<uint16_t const*>(nd),
            nn, reverse);
        break;
    default:
        r = find_t(reinterpret_cast<uint32_t const*>(s->data()) + start, end - start, reinterpret_cast<uint32_t const*>(nd),
            nn, reverse);
    }
    return r < 0 ? -1 : r + start;
}

int64_t str_find_sub(StrObject const* s, StrObject const* needle, int64_t start, int64_t end, bool reverse)
{
    adjust_indices(&start, &end, s->m_length);
    int64_t nn = needle->m_length;
    if (end - start < nn)
        return -1;
    if (nn == 0)
        return reverse ? end : start;
    Widened w;
    if (!widen_needle(s, needle, &w))
        return -1;
    return find_raw(s, w.data, nn, start, end, reverse);
}

int64_t str_count_sub(StrObject const* s, StrObject const* needle, int64_t start, int64_t end)
{
    adjust_indices(&start, &end, s->m_length);
    int64_t nn = needle->m_length;
    if (end - start < nn)
        return 0;
    if (nn == 0)
        return end - start + 1;
    Widened w;
    if (!widen_needle(s, needle, &w))
        return 0;
    int64_t count = 0;
    for (int64_t pos = start;;) {
        int64_t i = find_raw(s, w.data, nn, pos, end, false);
        if (i < 0)
            break;
        count++;
        pos = i + nn;
    }
    return count;
}

static void parse_sub_args(char const* name, char const* qual, Value const* args, size_t nargs, TupleObject* kw,
    int64_t* start, int64_t* end)
{
    args_old(name, qual, nargs, kw, 1, 3);
    *start = slice_index_arg(nargs > 1 ? args[1] : Value(), 0);
    *end = slice_index_arg(nargs > 2 ? args[2] : Value(), INT64_MAX);
}

static Value str_find_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    int64_t start, end;
    parse_sub_args("find", "str.find", args, nargs, kw, &start, &end);
    return Value::small_int(str_find_sub(S(self), need_str(args[0]), start, end, false));
}

static Value str_rfind_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    int64_t start, end;
    parse_sub_args("rfind", "str.rfind", args, nargs, kw, &start, &end);
    return Value::small_int(str_find_sub(S(self), need_str(args[0]), start, end, true));
}

static Value str_index_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    int64_t start, end;
    parse_sub_args("index", "str.index", args, nargs, kw, &start, &end);
    int64_t i = str_find_sub(S(self), need_str(args[0]), start, end, false);
    if (i < 0)
        raise(&exc::ValueError, "substring not found");
    return Value::small_int(i);
}

static Value str_rindex_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    int64_t start, end;
    parse_sub_args("rindex", "str.rindex", args, nargs, kw, &start, &end);
    int64_t i = str_find_sub(S(self), need_str(args[0]), start, end, true);
    if (i < 0)
        raise(&exc::ValueError, "substring not found");
    return Value::small_int(i);
}

static Value str_count_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    int64_t start, end;
    parse_sub_args("count", "str.count", args, nargs, kw, &start, &end);
    return Value::small_int(str_count_sub(S(self), need_str(args[0]), start, end));
}

static bool tail_match(StrObject* s, StrObject* sub, int64_t start, int64_t end, bool suffix)
{
    adjust_indices(&start, &end, s->m_length);
    int64_t n = sub->m_length;
    if (start > s->m_length)
        return false;
    if (end - start < n)
        return false;
    if (n == 0)
        return true;
    int64_t at = suffix ? end - n : start;
    if (s->m_kind == sub->m_kind)
        return std::memcmp(s->data() + at * s->m_kind, sub->data(), static_cast<size_t>(n) * s->m_kind) == 0;
    for (int64_t i = 0; i < n; i++)
        if (s->at(at + i) != sub->at(i))
            return false;
    return true;
}

static Value starts_ends(char const* name, char const* qual, bool suffix, Value self, Value const* args, size_t nargs,
    TupleObject* kw)
{
    args_old(name, qual, nargs, kw, 1, 3);
    int64_t start = slice_index_arg(nargs > 1 ? args[1] : Value(), 0);
    int64_t end = slice_index_arg(nargs > 2 ? args[2] : Value(), INT64_MAX);
    StrObject* s = S(self);
    if (is_tuple(args[0])) {
        TupleObject* t = args[0].as<TupleObject>();
        for (int64_t i = 0; i < t->m_size; i++) {
            Value x = t->item(i);
            if (!is_str(x))
                raise(&exc::TypeError, "tuple for %s must only contain str, not %s", name, type_name(x).c_str());
            if (tail_match(s, S(x), start, end, suffix))
                return py_bool(true);
        }
        return py_bool(false);
    }
    if (!is_str(args[0]))
        raise(&exc::TypeError, "%s first arg must be str or a tuple of str, not %s", name, type_name(args[0]).c_str());
    return py_bool(tail_match(s, S(args[0]), start, end, suffix));
}

static Value str_startswith_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    return starts_ends("startswith", "str.startswith", false, self, args, nargs, kw);
}

static Value str_endswith_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    return starts_ends("endswith", "str.endswith", true, self, args, nargs, kw);
}

static Value str_removeprefix_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    args_exact("str.removeprefix", nargs, kw, 1);
    if (!is_str(args[0]))
        raise(&exc::TypeError, "removeprefix() argument must be str, not %s", type_name(args[0]).c_str());
    StrObject* s = S(self);
    StrObject* p = S(args[0]);
    if (tail_match(s, p, 0, INT64_MAX, false))
        return Value(str_substr(s, p->m_length, s->m_length));
    return exact(s);
}

static Value str_removesuffix_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    args_exact("str.removesuffix", nargs, kw, 1);
    if (!is_str(args[0]))
        raise(&exc::TypeError, "removesuffix() argument must be str, not %s", type_name(args[0]).c_str());
    StrObject* s = S(self);
    StrObject* p = S(args[0]);
    if (p->m_length > 0 && tail_match(s, p, 0, INT64_MAX, true))
        return Value(str_substr(s, 0, s->m_length - p->m_length));
    return exact(s);
}

// --- splitting -----------------------------------------------------------------------------------

static inline bool is_space_at(StrObject const* s, int64_t i)
{
    uint32_t c = s->at(i);
    if (c < 128)
        return c == ' ' || (c >= 9 && c <= 13) || (c >= 28 && c <= 31);
    return uni_isspace(c);
}

static ListObject* split_whitespace(StrObject* s, int64_t maxsplit)
{
    ListObject* out = list_new();
    int64_t n = s->m_length, i = 0;
    while (i < n) {
        while (i < n && is_space_at(s, i))
            i++;
        if (i >= n)
            break;
        if (maxsplit-- == 0) {
            // Remainder, with trailing whitespace kept.
            list_append(out, Value(str_substr(s, i, n)));
            return out;
        }
        int64_t j = i;
        while (j < n && !is_space_at(s, j))
            j++;
        list_append(out, Value(str_substr(s, i, j)));
        i = j;
    }
    return out;
}

// Builds the list from pieces collected right to left. The pieces sit in a plain vector: no
// safepoint can occur before list_from() takes them (GC-2: nothing here calls Python code).
static ListObject* list_from_reversed(std::vector<Value>& v)
{
    std::reverse(v.begin(), v.end());
    return list_from(v.data(), static_cast<int64_t>(v.size()));
}

static ListObject* rsplit_whitespace(StrObject* s, int64_t maxsplit)
{
    std::vector<Value> out;
    int64_t i = s->m_length - 1;
    while (i >= 0) {
        while (i >= 0 && is_space_at(s, i))
            i--;
        if (i < 0)
            break;
        if (maxsplit-- == 0) {
            out.push_back(Value(str_substr(s, 0, i + 1)));
            break;
        }
        int64_t j = i;
        while (j >= 0 && !is_space_at(s, j))
            j--;
        out.push_back(Value(str_substr(s, j + 1, i + 1)));
        i = j;
    }
    return list_from_reversed(out);
}

static ListObject* split_sep(StrObject* s, StrObject* sep, int64_t maxsplit, bool reverse)
{
    if (sep->m_length == 0)
        raise(&exc::ValueError, "empty separator");
    ListObject* out = list_new();
    Widened w;
    int64_t n = s->m_length, nn = sep->m_length;
    if (!widen_needle(s, sep, &w)) {
        list_append(out, exact(s));
        return out;
    }
    if (!reverse) {
        int64_t pos = 0;
        while (maxsplit-- != 0) {
            int64_t i = find_raw(s, w.data, nn, pos, n, false);
            if (i < 0)
                break;
            list_append(out, Value(str_substr(s, pos, i)));
            pos = i + nn;
        }
        list_append(out, pos == 0 ? exact(s) : Value(str_substr(s, pos, n)));
        return out;
    }
    std::vector<Value> parts;
    int64_t end = n;
    while (maxsplit-- != 0) {
        int64_t i = end >= nn ? find_raw(s, w.data, nn, 0, end, true) : -1;
        if (i < 0)
            break;
        parts.push_back(Value(str_substr(s, i + nn, end)));
        end = i;
    }
    parts.push_back(end == n ? exact(s) : Value(str_substr(s, 0, end)));
    return list_from_reversed(parts);
}

static Value split_common(char const* name, bool reverse, Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[2];
    parse_args(name, args, nargs, kw, { "sep", "maxsplit" }, 0, a);
    int64_t maxsplit = a[1].is_null() ? -1 : py_index_i64(a[1]);
    if (maxsplit < 0)
        maxsplit = -1;
    StrObject* s = S(self);
    if (a[0].is_null() || is_none(a[0]))
        return Value(reverse ? rsplit_whitespace(s, maxsplit) : split_whitespace(s, maxsplit));
    if (!is_str(a[0]))
        raise(&exc::TypeError, "must be str or None, not %s", type_name(a[0]).c_str());
    return Value(split_sep(s, S(a[0]), maxsplit, reverse));
}

static Value str_split_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    return split_common("split", false, self, args, nargs, kw);
}

static Value str_rsplit_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    return split_common("rsplit", true, self, args, nargs, kw);
}

bool uni_is_linebreak(uint32_t c)
{
    switch (c) {
    case '\n': case '\r': case 0x0B: case 0x0C: case 0x1C: case 0x1D: case 0x1E: case 0x85:
    case 0x2028: case 0x2029:
        return true;
    default:
        return false;
    }
}

static Value str_splitlines_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[1];
    parse_args("splitlines", args, nargs, kw, { "keepends" }, 0, a);
    bool keepends = false;
    if (!a[0].is_null()) {
        if (is_float(a[0]))
            raise(&exc::TypeError, "'float' object cannot be interpreted as an integer");
        keepends = py_index_i64(a[0]) != 0;
    }
    StrObject* s = S(self);
    ListObject* out = list_new();
    int64_t n = s->m_length, i = 0;
    while (i < n) {
        int64_t j = i;
        while (j < n && !uni_is_linebreak(s->at(j)))
            j++;
        int64_t eol = j;
        if (j < n) {
            if (s->at(j) == '\r' && j + 1 < n && s->at(j + 1) == '\n')
                j += 2;
            else
                j++;
            if (keepends)
                eol = j;
        }
        if (i == 0 && j == n && eol == n)
            list_append(out, exact(s));
        else
            list_append(out, Value(str_substr(s, i, eol)));
        i = j;
    }
    return Value(out);
}

static Value partition_common(bool reverse, Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    args_exact(reverse ? "str.rpartition" : "str.partition", nargs, kw, 1);
    StrObject* s = S(self);
    StrObject* sep = need_str(args[0]);
    if (sep->m_length == 0)
        raise(&exc::ValueError, "empty separator");
    int64_t i = str_find_sub(s, sep, 0, s->m_length, reverse);
    if (i < 0) {
        if (reverse)
            return Value(tuple_of({ Value(str_empty()), Value(str_empty()), exact(s) }));
        return Value(tuple_of({ exact(s), Value(str_empty()), Value(str_empty()) }));
    }
    return Value(tuple_of({ Value(str_substr(s, 0, i)), exact(sep), Value(str_substr(s, i + sep->m_length, s->m_length)) }));
}

static Value str_partition_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    return partition_common(false, self, args, nargs, kw);
}

static Value str_rpartition_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    return partition_common(true, self, args, nargs, kw);
}

// --- join ----------------------------------------------------------------------------------------

static StrObject* join_items(StrObject* sep, Value const* items, int64_t n)
{
    if (n == 0)
        return str_empty();
    if (n == 1 && is_exact_str(items[0]))
        return S(items[0]);
    int64_t total = 0;
    uint8_t kind = sep->m_kind;
    bool ascii = sep->m_ascii;
    for (int64_t i = 0; i < n; i++) {
        Value x = items[i];
        if (!is_str(x))
            raise(&exc::TypeError, "sequence item %lld: expected str instance, %s found", static_cast<long long>(i),
                type_name(x).c_str());
        StrObject* t = S(x);
        total += t->m_length;
        if (t->m_kind > kind)
            kind = t->m_kind;
        ascii = ascii && t->m_ascii;
    }
    total += sep->m_length * (n - 1);
    if (!ascii && kind == 1) {
        // All kind 1 but some non-ASCII: the result is Latin-1 (STR-1 holds: max >= 0x80).
    }
    StrObject* r = str_alloc(total, kind, ascii);
    char* d = r->data();
    auto put = [&](StrObject* t) {
        if (t->m_kind == kind) {
            size_t bytes = static_cast<size_t>(t->m_length) * kind;
            std::memcpy(d, t->data(), bytes);
            d += bytes;
        } else {
            for (int64_t k = 0; k < t->m_length; k++) {
                uint32_t c = t->at(k);
                if (kind == 2) {
                    uint16_t u = static_cast<uint16_t>(c);
                    std::memcpy(d, &u, 2);
                } else {
                    std::memcpy(d, &c, 4);
                }
                d += kind;
            }
        }
    };
    for (int64_t i = 0; i < n; i++) {
        if (i > 0 && sep->m_length)
            put(sep);
        put(S(items[i]));
    }
    return r;
}

static Value str_join_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    args_exact("str.join", nargs, kw, 1);
    Value it = args[0];
    StrObject* sep = S(self);
    if (is_tuple(it)) {
        TupleObject* t = it.as<TupleObject>();
        return Value(join_items(sep, t->items(), t->m_size));
    }
    ListObject* l;
    if (is_list(it)) {
        l = it.as<ListObject>();
    } else {
        Type* t = type_of(it);
        if (t->special(SP_iter).is_null() && t->special(SP_getitem).is_null())
            raise(&exc::TypeError, "can only join an iterable");
        l = py_list_from_iterable(it);
    }
    // A snapshot of the items; join_items runs no Python code, so no safepoint can occur while
    // the plain vector holds them (GC-2).
    int64_t n = list_size(l);
    std::vector<Value> items(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; i++)
        items[static_cast<size_t>(i)] = list_get(l, i);
    return Value(join_items(sep, items.data(), n));
}

// --- padding, stripping ----------------------------------------------------------------------------

static uint32_t fill_char(Value v)
{
    if (v.is_null())
        return ' ';
    if (!is_str(v))
        raise(&exc::TypeError, "The fill character must be a unicode character, not %s", type_name(v).c_str());
    if (S(v)->m_length != 1)
        raise(&exc::TypeError, "The fill character must be exactly one character long");
    return S(v)->at(0);
}

static StrObject* pad(StrObject* s, int64_t left, int64_t right, uint32_t fill)
{
    if (left < 0)
        left = 0;
    if (right < 0)
        right = 0;
    if (left == 0 && right == 0)
        return str_new_of_type(&str_type, s);
    StrBuilder b(static_cast<size_t>(s->m_length + left + right));
    b.append_repeat(fill, left);
    b.append(s);
    b.append_repeat(fill, right);
    return b.finish();
}

static Value str_center_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    args_positional("center", "str.center", nargs, kw, 1, 2);
    int64_t width = py_index_i64(args[0]);
    uint32_t fill = fill_char(nargs > 1 ? args[1] : Value());
    StrObject* s = S(self);
    int64_t marg = width - s->m_length;
    if (marg <= 0)
        return exact(s);
    int64_t left = marg / 2 + (marg & width & 1);
    return Value(pad(s, left, marg - left, fill));
}

static Value str_ljust_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    args_positional("ljust", "str.ljust", nargs, kw, 1, 2);
    int64_t width = py_index_i64(args[0]);
    uint32_t fill = fill_char(nargs > 1 ? args[1] : Value());
    StrObject* s = S(self);
    return Value(pad(s, 0, width - s->m_length, fill));
}

static Value str_rjust_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    args_positional("rjust", "str.rjust", nargs, kw, 1, 2);
    int64_t width = py_index_i64(args[0]);
    uint32_t fill = fill_char(nargs > 1 ? args[1] : Value());
    StrObject* s = S(self);
    return Value(pad(s, width - s->m_length, 0, fill));
}

static Value str_zfill_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    args_exact("str.zfill", nargs, kw, 1);
    int64_t width = py_index_i64(args[0]);
    StrObject* s = S(self);
    int64_t n = s->m_length;
    if (width <= n)
        return exact(s);
    StrBuilder b(static_cast<size_t>(width));
    int64_t start = 0;
    if (n > 0 && (s->at(0) == '+' || s->at(0) == '-')) {
        b.append(s->at(0));
        start = 1;
    }
    b.append_repeat('0', width - n);
    b.append(s, start, n);
    return Value(b.finish());
}

static Value strip_common(char const* name, char const* qual, int how, Value self, Value const* args, size_t nargs,
    TupleObject* kw)
{
    args_positional(name, qual, nargs, kw, 0, 1);
    StrObject* s = S(self);
    int64_t i = 0, j = s->m_length;
    if (nargs == 0 || is_none(args[0])) {
        if (how & 1)
            while (i < j && is_space_at(s, i))
                i++;
        if (how & 2)
            while (j > i && is_space_at(s, j - 1))
                j--;
    } else {
        if (!is_str(args[0]))
            raise(&exc::TypeError, "%s arg must be None or str", name);
        StrObject* chars = S(args[0]);
        auto in = [&](uint32_t c) {
            for (int64_t k = 0; k < chars->m_length; k++)
                if (chars->at(k) == c)
                    return true;
            return false;
        };
        if (how & 1)
            while (i < j && in(s->at(i)))
                i++;
        if (how & 2)
            while (j > i && in(s->at(j - 1)))
                j--;
    }
    if (i == 0 && j == s->m_length)
        return exact(s);
    return Value(str_substr(s, i, j));
}

static Value str_strip_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    return strip_common("strip", "str.strip", 3, self, args, nargs, kw);
}

static Value str_lstrip_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    return strip_common("lstrip", "str.lstrip", 1, self, args, nargs, kw);
}

static Value str_rstrip_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    return strip_common("rstrip", "str.rstrip", 2, self, args, nargs, kw);
}

static Value str_expandtabs_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[1];
    parse_args("expandtabs", args, nargs, kw, { "tabsize" }, 0, a);
    int64_t tabsize = a[0].is_null() ? 8 : py_index_i64(a[0]);
    StrObject* s = S(self);
    StrBuilder b(static_cast<size_t>(s->m_length));
    int64_t col = 0;
    for (int64_t i = 0; i < s->m_length; i++) {
        uint32_t c = s->at(i);
        if (c == '\t') {
            if (tabsize > 0) {
                int64_t spaces = tabsize - col % tabsize;
                b.append_repeat(' ', spaces);
                col += spaces;
            }
        } else {
            b.append(c);
            col++;
            if (c == '\n' || c == '\r')
                col = 0;
        }
    }
    return Value(b.finish());
}

// --- replace, translate ----------------------------------------------------------------------------

static StrObject* replace_impl(StrObject* s, StrObject* old, StrObject* rep, int64_t count)
{
    int64_t n = s->m_length, on = old->m_length;
    if (count < 0)
        count = INT64_MAX;
    if (count == 0 || n < on)
        return str_new_of_type(&str_type, s);
    if (on == 0) {
        // Insert [rep] before every character and at the end, up to [count] times.
        StrBuilder b(static_cast<size_t>(n + (n + 1) * rep->m_length));
        int64_t done = 0;
        for (int64_t i = 0; i < n; i++) {
            if (done < count) {
                b.append(rep);
                done++;
            }
            b.append(s->at(i));
        }
        if (done < count)
            b.append(rep);
        return b.finish();
    }
    Widened w;
    if (!widen_needle(s, old, &w))
        return str_new_of_type(&str_type, s);
    int64_t first = find_raw(s, w.data, on, 0, n, false);
    if (first < 0)
        return str_new_of_type(&str_type, s);
    if (s->m_kind == 1 && rep->m_kind == 1) {
        std::string out;
        out.reserve(static_cast<size_t>(n));
        int64_t pos = 0, i = first;
        while (i >= 0 && count-- > 0) {
            out.append(s->data() + pos, static_cast<size_t>(i - pos));
            out.append(rep->data(), static_cast<size_t>(rep->m_length));
            pos = i + on;
            i = find_raw(s, w.data, on, pos, n, false);
        }
        out.append(s->data() + pos, static_cast<size_t>(n - pos));
        if (s->m_ascii && rep->m_ascii)
            return str_from_ascii(out);
        return str_from_latin1(out);
    }
    StrBuilder b(static_cast<size_t>(n));
    int64_t pos = 0, i = first;
    while (i >= 0 && count-- > 0) {
        b.append(s, pos, i);
        b.append(rep);
        pos = i + on;
        i = find_raw(s, w.data, on, pos, n, false);
    }
    b.append(s, pos, n);
    return b.finish();
}

static Value str_replace_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    args_positional("replace", "str.replace", nargs, kw, 2, 3);
    if (!is_str(args[0]))
        raise(&exc::TypeError, "replace() argument 1 must be str, not %s", type_name(args[0]).c_str());
    if (!is_str(args[1]))
        raise(&exc::TypeError, "replace() argument 2 must be str, not %s", type_name(args[1]).c_str());
    int64_t count = nargs > 2 ? py_index_i64(args[2]) : -1;
    return Value(replace_impl(S(self), S(args[0]), S(args[1]), count));
}

static Value str_translate_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    args_exact("str.translate", nargs, kw, 1);
    Value table = args[0];
    StrObject* s = S(self);
    StrBuilder b(static_cast<size_t>(s->m_length));
    for (int64_t i = 0; i < s->m_length; i++) {
        uint32_t c = s->at(i);
        Value r;
        try {
            r = py_getitem(table, Value::small_int(c));
        } catch (PyError&) {
            if (!exception_matches(&exc::LookupError))
                throw;
            take_exception();
            b.append(c);
            continue;
        }
        if (is_none(r))
            continue;
        if (is_int(r)) {
            int64_t x;
            if (!int_to_i64(r, &x) || x < 0 || x > 0x10FFFF)
                raise(&exc::ValueError, "character mapping must be in range(0x110000)");
            b.append(static_cast<uint32_t>(x));
        } else if (is_str(r)) {
            b.append(S(r));
        } else {
            raise(&exc::TypeError, "character mapping must return integer, None or str");
        }
    }
    return Value(b.finish());
}

static Value str_maketrans_m(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    args_positional("maketrans", "str.maketrans", nargs, kw, 1, 3);
    DictObject* d = dict_new();
    if (nargs == 1) {
        if (!is_dict(args[0]))
            raise(&exc::TypeError, "if you give only one argument to maketrans it must be a dict");
        DictObject* src = args[0].as<DictObject>();
        int64_t pos = 0;
        Value k, v;
        while (dict_next(src, &pos, &k, &v)) {
            if (is_str(k)) {
                if (S(k)->m_length != 1)
                    raise(&exc::ValueError, "string keys in translate table must be of length 1");
                dict_set(d, Value::small_int(S(k)->at(0)), v);
            } else if (is_int(k)) {
                dict_set(d, k, v);
            } else {
                raise(&exc::TypeError, "keys in translate table must be strings or integers");
            }
        }
        return Value(d);
    }
    if (!is_str(args[0]))
        raise(&exc::TypeError, "maketrans() argument 1 must be str, not %s", type_name(args[0]).c_str());
    if (!is_str(args[1]))
        raise(&exc::TypeError, "maketrans() argument 2 must be str, not %s", type_name(args[1]).c_str());
    StrObject* x = S(args[0]);
    StrObject* y = S(args[1]);
    if (x->m_length != y->m_length)
        raise(&exc::ValueError, "the first two maketrans arguments must have equal length");
    for (int64_t i = 0; i < x->m_length; i++)
        dict_set(d, Value::small_int(x->at(i)), Value::small_int(y->at(i)));
    if (nargs == 3) {
        if (!is_str(args[2]))
            raise(&exc::TypeError, "maketrans() argument 3 must be str, not %s", type_name(args[2]).c_str());
        StrObject* z = S(args[2]);
        for (int64_t i = 0; i < z->m_length; i++)
            dict_set(d, Value::small_int(z->at(i)), none());
    }
    return Value(d);
}

static Value str_encode_m(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[2];
    parse_args("encode", args, nargs, kw, { "encoding", "errors" }, 0, a);
    std::string enc = "utf-8", errors = "strict";
    if (!a[0].is_null())
        enc = str_utf8(arg_str("encode()", a[0], "argument 'encoding'"));
    if (!a[1].is_null())
        errors = str_utf8(arg_str("encode()", a[1], "argument 'errors'"));
    return Value(codecs::encode(S(self), enc, errors));
}

MethodDef const g_str_methods[] = {
    { "find", str_find_m },
    { "rfind", str_rfind_m },
    { "index", str_index_m },
    { "rindex", str_rindex_m },
    { "count", str_count_m },
    { "startswith", str_startswith_m },
    { "endswith", str_endswith_m },
    { "removeprefix", str_removeprefix_m },
    { "removesuffix", str_removesuffix_m },
    { "split", str_split_m },
    { "rsplit", str_rsplit_m },
    { "splitlines", str_splitlines_m },
    { "partition", str_partition_m },
    { "rpartition", str_rpartition_m },
    { "join", str_join_m },
    { "center", str_center_m },
    { "ljust", str_ljust_m },
    { "rjust", str_rjust_m },
    { "zfill", str_zfill_m },
    { "strip", str_strip_m },
    { "lstrip", str_lstrip_m },
    { "rstrip", str_rstrip_m },
    { "expandtabs", str_expandtabs_m },
    { "replace", str_replace_m },
    { "translate", str_translate_m },
    { "maketrans", str_maketrans_m, METH_STATIC },
    { "encode", str_encode_m },
    { nullptr, nullptr },
};

} // namespace pystm

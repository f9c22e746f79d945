// The non-mutating methods shared by bytes and bytearray (searching, splitting, joining,
// padding, stripping, replacing, translating, ASCII case mapping and classes, hex/fromhex,
// decode) and printf-style formatting for bytes.
//
// Each method reads the receiver through self_bytes() (a copy for bytearray, taken under the
// read barrier) and builds results of the receiver's kind with bytes_result().
#include "objects/bytes_internal.h"
#include "objects/codecs.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/float_object.h"
#include "objects/int_object.h"
#include "objects/list_object.h"
#include "objects/printf_args.h"
#include "objects/str_internal.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include <algorithm>
#include <cstring>
#include <vector>

namespace pystm {

namespace {

using SV = std::string_view;

char const* kind_name(Value self) { return is_bytearray(self) ? "bytearray" : "bytes"; }

bool is_ascii_space(unsigned char c) { return c == ' ' || (c >= 9 && c <= 13); }
bool is_ascii_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
bool is_ascii_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
bool is_ascii_alpha(unsigned char c) { return is_ascii_lower(c) || is_ascii_upper(c); }
bool is_ascii_digit(unsigned char c) { return c >= '0' && c <= '9'; }

// The receiver unchanged: itself for exact bytes (immutable), else a new object of its kind.
Value unchanged(Value self, SV s)
{
    if (self.is_object() && self.as_object()->m_type == &bytes_type)
        return self;
    return bytes_result(self, s);
}

// The "sub" argument of find/count/index: a bytes-like object or an int byte value.
SV sub_arg(Value v, std::string& tmp)
{
    SV out;
    if (bytes_like(v, tmp, &out))
        return out;
    if (is_int(v) || !type_of(v)->special(SP_index).is_null()) {
        tmp.assign(1, static_cast<char>(byte_from_value(v)));
        return tmp;
    }
    raise(&exc::TypeError, "argument should be integer or bytes-like object, not '%s'", type_name(v).c_str());
}

int64_t find_in(SV hay, SV needle, int64_t start, int64_t end, bool reverse)
{
    int64_t len = static_cast<int64_t>(hay.size());
    adjust_indices(&start, &end, len);
    int64_t nn = static_cast<int64_t>(needle.size());
    if (end - start < nn)
        return -1;
    SV part = hay.substr(static_cast<size_t>(start), static_cast<size_t>(end - start));
    size_t r = reverse ? part.rfind(needle) : part.find(needle);
    return r == SV::npos ? -1 : static_cast<int64_t>(r) + start;
}

Value find_common(char const* name, char const* qual, bool reverse, bool raise_missing, Value self, Value const* args,
    size_t nargs, TupleObject* kw)
{
    args_old(name, qual, nargs, kw, 1, 3);
    std::string t1, t2;
    SV hay = self_bytes(self, t1);
    SV needle = sub_arg(args[0], t2);
    int64_t start = slice_index_arg(nargs > 1 ? args[1] : Value(), 0);
    int64_t end = slice_index_arg(nargs > 2 ? args[2] : Value(), INT64_MAX);
    int64_t r = find_in(hay, needle, start, end, reverse);
    if (r < 0 && raise_missing)
        raise(&exc::ValueError, "subsection not found");
    return Value::small_int(r);
}

Value b_find(Value self, Value const* a, size_t n, TupleObject* kw) { return find_common("find", "bytes.find", false, false, self, a, n, kw); }
Value b_rfind(Value self, Value const* a, size_t n, TupleObject* kw) { return find_common("rfind", "bytes.rfind", true, false, self, a, n, kw); }
Value b_index(Value self, Value const* a, size_t n, TupleObject* kw) { return find_common("index", "bytes.index", false, true, self, a, n, kw); }
Value b_rindex(Value self, Value const* a, size_t n, TupleObject* kw) { return find_common("rindex", "bytes.rindex", true, true, self, a, n, kw); }

Value b_count(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    args_old("count", "bytes.count", nargs, kw, 1, 3);
    std::string t1, t2;
    SV hay = self_bytes(self, t1);
    SV needle = sub_arg(args[0], t2);
    int64_t start = slice_index_arg(nargs > 1 ? args[1] : Value(), 0);
    int64_t end = slice_index_arg(nargs > 2 ? args[2] : Value(), INT64_MAX);
    int64_t len = static_cast<int64_t>(hay.size());
    adjust_indices(&start, &end, len);
    if (end - start < static_cast<int64_t>(needle.size()))
        return Value::small_int(0);
    if (needle.empty())
        return Value::small_int(end - start + 1);
    SV part = hay.substr(static_cast<size_t>(start), static_cast<size_t>(end - start));
    int64_t count = 0;
    for (size_t pos = part.find(needle); pos != SV::npos; pos = part.find(needle, pos + needle.size()))
        count++;
    return Value::small_int(count);
}

Value starts_ends(char const* name, bool suffix, Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    args_old(name, name, nargs, kw, 1, 3);
    std::string t1, t2;
    SV s = self_bytes(self, t1);
    int64_t start = slice_index_arg(nargs > 1 ? args[1] : Value(), 0);
    int64_t end = slice_index_arg(nargs > 2 ? args[2] : Value(), INT64_MAX);
    int64_t len = static_cast<int64_t>(s.size());
    adjust_indices(&start, &end, len);
    auto match = [&](SV sub) {
        int64_t n = static_cast<int64_t>(sub.size());
        if (start > len || end - start < n)
            return false;
        int64_t at = suffix ? end - n : start;
        return s.substr(static_cast<size_t>(at), static_cast<size_t>(n)) == sub;
    };
    if (is_tuple(args[0])) {
        TupleObject* t = args[0].as<TupleObject>();
        for (int64_t i = 0; i < t->m_size; i++) {
            SV sub;
            if (!bytes_like(t->item(i), t2, &sub))
                raise(&exc::TypeError, "a bytes-like object is required, not '%s'", type_name(t->item(i)).c_str());
            if (match(sub))
                return py_bool(true);
        }
        return py_bool(false);
    }
    SV sub;
    if (!bytes_like(args[0], t2, &sub))
        raise(&exc::TypeError, "%s first arg must be bytes or a tuple of bytes, not %s", name, type_name(args[0]).c_str());
    return py_bool(match(sub));
}

Value b_startswith(Value self, Value const* a, size_t n, TupleObject* kw) { return starts_ends("startswith", false, self, a, n, kw); }
Value b_endswith(Value self, Value const* a, size_t n, TupleObject* kw) { return starts_ends("endswith", true, self, a, n, kw); }

Value b_removeprefix(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    args_exact(is_bytearray(self) ? "bytearray.removeprefix" : "bytes.removeprefix", nargs, kw, 1);
    std::string t1, t2;
    SV s = self_bytes(self, t1);
    SV p = need_bytes_like(args[0], t2);
    if (s.size() >= p.size() && s.substr(0, p.size()) == p)
        return bytes_result(self, s.substr(p.size()));
    return unchanged(self, s);
}

Value b_removesuffix(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    args_exact(is_bytearray(self) ? "bytearray.removesuffix" : "bytes.removesuffix", nargs, kw, 1);
    std::string t1, t2;
    SV s = self_bytes(self, t1);
    SV p = need_bytes_like(args[0], t2);
    if (!p.empty() && s.size() >= p.size() && s.substr(s.size() - p.size()) == p)
        return bytes_result(self, s.substr(0, s.size() - p.size()));
    return unchanged(self, s);
}

// --- split, partition, join ------------------------------------------------------------------------

Value b_split_common(char const* name, bool reverse, Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[2];
    parse_args(name, args, nargs, kw, { "sep", "maxsplit" }, 0, a);
    int64_t maxsplit = a[1].is_null() ? -1 : py_index_i64(a[1]);
    if (maxsplit < 0)
        maxsplit = -1;
    std::string t1, t2;
    SV s = self_bytes(self, t1);
    std::vector<Value> parts; // no Python code runs while they are held (GC-2)
    int64_t n = static_cast<int64_t>(s.size());
    if (a[0].is_null() || is_none(a[0])) {
        if (!reverse) {
            int64_t i = 0;
            while (i < n) {
                while (i < n && is_ascii_space(static_cast<unsigned char>(s[i])))
                    i++;
                if (i >= n)
                    break;
                if (maxsplit-- == 0) {
                    parts.push_back(bytes_result(self, s.substr(static_cast<size_t>(i))));
                    break;
                }
                int64_t j = i;
                while (j < n && !is_ascii_space(static_cast<unsigned char>(s[j])))
                    j++;
                parts.push_back(bytes_result(self, s.substr(static_cast<size_t>(i), static_cast<size_t>(j - i))));
                i = j;
            }
        } else {
            int64_t i = n - 1;
            while (i >= 0) {
                while (i >= 0 && is_ascii_space(static_cast<unsigned char>(s[i])))
                    i--;
                if (i < 0)
                    break;
                if (maxsplit-- == 0) {
                    parts.push_back(bytes_result(self, s.substr(0, static_cast<size_t>(i + 1))));
                    break;
                }
                int64_t j = i;
                while (j >= 0 && !is_ascii_space(static_cast<unsigned char>(s[j])))
                    j--;
                parts.push_back(bytes_result(self, s.substr(static_cast<size_t>(j + 1), static_cast<size_t>(i - j))));
                i = j;
            }
            std::reverse(parts.begin(), parts.end());
        }
        return Value(list_from(parts.data(), static_cast<int64_t>(parts.size())));
    }
    SV sep = need_bytes_like(a[0], t2);
    if (sep.empty())
        raise(&exc::ValueError, "empty separator");
    if (!reverse) {
        size_t pos = 0;
        while (maxsplit-- != 0) {
            size_t i = s.find(sep, pos);
            if (i == SV::npos)
                break;
            parts.push_back(bytes_result(self, s.substr(pos, i - pos)));
            pos = i + sep.size();
        }
        parts.push_back(bytes_result(self, s.substr(pos)));
    } else {
        size_t end = s.size();
        while (maxsplit-- != 0) {
            if (end < sep.size())
                break;
            size_t i = s.substr(0, end).rfind(sep);
            if (i == SV::npos)
                break;
            parts.push_back(bytes_result(self, s.substr(i + sep.size(), end - i - sep.size())));
            end = i;
        }
        parts.push_back(bytes_result(self, s.substr(0, end)));
        std::reverse(parts.begin(), parts.end());
    }
    return Value(list_from(parts.data(), static_cast<int64_t>(parts.size())));
}

Value b_split(Value self, Value const* a, size_t n, TupleObject* kw) { return b_split_common("split", false, self, a, n, kw); }
Value b_rsplit(Value self, Value const* a, size_t n, TupleObject* kw) { return b_split_common("rsplit", true, self, a, n, kw); }

Value b_splitlines(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[1];
    parse_args("splitlines", args, nargs, kw, { "keepends" }, 0, a);
    bool keepends = !a[0].is_null() && py_index_i64(a[0]) != 0;
    std::string t1;
    SV s = self_bytes(self, t1);
    std::vector<Value> parts;
    size_t n = s.size(), i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && s[j] != '\n' && s[j] != '\r')
            j++;
        size_t eol = j;
        if (j < n) {
            j += (s[j] == '\r' && j + 1 < n && s[j + 1] == '\n') ? 2 : 1;
            if (keepends)
                eol = j;
        }
        parts.push_back(bytes_result(self, s.substr(i, eol - i)));
        i = j;
    }
    return Value(list_from(parts.data(), static_cast<int64_t>(parts.size())));
}

Value b_partition_common(bool reverse, Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    std::string qual = std::string(kind_name(self)) + (reverse ? ".rpartition" : ".partition");
    args_exact(qual.c_str(), nargs, kw, 1);
    std::string t1, t2;
    SV s = self_bytes(self, t1);
    SV sep = need_bytes_like(args[0], t2);
    if (sep.empty())
        raise(&exc::ValueError, "empty separator");
    size_t i = reverse ? s.rfind(sep) : s.find(sep);
    if (i == SV::npos) {
        Value e = bytes_result(self, "");
        Value e2 = bytes_result(self, "");
        if (reverse)
            return Value(tuple_of({ e, e2, unchanged(self, s) }));
        return Value(tuple_of({ unchanged(self, s), e, e2 }));
    }
    return Value(tuple_of({ bytes_result(self, s.substr(0, i)), bytes_result(self, sep),
        bytes_result(self, s.substr(i + sep.size())) }));
}

Value b_partition(Value self, Value const* a, size_t n, TupleObject* kw) { return b_partition_common(false, self, a, n, kw); }
Value b_rpartition(Value self, Value const* a, size_t n, TupleObject* kw) { return b_partition_common(true, self, a, n, kw); }

Value b_join(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    args_exact(is_bytearray(self) ? "bytearray.join" : "bytes.join", nargs, kw, 1);
    std::string t1;
    std::string sep(self_bytes(self, t1));
    Value it = args[0];
    Type* t = type_of(it);
    if (!is_list(it) && !is_tuple(it) && t->special(SP_iter).is_null() && t->special(SP_getitem).is_null())
        raise(&exc::TypeError, "can only join an iterable");
    ListObject* l = py_list_from_iterable(it);
    std::string out;
    int64_t n = list_size(l);
    for (int64_t i = 0; i < n; i++) {
        Value x = list_get(l, i);
        std::string tmp;
        SV part;
        if (!bytes_like(x, tmp, &part))
            raise(&exc::TypeError, "sequence item %lld: expected a bytes-like object, %s found", static_cast<long long>(i),
                type_name(x).c_str());
        if (i > 0)
            out.append(sep);
        out.append(part);
    }
    return bytes_result(self, out);
}

// --- padding, stripping, replacing -----------------------------------------------------------------

char fill_arg(char const* name, Value v)
{
    if (v.is_null())
        return ' ';
    std::string tmp;
    SV f;
    if (!bytes_like(v, tmp, &f) || f.size() != 1)
        raise(&exc::TypeError, "%s() argument 2 must be a byte string of length 1, not %s", name, type_name(v).c_str());
    return f[0];
}

Value b_pad_common(char const* name, int how, Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    std::string qual = std::string(kind_name(self)) + "." + name;
    args_positional(name, qual.c_str(), nargs, kw, 1, 2);
    int64_t width = py_index_i64(args[0]);
    char fill = fill_arg(name, nargs > 1 ? args[1] : Value());
    std::string t1;
    SV s = self_bytes(self, t1);
    int64_t len = static_cast<int64_t>(s.size());
    if (width <= len)
        return unchanged(self, s);
    int64_t marg = width - len, left;
    if (how == 0)
        left = marg / 2 + (marg & width & 1);
    else
        left = how == 1 ? 0 : marg;
    std::string out(static_cast<size_t>(left), fill);
    out.append(s);
    out.append(static_cast<size_t>(marg - left), fill);
    return bytes_result(self, out);
}

Value b_center(Value self, Value const* a, size_t n, TupleObject* kw) { return b_pad_common("center", 0, self, a, n, kw); }
Value b_ljust(Value self, Value const* a, size_t n, TupleObject* kw) { return b_pad_common("ljust", 1, self, a, n, kw); }
Value b_rjust(Value self, Value const* a, size_t n, TupleObject* kw) { return b_pad_common("rjust", 2, self, a, n, kw); }

Value b_zfill(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    args_exact(is_bytearray(self) ? "bytearray.zfill" : "bytes.zfill", nargs, kw, 1);
    int64_t width = py_index_i64(args[0]);
    std::string t1;
    SV s = self_bytes(self, t1);
    int64_t len = static_cast<int64_t>(s.size());
    if (width <= len)
        return unchanged(self, s);
    std::string out;
    size_t start = 0;
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
        out.push_back(s[0]);
        start = 1;
    }
    out.append(static_cast<size_t>(width - len), '0');
    out.append(s.substr(start));
    return bytes_result(self, out);
}

Value b_strip_common(char const* name, int how, Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    std::string qual = std::string(kind_name(self)) + "." + name;
    args_positional(name, qual.c_str(), nargs, kw, 0, 1);
    std::string t1, t2;
    SV s = self_bytes(self, t1);
    size_t i = 0, j = s.size();
    if (nargs == 0 || is_none(args[0])) {
        if (how & 1)
            while (i < j && is_ascii_space(static_cast<unsigned char>(s[i])))
                i++;
        if (how & 2)
            while (j > i && is_ascii_space(static_cast<unsigned char>(s[j - 1])))
                j--;
    } else {
        SV chars = need_bytes_like(args[0], t2);
        if (how & 1)
            while (i < j && chars.find(s[i]) != SV::npos)
                i++;
        if (how & 2)
            while (j > i && chars.find(s[j - 1]) != SV::npos)
                j--;
    }
    if (i == 0 && j == s.size())
        return unchanged(self, s);
    return bytes_result(self, s.substr(i, j - i));
}

Value b_strip(Value self, Value const* a, size_t n, TupleObject* kw) { return b_strip_common("strip", 3, self, a, n, kw); }
Value b_lstrip(Value self, Value const* a, size_t n, TupleObject* kw) { return b_strip_common("lstrip", 1, self, a, n, kw); }
Value b_rstrip(Value self, Value const* a, size_t n, TupleObject* kw) { return b_strip_common("rstrip", 2, self, a, n, kw); }

Value b_expandtabs(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[1];
    parse_args("expandtabs", args, nargs, kw, { "tabsize" }, 0, a);
    int64_t tabsize = a[0].is_null() ? 8 : py_index_i64(a[0]);
    std::string t1;
    SV s = self_bytes(self, t1);
    std::string out;
    int64_t col = 0;
    for (char c : s) {
        if (c == '\t') {
            if (tabsize > 0) {
                int64_t sp = tabsize - col % tabsize;
                out.append(static_cast<size_t>(sp), ' ');
                col += sp;
            }
        } else {
            out.push_back(c);
            col = (c == '\n' || c == '\r') ? 0 : col + 1;
        }
    }
    return bytes_result(self, out);
}

Value b_replace(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    args_positional("replace", is_bytearray(self) ? "bytearray.replace" : "bytes.replace", nargs, kw, 2, 3);
    std::string t1, t2, t3;
    SV s = self_bytes(self, t1);
    SV old = need_bytes_like(args[0], t2);
    SV rep = need_bytes_like(args[1], t3);
    int64_t count = nargs > 2 ? py_index_i64(args[2]) : -1;
    if (count < 0)
        count = INT64_MAX;
    std::string out;
    if (old.empty()) {
        int64_t done = 0;
        for (char c : s) {
            if (done < count) {
                out.append(rep);
                done++;
            }
            out.push_back(c);
        }
        if (done < count)
            out.append(rep);
        return bytes_result(self, out);
    }
    size_t pos = 0;
    while (count-- > 0) {
        size_t i = s.find(old, pos);
        if (i == SV::npos)
            break;
        out.append(s.substr(pos, i - pos));
        out.append(rep);
        pos = i + old.size();
    }
    if (pos == 0)
        return unchanged(self, s);
    out.append(s.substr(pos));
    return bytes_result(self, out);
}

Value b_translate(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[2];
    parse_args("translate", args, nargs, kw, { "", "delete" }, 1, a);
    std::string t1, t2, t3;
    SV s = self_bytes(self, t1);
    SV table;
    bool have_table = !is_none(a[0]);
    if (have_table) {
        table = need_bytes_like(a[0], t2);
        if (table.size() != 256)
            raise(&exc::ValueError, "translation table must be 256 characters long");
    }
    SV del = a[1].is_null() ? SV() : need_bytes_like(a[1], t3);
    bool drop[256] = {};
    for (char c : del)
        drop[static_cast<unsigned char>(c)] = true;
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        unsigned char u = static_cast<unsigned char>(c);
        if (drop[u])
            continue;
        out.push_back(have_table ? table[u] : c);
    }
    return bytes_result(self, out);
}

Value b_maketrans(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    args_positional("maketrans", "bytes.maketrans", nargs, kw, 2, 2);
    std::string t1, t2;
    SV from = need_bytes_like(args[0], t1);
    SV to = need_bytes_like(args[1], t2);
    if (from.size() != to.size())
        raise(&exc::ValueError, "maketrans arguments must have same length");
    std::string table(256, '\0');
    for (int i = 0; i < 256; i++)
        table[static_cast<size_t>(i)] = static_cast<char>(i);
    for (size_t i = 0; i < from.size(); i++)
        table[static_cast<unsigned char>(from[i])] = to[i];
    return Value(bytes_new(table));
}

// --- ASCII case mapping and classes ----------------------------------------------------------------

enum CaseOp { C_UPPER, C_LOWER, C_SWAP, C_TITLE, C_CAPITALIZE };

Value case_common(char const* name, CaseOp op, Value self, size_t nargs, TupleObject* kw)
{
    std::string qual = std::string(kind_name(self)) + "." + name;
    args_exact(qual.c_str(), nargs, kw, 0);
    std::string t1;
    std::string out(self_bytes(self, t1));
    bool prev_cased = false;
    for (size_t i = 0; i < out.size(); i++) {
        unsigned char c = static_cast<unsigned char>(out[i]);
        bool up = false, down = false;
        switch (op) {
        case C_UPPER: up = true; break;
        case C_LOWER: down = true; break;
        case C_SWAP: up = is_ascii_lower(c); down = is_ascii_upper(c); break;
        case C_TITLE: up = !prev_cased; down = prev_cased; break;
        case C_CAPITALIZE: up = i == 0; down = i != 0; break;
        }
        if (up && is_ascii_lower(c))
            out[i] = static_cast<char>(c - 32);
        else if (down && is_ascii_upper(c))
            out[i] = static_cast<char>(c + 32);
        prev_cased = is_ascii_alpha(c);
    }
    return bytes_result(self, out);
}

Value b_upper(Value self, Value const*, size_t n, TupleObject* kw) { return case_common("upper", C_UPPER, self, n, kw); }
Value b_lower(Value self, Value const*, size_t n, TupleObject* kw) { return case_common("lower", C_LOWER, self, n, kw); }
Value b_swapcase(Value self, Value const*, size_t n, TupleObject* kw) { return case_common("swapcase", C_SWAP, self, n, kw); }
Value b_title(Value self, Value const*, size_t n, TupleObject* kw) { return case_common("title", C_TITLE, self, n, kw); }
Value b_capitalize(Value self, Value const*, size_t n, TupleObject* kw) { return case_common("capitalize", C_CAPITALIZE, self, n, kw); }

template <bool (*P)(unsigned char)> Value all_of(char const* name, Value self, size_t nargs, TupleObject* kw)
{
    std::string qual = std::string(kind_name(self)) + "." + name;
    args_exact(qual.c_str(), nargs, kw, 0);
    std::string t1;
    SV s = self_bytes(self, t1);
    if (s.empty())
        return py_bool(false);
    for (char c : s)
        if (!P(static_cast<unsigned char>(c)))
            return py_bool(false);
    return py_bool(true);
}

bool p_alnum(unsigned char c) { return is_ascii_alpha(c) || is_ascii_digit(c); }

Value b_isalnum(Value self, Value const*, size_t n, TupleObject* kw) { return all_of<p_alnum>("isalnum", self, n, kw); }
Value b_isalpha(Value self, Value const*, size_t n, TupleObject* kw) { return all_of<is_ascii_alpha>("isalpha", self, n, kw); }
Value b_isdigit(Value self, Value const*, size_t n, TupleObject* kw) { return all_of<is_ascii_digit>("isdigit", self, n, kw); }
Value b_isspace(Value self, Value const*, size_t n, TupleObject* kw) { return all_of<is_ascii_space>("isspace", self, n, kw); }

Value b_isascii(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    args_exact(is_bytearray(self) ? "bytearray.isascii" : "bytes.isascii", nargs, kw, 0);
    std::string t1;
    for (char c : self_bytes(self, t1))
        if (static_cast<unsigned char>(c) >= 0x80)
            return py_bool(false);
    return py_bool(true);
}

Value b_islower(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    args_exact(is_bytearray(self) ? "bytearray.islower" : "bytes.islower", nargs, kw, 0);
    std::string t1;
    bool cased = false;
    for (char c : self_bytes(self, t1)) {
        if (is_ascii_upper(static_cast<unsigned char>(c)))
            return py_bool(false);
        cased = cased || is_ascii_lower(static_cast<unsigned char>(c));
    }
    return py_bool(cased);
}

Value b_isupper(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    args_exact(is_bytearray(self) ? "bytearray.isupper" : "bytes.isupper", nargs, kw, 0);
    std::string t1;
    bool cased = false;
    for (char c : self_bytes(self, t1)) {
        if (is_ascii_lower(static_cast<unsigned char>(c)))
            return py_bool(false);
        cased = cased || is_ascii_upper(static_cast<unsigned char>(c));
    }
    return py_bool(cased);
}

Value b_istitle(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    args_exact(is_bytearray(self) ? "bytearray.istitle" : "bytes.istitle", nargs, kw, 0);
    std::string t1;
    bool cased = false, prev = false;
    for (char ch : self_bytes(self, t1)) {
        unsigned char c = static_cast<unsigned char>(ch);
        if (is_ascii_upper(c)) {
            if (prev)
                return py_bool(false);
            prev = cased = true;
        } else if (is_ascii_lower(c)) {
            if (!prev)
                return py_bool(false);
            prev = cased = true;
        } else {
            prev = false;
        }
    }
    return py_bool(cased);
}

// --- hex, fromhex, decode --------------------------------------------------------------------------

Value b_hex(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[2];
    parse_args("hex", args, nargs, kw, { "sep", "bytes_per_sep" }, 0, a);
    std::string t1;
    SV s = self_bytes(self, t1);
    // CPython's _Py_strhex: any sized sep must have length 1 and be a str or bytes holding an
    // ASCII character (NUL included); without sep there are no groups.
    bool has_sep = !a[0].is_null();
    char sep = 0;
    if (has_sep) {
        if (py_len(a[0]) != 1)
            raise(&exc::ValueError, "sep must be length 1.");
        uint32_t c;
        if (is_str(a[0]))
            c = a[0].as<StrObject>()->at(0);
        else if (is_bytes(a[0]))
            c = static_cast<unsigned char>(a[0].as<BytesObject>()->view()[0]);
        else
            raise(&exc::TypeError, "sep must be str or bytes.");
        if (c > 127)
            raise(&exc::ValueError, "sep must be ASCII.");
        sep = static_cast<char>(c);
    }
    int64_t per = a[1].is_null() ? 1 : py_index_i64(a[1]);
    static char const hex[] = "0123456789abcdef";
    std::string out;
    size_t n = s.size();
    int64_t group = per < 0 ? -per : per;
    for (size_t i = 0; i < n; i++) {
        if (has_sep && i > 0 && group > 0) {
            // Groups are counted from the right for positive bytes_per_sep, from the left
            // for negative.
            bool boundary = per > 0 ? ((n - i) % static_cast<size_t>(group) == 0) : (i % static_cast<size_t>(group) == 0);
            if (boundary)
                out.push_back(sep);
        }
        unsigned char c = static_cast<unsigned char>(s[i]);
        out.push_back(hex[c >> 4]);
        out.push_back(hex[c & 15]);
    }
    return Value(str_from_ascii(out));
}

int hexval(uint32_t c)
{
    if (c >= '0' && c <= '9')
        return static_cast<int>(c - '0');
    if (c >= 'a' && c <= 'f')
        return static_cast<int>(c - 'a' + 10);
    if (c >= 'A' && c <= 'F')
        return static_cast<int>(c - 'A' + 10);
    return -1;
}

Value b_fromhex(Value cls, Value const* args, size_t nargs, TupleObject* kw)
{
    args_exact("fromhex", nargs, kw, 1);
    StrObject* s = arg_str("fromhex()", args[0]);
    std::string out;
    int64_t n = s->m_length, i = 0;
    while (i < n) {
        uint32_t c = s->at(i);
        if (c == ' ' || (c >= 9 && c <= 13)) {
            i++;
            continue;
        }
        int hi = hexval(c);
        if (hi < 0)
            raise(&exc::ValueError, "non-hexadecimal number found in fromhex() arg at position %lld", static_cast<long long>(i));
        int lo = i + 1 < n ? hexval(s->at(i + 1)) : -1;
        if (lo < 0)
            raise(&exc::ValueError, "non-hexadecimal number found in fromhex() arg at position %lld",
                static_cast<long long>(i + 1));
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
    }
    Type* t = cls.as<Type>();
    if (t == &bytes_type)
        return Value(bytes_new(out));
    if (t == &bytearray_type)
        return Value(bytearray_new(out));
    return py_call1(cls, Value(bytes_new(out)));
}

Value b_decode(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[2];
    parse_args("decode", args, nargs, kw, { "encoding", "errors" }, 0, a);
    std::string enc = "utf-8", errors = "strict";
    if (!a[0].is_null())
        enc = str_utf8(arg_str("decode()", a[0], "argument 'encoding'"));
    if (!a[1].is_null())
        errors = str_utf8(arg_str("decode()", a[1], "argument 'errors'"));
    std::string t1;
    return Value(codecs::decode(self_bytes(self, t1), enc, errors));
}

} // namespace

MethodDef const g_bytes_common_methods[] = {
    { "find", b_find },
    { "rfind", b_rfind },
    { "index", b_index },
    { "rindex", b_rindex },
    { "count", b_count },
    { "startswith", b_startswith },
    { "endswith", b_endswith },
    { "removeprefix", b_removeprefix },
    { "removesuffix", b_removesuffix },
    { "split", b_split },
    { "rsplit", b_rsplit },
    { "splitlines", b_splitlines },
    { "partition", b_partition },
    { "rpartition", b_rpartition },
    { "join", b_join },
    { "center", b_center },
    { "ljust", b_ljust },
    { "rjust", b_rjust },
    { "zfill", b_zfill },
    { "strip", b_strip },
    { "lstrip", b_lstrip },
    { "rstrip", b_rstrip },
    { "expandtabs", b_expandtabs },
    { "replace", b_replace },
    { "translate", b_translate },
    { "maketrans", b_maketrans, METH_STATIC },
    { "upper", b_upper },
    { "lower", b_lower },
    { "swapcase", b_swapcase },
    { "title", b_title },
    { "capitalize", b_capitalize },
    { "isalnum", b_isalnum },
    { "isalpha", b_isalpha },
    { "isascii", b_isascii },
    { "isdigit", b_isdigit },
    { "islower", b_islower },
    { "isspace", b_isspace },
    { "istitle", b_istitle },
    { "isupper", b_isupper },
    { "hex", b_hex },
    { "fromhex", b_fromhex, METH_CLASS },
    { "decode", b_decode },
    { nullptr, nullptr },
};

// --- bytes % args ----------------------------------------------------------------------------------

std::string bytes_printf(std::string_view f, Value args)
{
    std::string out;
    PrintfArgs pargs(args, !is_bytes(args) && !is_bytearray(args) && !is_str(args));
    size_t n = f.size(), i = 0;
    while (i < n) {
        if (f[i] != '%') {
            out.push_back(f[i++]);
            continue;
        }
        i++;
        if (i >= n)
            raise(&exc::ValueError, "incomplete format");
        if (f[i] == '%') {
            out.push_back('%');
            i++;
            continue;
        }
        Value arg;
        bool have_key = false;
        if (f[i] == '(') {
            arg = pargs.keyed(f, ++i, [](std::string_view t, size_t start, size_t end) {
                return Value(bytes_new(t.substr(start, end - start)));
            });
            have_key = true;
        }
        PrintfSpec spec = parse_printf_spec(f, i, pargs, false);
        std::string& flags = spec.flags;
        int64_t width = spec.width, prec = spec.prec;
        char conv = f[i++];
        if (!have_key)
            arg = pargs.next();
        auto emit = [&](SV text, bool truncate) {
            if (truncate && prec >= 0 && static_cast<size_t>(prec) < text.size())
                text = text.substr(0, static_cast<size_t>(prec));
            bool left = flags.find('-') != std::string::npos;
            int64_t len = static_cast<int64_t>(text.size());
            if (!left && width > len)
                out.append(static_cast<size_t>(width - len), ' ');
            out.append(text);
            if (left && width > len)
                out.append(static_cast<size_t>(width - len), ' ');
        };
        switch (conv) {
        case 's':
        case 'b': {
            std::string tmp;
            SV v;
            if (bytes_like(arg, tmp, &v)) {
                emit(v, true);
            } else if (!type_of(arg)->special(SP_bytes).is_null()) {
                Value r = call_special_opt(arg, SP_bytes, nullptr, 0);
                if (!is_bytes(r))
                    raise(&exc::TypeError, "__bytes__ returned non-bytes (type %s)", type_name(r).c_str());
                emit(r.as<BytesObject>()->view(), true);
            } else {
                raise(&exc::TypeError, "%%b requires a bytes-like object, or an object that implements __bytes__, not '%s'",
                    type_name(arg).c_str());
            }
            break;
        }
        case 'r':
        case 'a': {
            StrObject* r = py_ascii(arg);
            emit(r->ascii_view(), true);
            break;
        }
        case 'c': {
            std::string tmp;
            SV v;
            char ch;
            if (bytes_like(arg, tmp, &v)) {
                if (v.size() != 1)
                    raise(&exc::TypeError, "%%c requires an integer in range(256) or a single byte");
                ch = v[0];
            } else if (is_int(arg) || !type_of(arg)->special(SP_index).is_null()) {
                int64_t x;
                if (!int_to_i64(py_number_index(arg), &x) || x < 0 || x > 255)
                    raise(&exc::OverflowError, "%%c arg not in range(256)");
                ch = static_cast<char>(x);
            } else {
                raise(&exc::TypeError, "%%c requires an integer in range(256) or a single byte");
            }
            emit(SV(&ch, 1), false);
            break;
        }
        case 'd': case 'i': case 'u': case 'o': case 'x': case 'X':
            // bytes' formatlong names %i as %d in its messages.
            out += printf_format_number(
                printf_int_arg(arg, conv == 'i' ? 'd' : conv), conv, flags, width, prec);
            break;
        case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
            if (!printf_float_arg_ok(arg))
                raise(&exc::TypeError, "float argument required, not %s", type_name(arg).c_str());
            out += printf_format_number(arg, conv, flags, width, prec);
            break;
        default:
            raise(&exc::ValueError, "unsupported format character '%c' (0x%x) at index %zu",
                (conv >= 32 && conv < 127) ? conv : '?', static_cast<unsigned char>(conv), i - 1);
        }
    }
    pargs.check_all_used("bytes");
    return out;
}

} // namespace pystm

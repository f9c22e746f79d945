// The Unicode character database read from Debian's unicode-data files (see unicode_names.h).
//
// Tables: one Record per UnicodeData.txt line, sorted by code point, where a "<..., First>" /
// "<..., Last>" pair becomes one record covering the range; a name -> code point map (upper-cased
// names and aliases); named sequences; East Asian widths as sorted intervals; and the intervals
// of code points new in Unicode 15.0, which are reported as unassigned (CPython 3.11 is 14.0).
// Invariant: the tables are written only inside the std::call_once of load() and never after.
#include "base/unicode_names.h"

#include <algorithm>
#include <bzlib.h>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace pystm::unicode {

namespace {

struct Record {
    uint32_t first;
    uint32_t last;
    std::string name; // empty for "<control>" and ranges
    bool cjk_range = false; // names are CJK UNIFIED IDEOGRAPH-XXXX
    bool hangul_range = false;
    char category[3] = { 'C', 'n', 0 };
    int combining = 0;
    std::string bidi;
    std::string decomposition;
    int decimal = -1;
    int digit = -1;
    bool has_numeric = false;
    double numeric = 0;
    bool mirrored = false;
};

struct Interval {
    uint32_t first;
    uint32_t last;
    std::string value;
};

struct Database {
    bool ok = false;
    std::string error;
    std::vector<Record> records;
    std::unordered_map<std::string, uint32_t> by_name;
    std::unordered_map<std::string, std::u32string> sequences;
    std::vector<Interval> widths;
    std::vector<Interval> newer; // code points younger than Unicode 14.0
    std::unordered_map<uint32_t, double> unihan_numeric; // kPrimary/kAccounting/kOtherNumeric
};

Database s_db;
std::once_flag s_once;

std::string upper(std::string_view s)
{
    std::string r(s);
    for (char& c : r)
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
    return r;
}

std::string trim(std::string_view s)
{
    size_t b = 0, e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t'))
        b++;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r'))
        e--;
    return std::string(s.substr(b, e - b));
}

std::vector<std::string> split(std::string const& line, char sep)
{
    std::vector<std::string> out;
    size_t start = 0;
    for (;;) {
        size_t p = line.find(sep, start);
        out.push_back(line.substr(start, p == std::string::npos ? std::string::npos : p - start));
        if (p == std::string::npos)
            return out;
        start = p + 1;
    }
}

uint32_t hex(std::string const& s) { return static_cast<uint32_t>(std::strtoul(s.c_str(), nullptr, 16)); }

// Data lines of a UCD file with comments stripped; false if it cannot be opened.
bool read_lines(std::string const& path, std::vector<std::string>* out)
{
    std::ifstream in(path);
    if (!in)
        return false;
    std::string line;
    while (std::getline(in, line)) {
        auto hash = line.find('#');
        if (hash != std::string::npos)
            line.erase(hash);
        line = trim(line);
        if (!line.empty())
            out->push_back(line);
    }
    return true;
}

// "a..b" or "a" of the first field of a property file.
void parse_range(std::string const& field, uint32_t* first, uint32_t* last)
{
    auto dots = field.find("..");
    *first = hex(field.substr(0, dots));
    *last = dots == std::string::npos ? *first : hex(field.substr(dots + 2));
}

Interval const* find_interval(std::vector<Interval> const& v, uint32_t cp)
{
    auto it = std::upper_bound(v.begin(), v.end(), cp, [](uint32_t c, Interval const& i) { return c < i.first; });
    if (it == v.begin())
        return nullptr;
    --it;
    return cp <= it->last ? &*it : nullptr;
}

bool is_newer(uint32_t cp) { return find_interval(s_db.newer, cp) != nullptr; }

// The whole of a bzip2-compressed file; false if it cannot be read.
bool read_bz2(std::string const& path, std::string* out)
{
    FILE* f = std::fopen(path.c_str(), "rb");
    if (!f)
        return false;
    int err = BZ_OK;
    BZFILE* bz = BZ2_bzReadOpen(&err, f, 0, 0, nullptr, 0);
    char buf[65536];
    while (err == BZ_OK) {
        int n = BZ2_bzRead(&err, bz, buf, sizeof buf);
        if ((err == BZ_OK || err == BZ_STREAM_END) && n > 0)
            out->append(buf, static_cast<size_t>(n));
    }
    bool ok = err == BZ_STREAM_END;
    BZ2_bzReadClose(&err, bz);
    std::fclose(f);
    return ok;
}

double parse_numeric(std::string const& s)
{
    auto slash = s.find('/');
    if (slash == std::string::npos)
        return std::strtod(s.c_str(), nullptr);
    return std::strtod(s.substr(0, slash).c_str(), nullptr) / std::strtod(s.substr(slash + 1).c_str(), nullptr);
}

void load()
{
    char const* env = std::getenv("PYSTM_UNICODE_DIR");
    std::string dir = env && *env ? env : "/usr/share/unicode";
    auto missing = [&](char const* file) {
        s_db.error = "the Unicode character database " + dir + "/" + file
            + " is missing (install Debian's unicode-data package: scripts/setup)";
    };
    std::vector<std::string> lines;
    if (!read_lines(dir + "/DerivedAge.txt", &lines))
        return missing("DerivedAge.txt");
    for (auto const& l : lines) {
        auto f = split(l, ';');
        if (f.size() < 2)
            continue;
        std::string age = trim(f[1]);
        // Everything after 14.0 ("15.0", later files: "15.1", ...).
        int major = std::atoi(age.c_str());
        if (major < 15)
            continue;
        Interval iv;
        parse_range(trim(f[0]), &iv.first, &iv.last);
        s_db.newer.push_back(iv);
    }
    std::sort(s_db.newer.begin(), s_db.newer.end(), [](auto const& a, auto const& b) { return a.first < b.first; });

    lines.clear();
    if (!read_lines(dir + "/UnicodeData.txt", &lines))
        return missing("UnicodeData.txt");
    bool range_open = false; // the last record came from a "<..., First>" line
    for (auto const& l : lines) {
        auto f = split(l, ';');
        if (f.size() < 15)
            continue;
        Record r;
        r.first = r.last = hex(f[0]);
        std::string const& name = f[1];
        if (name.size() > 8 && name.compare(name.size() - 7, 7, ", Last>") == 0) {
            if (range_open)
                s_db.records.back().last = r.first;
            range_open = false;
            continue;
        }
        bool first_line = name.size() > 9 && name.compare(name.size() - 8, 8, ", First>") == 0;
        if (first_line) {
            r.cjk_range = name.rfind("<CJK Ideograph", 0) == 0;
            r.hangul_range = name.rfind("<Hangul Syllable", 0) == 0;
        } else if (!name.empty() && name[0] != '<') {
            r.name = name;
        }
        range_open = false;
        if (is_newer(r.first))
            continue;
        range_open = first_line;
        r.category[0] = f[2].size() > 0 ? f[2][0] : 'C';
        r.category[1] = f[2].size() > 1 ? f[2][1] : 'n';
        r.combining = std::atoi(f[3].c_str());
        r.bidi = f[4];
        r.decomposition = f[5];
        if (!f[6].empty())
            r.decimal = std::atoi(f[6].c_str());
        if (!f[7].empty())
            r.digit = std::atoi(f[7].c_str());
        if (!f[8].empty()) {
            r.has_numeric = true;
            r.numeric = parse_numeric(f[8]);
        }
        r.mirrored = f[9] == "Y";
        if (!r.name.empty())
            s_db.by_name.emplace(upper(r.name), r.first);
        s_db.records.push_back(std::move(r));
    }

    lines.clear();
    if (!read_lines(dir + "/NameAliases.txt", &lines))
        return missing("NameAliases.txt");
    // The aliases Unicode 15.0 added for characters that 14.0 already had (DerivedAge cannot
    // date those); CPython 3.11 does not know them.
    static char const* const aliases_15[] = { "EM", "ARABIC SMALL HIGH LIGATURE ALEF WITH YEH BARREE",
        "SUNDANESE LETTER ARCHAIC I" };
    for (auto const& l : lines) {
        auto f = split(l, ';');
        if (f.size() < 2 || is_newer(hex(f[0])))
            continue;
        if (std::find(std::begin(aliases_15), std::end(aliases_15), f[1]) != std::end(aliases_15))
            continue;
        s_db.by_name.emplace(upper(f[1]), hex(f[0]));
    }

    lines.clear();
    if (!read_lines(dir + "/NamedSequences.txt", &lines))
        return missing("NamedSequences.txt");
    for (auto const& l : lines) {
        auto f = split(l, ';');
        if (f.size() < 2)
            continue;
        std::u32string seq;
        bool young = false;
        for (auto const& cp : split(trim(f[1]), ' ')) {
            if (cp.empty())
                continue;
            seq += static_cast<char32_t>(hex(cp));
            young = young || is_newer(hex(cp));
        }
        if (!young)
            s_db.sequences.emplace(upper(trim(f[0])), seq);
    }

    // CPython gives CJK ideographs the numeric values of the Unihan database.
    std::string unihan;
    if (!read_bz2(dir + "/Unihan_NumericValues.txt.bz2", &unihan))
        return missing("Unihan_NumericValues.txt.bz2");
    for (auto const& l : split(unihan, '\n')) {
        if (l.rfind("U+", 0) != 0)
            continue;
        auto f = split(trim(l), '\t');
        uint32_t cp = hex(f[0].substr(2));
        if (f.size() >= 3 && !is_newer(cp))
            s_db.unihan_numeric[cp] = parse_numeric(f[2]);
    }

    lines.clear();
    if (!read_lines(dir + "/EastAsianWidth.txt", &lines))
        return missing("EastAsianWidth.txt");
    for (auto const& l : lines) {
        auto f = split(l, ';');
        if (f.size() < 2)
            continue;
        Interval iv;
        parse_range(trim(f[0]), &iv.first, &iv.last);
        iv.value = trim(f[1]);
        s_db.widths.push_back(iv);
    }
    std::sort(s_db.widths.begin(), s_db.widths.end(), [](auto const& a, auto const& b) { return a.first < b.first; });
    s_db.ok = true;
}

bool ensure_loaded()
{
    std::call_once(s_once, load);
    return s_db.ok;
}

Record const* find_record(uint32_t cp)
{
    auto const& v = s_db.records;
    auto it = std::upper_bound(v.begin(), v.end(), cp, [](uint32_t c, Record const& r) { return c < r.first; });
    if (it == v.begin())
        return nullptr;
    --it;
    if (cp > it->last || is_newer(cp))
        return nullptr;
    return &*it;
}

// Hangul syllables (Unicode 3.12, "Conjoining Jamo Behavior").
constexpr uint32_t S_BASE = 0xAC00, L_COUNT = 19, V_COUNT = 21, T_COUNT = 28;
constexpr uint32_t N_COUNT = V_COUNT * T_COUNT, S_COUNT = L_COUNT * N_COUNT;
char const* const JAMO_L[L_COUNT]
    = { "G", "GG", "N", "D", "DD", "R", "M", "B", "BB", "S", "SS", "", "J", "JJ", "C", "K", "T", "P", "H" };
char const* const JAMO_V[V_COUNT] = { "A", "AE", "YA", "YAE", "EO", "E", "YEO", "YE", "O", "WA", "WAE", "OE", "YO",
    "U", "WEO", "WE", "WI", "YU", "EU", "YI", "I" };
char const* const JAMO_T[T_COUNT] = { "", "G", "GG", "GS", "N", "NJ", "NH", "D", "L", "LG", "LM", "LB", "LS", "LT",
    "LP", "LH", "M", "B", "BS", "S", "SS", "NG", "J", "C", "K", "T", "P", "H" };

// Index of the longest entry of [table] that prefixes [s] at [pos]; advances [pos].
int longest_jamo(char const* const* table, uint32_t count, std::string_view s, size_t* pos)
{
    int best = -1;
    size_t best_len = 0;
    for (uint32_t i = 0; i < count; ++i) {
        size_t len = std::char_traits<char>::length(table[i]);
        if (s.substr(*pos, len) == table[i] && (best < 0 || len > best_len)) {
            best = static_cast<int>(i);
            best_len = len;
        }
    }
    *pos += best_len;
    return best;
}

bool lookup_hangul(std::string_view rest, uint32_t* out)
{
    size_t pos = 0;
    int l = longest_jamo(JAMO_L, L_COUNT, rest, &pos);
    int v = longest_jamo(JAMO_V, V_COUNT, rest, &pos);
    int t = longest_jamo(JAMO_T, T_COUNT, rest, &pos);
    if (l < 0 || v < 0 || t < 0 || pos != rest.size())
        return false;
    *out = S_BASE + (static_cast<uint32_t>(l) * V_COUNT + static_cast<uint32_t>(v)) * T_COUNT + static_cast<uint32_t>(t);
    return true;
}

bool lookup_cjk(std::string_view digits, uint32_t* out)
{
    if (digits.size() != 4 && digits.size() != 5)
        return false;
    uint32_t v = 0;
    for (char c : digits) {
        if (c >= '0' && c <= '9')
            v = v * 16 + static_cast<uint32_t>(c - '0');
        else if (c >= 'A' && c <= 'F')
            v = v * 16 + static_cast<uint32_t>(c - 'A' + 10);
        else
            return false;
    }
    Record const* r = find_record(v);
    if (!r || !r->cjk_range)
        return false;
    *out = v;
    return true;
}

} // namespace

bool database_available(std::string* error)
{
    if (ensure_loaded())
        return true;
    if (error)
        *error = s_db.error;
    return false;
}

bool lookup(std::string_view name, bool named_sequences, std::u32string* out)
{
    if (!ensure_loaded() || name.size() > MAX_NAME_LENGTH)
        return false;
    uint32_t cp = 0;
    constexpr std::string_view cjk = "CJK UNIFIED IDEOGRAPH-";
    if (name.substr(0, cjk.size()) == cjk) {
        if (!lookup_cjk(name.substr(cjk.size()), &cp))
            return false;
        *out = std::u32string(1, static_cast<char32_t>(cp));
        return true;
    }
    // The prefix is matched without regard to case, the syllable itself exactly (as CPython).
    constexpr std::string_view hangul = "HANGUL SYLLABLE ";
    if (name.size() > hangul.size() && upper(name.substr(0, hangul.size())) == hangul) {
        if (lookup_hangul(name.substr(hangul.size()), &cp)) {
            *out = std::u32string(1, static_cast<char32_t>(cp));
            return true;
        }
    }
    std::string key = upper(name);
    auto it = s_db.by_name.find(key);
    if (it != s_db.by_name.end()) {
        *out = std::u32string(1, static_cast<char32_t>(it->second));
        return true;
    }
    if (named_sequences) {
        auto seq = s_db.sequences.find(key);
        if (seq != s_db.sequences.end()) {
            *out = seq->second;
            return true;
        }
    }
    return false;
}

bool name_of(uint32_t cp, std::string* out)
{
    if (!ensure_loaded())
        return false;
    Record const* r = find_record(cp);
    if (!r)
        return false;
    if (r->hangul_range) {
        uint32_t s = cp - S_BASE;
        if (s >= S_COUNT)
            return false;
        *out = std::string("HANGUL SYLLABLE ") + JAMO_L[s / N_COUNT] + JAMO_V[(s % N_COUNT) / T_COUNT]
            + JAMO_T[s % T_COUNT];
        return true;
    }
    if (r->cjk_range) {
        char buf[40];
        std::snprintf(buf, sizeof buf, "CJK UNIFIED IDEOGRAPH-%X", cp);
        *out = buf;
        return true;
    }
    if (r->name.empty())
        return false;
    *out = r->name;
    return true;
}

bool properties_of(uint32_t cp, CharProperties* out)
{
    if (!ensure_loaded())
        return false;
    *out = CharProperties {};
    Record const* r = find_record(cp);
    if (!r) {
        // CPython 3.11's record for unassigned code points.
        out->category[0] = 'C';
        out->category[1] = 'n';
        out->category[2] = 0;
        out->east_asian_width = "F";
        return true;
    }
    out->category[0] = r->category[0];
    out->category[1] = r->category[1];
    out->category[2] = 0;
    out->bidirectional = r->bidi;
    out->combining = r->combining;
    out->mirrored = r->mirrored;
    out->decomposition = r->decomposition;
    out->decimal = r->decimal;
    out->digit = r->digit;
    out->has_numeric = r->has_numeric;
    out->numeric = r->numeric;
    if (!out->has_numeric) {
        auto it = s_db.unihan_numeric.find(cp);
        if (it != s_db.unihan_numeric.end()) {
            out->has_numeric = true;
            out->numeric = it->second;
        }
    }
    Interval const* w = find_interval(s_db.widths, cp);
    out->east_asian_width = w ? w->value : "N";
    return true;
}

} // namespace pystm::unicode

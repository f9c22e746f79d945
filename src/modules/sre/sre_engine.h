// The matching engine of _sre: interprets the code lists that CPython 3.11's re._compiler
// produces, over str (1, 2 or 4 bytes per code point) or bytes subjects.
//
// Semantics follow CPython's engine exactly: backtracking order, how capture marks and
// lastindex survive failed alternatives (LASTMARK save/restore, mark snapshots only while a
// REPEAT is active), zero-width protection of repeats, must_advance for empty matches in
// sub/split/findall/finditer, and positions before pos / after endpos being invisible except to
// ^ and lookbehind (which see the string from index 0).
//
// Invariant SRE-1: matching never recurses on the C++ stack: every backtracking point is a
// context pushed on State::m_ctxs (heap memory), and capture snapshots live on State::m_marks_stack.
// Invariant SRE-2: code is validated once by validate_code() (sre_module.cpp) before any match;
// the engine trusts every skip, group and charset operand it reads.
// Invariant SRE-3: the engine holds no Values: positions are code-point indices from the start of
// the subject, whose object the caller keeps alive in a local (GC-1).
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

namespace pystm::sre {

using Code = uint32_t;
constexpr Code MAXREPEAT = 0xFFFFFFFFu;
constexpr int64_t MAXGROUPS = 0x3FFFFFFF;
constexpr int64_t MAGIC = 20220615;

// Opcode numbers: the order of OPCODES in re/_constants.py.
enum Opcode : Code {
    OP_FAILURE, OP_SUCCESS, OP_ANY, OP_ANY_ALL, OP_ASSERT, OP_ASSERT_NOT, OP_AT, OP_BRANCH,
    OP_CATEGORY, OP_CHARSET, OP_BIGCHARSET, OP_GROUPREF, OP_GROUPREF_EXISTS, OP_IN, OP_INFO,
    OP_JUMP, OP_LITERAL, OP_MARK, OP_MAX_UNTIL, OP_MIN_UNTIL, OP_NOT_LITERAL, OP_NEGATE,
    OP_RANGE, OP_REPEAT, OP_REPEAT_ONE, OP_SUBPATTERN, OP_MIN_REPEAT_ONE, OP_ATOMIC_GROUP,
    OP_POSSESSIVE_REPEAT, OP_POSSESSIVE_REPEAT_ONE, OP_GROUPREF_IGNORE, OP_IN_IGNORE,
    OP_LITERAL_IGNORE, OP_NOT_LITERAL_IGNORE, OP_GROUPREF_LOC_IGNORE, OP_IN_LOC_IGNORE,
    OP_LITERAL_LOC_IGNORE, OP_NOT_LITERAL_LOC_IGNORE, OP_GROUPREF_UNI_IGNORE, OP_IN_UNI_IGNORE,
    OP_LITERAL_UNI_IGNORE, OP_NOT_LITERAL_UNI_IGNORE, OP_RANGE_UNI_IGNORE,
    OP_COUNT
};

enum AtCode : Code {
    AT_BEGINNING, AT_BEGINNING_LINE, AT_BEGINNING_STRING, AT_BOUNDARY, AT_NON_BOUNDARY, AT_END,
    AT_END_LINE, AT_END_STRING, AT_LOC_BOUNDARY, AT_LOC_NON_BOUNDARY, AT_UNI_BOUNDARY,
    AT_UNI_NON_BOUNDARY,
    AT_COUNT
};

enum ChCode : Code {
    CAT_DIGIT, CAT_NOT_DIGIT, CAT_SPACE, CAT_NOT_SPACE, CAT_WORD, CAT_NOT_WORD, CAT_LINEBREAK,
    CAT_NOT_LINEBREAK, CAT_LOC_WORD, CAT_LOC_NOT_WORD, CAT_UNI_DIGIT, CAT_UNI_NOT_DIGIT,
    CAT_UNI_SPACE, CAT_UNI_NOT_SPACE, CAT_UNI_WORD, CAT_UNI_NOT_WORD, CAT_UNI_LINEBREAK,
    CAT_UNI_NOT_LINEBREAK,
    CAT_COUNT
};

enum : uint32_t {
    FLAG_TEMPLATE = 1, FLAG_IGNORECASE = 2, FLAG_LOCALE = 4, FLAG_MULTILINE = 8, FLAG_DOTALL = 16,
    FLAG_UNICODE = 32, FLAG_VERBOSE = 64, FLAG_DEBUG = 128, FLAG_ASCII = 256,
};
enum : uint32_t { INFO_PREFIX = 1, INFO_LITERAL = 2, INFO_CHARSET = 4 };

// --- character predicates and case mappings (sre_chars.cpp) ----------------------------------
bool category(Code cat, uint32_t ch);
inline uint32_t lower_ascii(uint32_t ch) { return (ch >= 'A' && ch <= 'Z') ? ch + 32 : ch; }
inline uint32_t upper_ascii(uint32_t ch) { return (ch >= 'a' && ch <= 'z') ? ch - 32 : ch; }
// The "C" locale's case mapping: pystm does not apply setlocale() to LC_CTYPE, so the locale
// variants (re.LOCALE) see ASCII rules, as CPython does under the C and C.UTF-8 locales.
inline uint32_t lower_locale(uint32_t ch) { return lower_ascii(ch); }
inline uint32_t upper_locale(uint32_t ch) { return upper_ascii(ch); }
// First code point of the full lower/upper case mapping (CPython's Py_UNICODE_TOLOWER/UPPER).
uint32_t lower_unicode(uint32_t ch);
uint32_t upper_unicode(uint32_t ch);
bool ascii_iscased(uint32_t ch);
bool unicode_iscased(uint32_t ch);
// Membership of [ch] in the charset items starting at [set] (ended by FAILURE).
bool in_charset(Code const* set, uint32_t ch);
inline bool char_loc_ignore(Code pattern, uint32_t ch)
{
    return ch == pattern || lower_locale(ch) == pattern || upper_locale(ch) == pattern;
}
bool in_charset_loc_ignore(Code const* set, uint32_t ch);

// --- matching state ----------------------------------------------------------------------------
struct Repeat {
    int64_t count;
    Code const* pattern; // the REPEAT's operands: [skip, min, max, body...]
    int64_t last_ptr; // -1: none
    Repeat* prev;
};

struct Ctx {
    Code const* pat; // resume position while a child runs
    int64_t ptr;
    int64_t count;
    int64_t saved_last_ptr;
    Repeat* rep;
    int32_t lastmark;
    int32_t lastindex;
    uint32_t chr;
    uint8_t jump; // where the parent resumes when this context returns
    bool toplevel;
};

// One matching session over one subject (Pattern.match/search/..., or a scanner's lifetime).
struct State {
    void const* m_data = nullptr; // code points of the subject (or m_copy's bytes)
    int m_charsize = 1;
    bool m_isbytes = false;
    std::string m_copy; // private copy of a mutable subject (bytearray)
    int64_t m_length = 0;
    int64_t m_pos = 0, m_endpos = 0; // pos/endpos after clamping
    int64_t m_start = 0; // where the current attempt began
    int64_t m_ptr = 0; // end of the current match (after success)
    int64_t m_end = 0; // == m_endpos
    bool m_match_all = false;
    bool m_must_advance = false;
    int64_t m_lastmark = -1;
    int64_t m_lastindex = -1;
    std::vector<int64_t> m_marks; // 2 * groups entries; -1 unset
    Repeat* m_repeat = nullptr;
    std::vector<Ctx> m_ctxs;
    std::vector<int64_t> m_marks_stack;
    std::deque<Repeat> m_repeats;
    uint32_t m_sigcount = 0;

    void reset()
    {
        m_lastmark = -1;
        m_lastindex = -1;
        m_repeat = nullptr;
        m_ctxs.clear();
        m_marks_stack.clear();
        m_repeats.clear();
    }
    uint32_t char_at(int64_t i) const
    {
        switch (m_charsize) {
        case 1: return static_cast<uint8_t const*>(m_data)[i];
        case 2: return static_cast<uint16_t const*>(m_data)[i];
        default: return static_cast<uint32_t const*>(m_data)[i];
        }
    }
};

// Runs [code] (starting with its INFO block) anchored at m_ptr (= m_start). 1 on a match
// (m_ptr is its end), 0 otherwise. May raise (KeyboardInterrupt from the eval breaker,
// MemoryError).
int match(State& st, Code const* code);
// Finds the first match at or after m_start: sets m_start to where it begins.
int search(State& st, Code const* code);

} // namespace pystm::sre

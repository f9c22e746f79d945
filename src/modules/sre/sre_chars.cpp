// Character classes, case mappings and charset membership for the _sre engine: the CATEGORY
// codes, the ascii/unicode/locale case helpers that re._compiler and the *_IGNORE opcodes use,
// and the charset item interpreter (LITERAL, RANGE, RANGE_UNI_IGNORE, CHARSET, BIGCHARSET,
// CATEGORY, NEGATE inside IN).
//
// The unicode predicates are those of str (objects/str_internal.h: isdecimal, isspace, isalnum,
// the line-break set of splitlines), so \d, \s, \w agree with str.isdecimal() and friends.
#include "modules/sre/sre_engine.h"
#include "objects/str_internal.h"

namespace pystm::sre {

namespace {

bool ascii_digit(uint32_t ch) { return ch >= '0' && ch <= '9'; }
bool ascii_space(uint32_t ch) { return ch == ' ' || (ch >= 9 && ch <= 13); }
bool ascii_alnum(uint32_t ch)
{
    return ascii_digit(ch) || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}
bool ascii_word(uint32_t ch) { return ch < 128 && (ascii_alnum(ch) || ch == '_'); }
bool uni_word(uint32_t ch) { return ch == '_' || uni_isalnum(ch); }

} // namespace

bool category(Code cat, uint32_t ch)
{
    switch (cat) {
    case CAT_DIGIT: return ascii_digit(ch);
    case CAT_NOT_DIGIT: return !ascii_digit(ch);
    case CAT_SPACE: return ascii_space(ch);
    case CAT_NOT_SPACE: return !ascii_space(ch);
    case CAT_WORD: return ascii_word(ch);
    case CAT_NOT_WORD: return !ascii_word(ch);
    case CAT_LINEBREAK: return ch == '\n';
    case CAT_NOT_LINEBREAK: return ch != '\n';
    case CAT_LOC_WORD: return ascii_word(ch);
    case CAT_LOC_NOT_WORD: return !ascii_word(ch);
    case CAT_UNI_DIGIT: return uni_isdecimal(ch);
    case CAT_UNI_NOT_DIGIT: return !uni_isdecimal(ch);
    case CAT_UNI_SPACE: return uni_isspace(ch);
    case CAT_UNI_NOT_SPACE: return !uni_isspace(ch);
    case CAT_UNI_WORD: return uni_word(ch);
    case CAT_UNI_NOT_WORD: return !uni_word(ch);
    case CAT_UNI_LINEBREAK: return uni_is_linebreak(ch);
    case CAT_UNI_NOT_LINEBREAK: return !uni_is_linebreak(ch);
    }
    return false;
}

uint32_t lower_unicode(uint32_t ch)
{
    if (ch < 128)
        return lower_ascii(ch);
    uint32_t out[3];
    uni_to_lower_full(ch, out);
    return out[0];
}

uint32_t upper_unicode(uint32_t ch)
{
    if (ch < 128)
        return upper_ascii(ch);
    uint32_t out[3];
    uni_to_upper_full(ch, out);
    return out[0];
}

bool ascii_iscased(uint32_t ch) { return ch < 128 && ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z'); }

bool unicode_iscased(uint32_t ch) { return ch != lower_unicode(ch) || ch != upper_unicode(ch); }

bool in_charset(Code const* set, uint32_t ch)
{
    bool ok = true;
    for (;;) {
        switch (*set++) {
        case OP_FAILURE:
            return !ok;
        case OP_LITERAL:
            if (ch == set[0])
                return ok;
            set += 1;
            break;
        case OP_CATEGORY:
            if (category(set[0], ch))
                return ok;
            set += 1;
            break;
        case OP_CHARSET:
            // A 256-bit map in 8 code words.
            if (ch < 256 && (set[ch >> 5] & (1u << (ch & 31))))
                return ok;
            set += 8;
            break;
        case OP_RANGE:
            if (set[0] <= ch && ch <= set[1])
                return ok;
            set += 2;
            break;
        case OP_RANGE_UNI_IGNORE: {
            if (set[0] <= ch && ch <= set[1])
                return ok;
            uint32_t up = upper_unicode(ch);
            if (set[0] <= up && up <= set[1])
                return ok;
            set += 2;
            break;
        }
        case OP_NEGATE:
            ok = !ok;
            break;
        case OP_BIGCHARSET: {
            // [count] then 256 block numbers packed as bytes into 64 words (native order, as
            // memoryview.cast('I') wrote them), then [count] 256-bit blocks.
            Code nblocks = *set++;
            if (ch < 0x10000) {
                uint32_t hi = ch >> 8;
                uint32_t block = (set[hi >> 2] >> ((hi & 3) * 8)) & 0xff;
                Code const* bits = set + 64 + block * 8;
                uint32_t lo = ch & 255;
                if (bits[lo >> 5] & (1u << (lo & 31)))
                    return ok;
            }
            set += 64 + nblocks * 8;
            break;
        }
        default:
            // Unreachable after validation (SRE-2).
            return false;
        }
    }
}

bool in_charset_loc_ignore(Code const* set, uint32_t ch)
{
    if (in_charset(set, ch))
        return true;
    uint32_t lo = lower_locale(ch);
    if (lo != ch && in_charset(set, lo))
        return true;
    uint32_t up = upper_locale(ch);
    return up != ch && up != lo && in_charset(set, up);
}

} // namespace pystm::sre

// The Unicode character database behind `\N{NAME}` escapes and the unicodedata module: names,
// aliases, named sequences and the per-character properties of UnicodeData.txt.
//
// No library on the build machine carries Unicode names, so the database is read at run time,
// the first time anything asks for it, from Debian's `unicode-data` package
// (/usr/share/unicode, or the directory in $PYSTM_UNICODE_DIR): UnicodeData.txt,
// NameAliases.txt, NamedSequences.txt, EastAsianWidth.txt, DerivedAge.txt and
// Unihan_NumericValues.txt.bz2 (numeric values of CJK ideographs). Loading happens
// once per process under std::call_once; afterwards the tables are immutable and shared by all
// threads without locks.
//
// Version: CPython 3.11 reports Unicode 14.0.0; Debian 12 ships 15.0.0. Code points that
// DerivedAge.txt dates to 15.0 (4,489 of them, e.g. CJK Extension H, U+31350..U+323AF, and
// U+0CF3) are treated as unassigned, and the three aliases 15.0 added to older characters (EM,
// ARABIC SMALL HIGH LIGATURE ALEF WITH YEH BARREE, SUNDANESE LETTER ARCHAIC I) are dropped, so
// names, aliases, named sequences and every property below match CPython 3.11 for all code
// points (checked exhaustively against python3.11). A later unicode-data package may change
// properties of existing characters, which this filtering would not undo. Normalization comes
// from utf8proc, whose tables follow its own Unicode version (15.0 in Debian 12).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace pystm::unicode {

// Loads the database if needed. False if its files are missing or unreadable; [error] then says
// which file and how to install it.
bool database_available(std::string* error);

// The code point named [name] (case-insensitive, as CPython: "latin small letter a" works,
// except the algorithmic CJK UNIFIED IDEOGRAPH-XXXX names, which are matched exactly), including
// Hangul syllables and the aliases of NameAliases.txt. With [named_sequences], a named sequence
// (NamedSequences.txt) may also match and yields several code points. False if none matches
// or the database is missing.
bool lookup(std::string_view name, bool named_sequences, std::u32string* out);

// The name of [cp] ("LATIN SMALL LETTER A", "CJK UNIFIED IDEOGRAPH-4E00", "HANGUL SYLLABLE GA");
// false if it has none.
bool name_of(uint32_t cp, std::string* out);

// The properties of one code point (unassigned ones: category "Cn", bidirectional "",
// east_asian_width "F" and no numeric values, as CPython 3.11 reports them).
struct CharProperties {
    char category[3];
    std::string bidirectional;
    int combining = 0;
    std::string east_asian_width;
    bool mirrored = false;
    std::string decomposition;
    int decimal = -1; // -1: none
    int digit = -1;
    bool has_numeric = false;
    double numeric = 0;
};
// False only when the database is missing.
bool properties_of(uint32_t cp, CharProperties* out);

// Longest name (CPython rejects longer lookups with "name too long").
constexpr size_t MAX_NAME_LENGTH = 256;

} // namespace pystm::unicode

// The _sre object types: re.Pattern (compiled code plus the pattern's metadata), re.Match (the
// spans of one match) and _sre.SRE_Scanner (a matching session that advances through a subject),
// and the helpers they share. Private to src/modules/sre.
//
// Pattern and Match are immutable after construction (OBJ-1): their C++ state (the code vector,
// the marks array) is written only before the object is published. A scanner's State changes
// on every match()/search() and is accessed under the scanner's barriers (access.h).
#pragma once

#include "modules/sre/sre_engine.h"
#include "objects/api.h"
#include "objects/function_object.h"

namespace pystm {

struct DictObject;
struct TupleObject;
struct StrObject;

namespace sre {

struct PatternObject : Object {
    std::vector<Code>* m_code = nullptr; // owned; freed by the type's destroy
    Value m_pattern; // the source (str, bytes) or None
    int64_t m_flags = 0;
    int64_t m_groups = 0; // capturing groups, not counting group 0
    DictObject* m_groupindex = nullptr; // name -> number (never null after compile)
    TupleObject* m_indexgroup = nullptr; // number -> name or None, or null
    int m_isbytes = -1; // -1: no source pattern (either kind of subject is accepted)
    explicit PatternObject(Type* t) : Object(t) { }
};

// Spans are stored inline after the struct: 2 * m_ngroups int64 (start, end; -1 when unset).
struct MatchObject : Object {
    Value m_string;
    PatternObject* m_pattern;
    int64_t m_pos, m_endpos;
    int64_t m_lastindex;
    int64_t m_ngroups; // groups + 1
    MatchObject(Type* t, Value string, PatternObject* p)
        : Object(t), m_string(string), m_pattern(p), m_pos(0), m_endpos(0), m_lastindex(-1), m_ngroups(0) { }
    int64_t* marks() { return reinterpret_cast<int64_t*>(this + 1); }
    int64_t const* marks() const { return reinterpret_cast<int64_t const*>(this + 1); }
};

struct ScannerObject : Object {
    PatternObject* m_pattern = nullptr;
    Value m_string;
    State* m_state = nullptr; // owned; freed by the type's destroy
    bool m_exhausted = false;
    bool m_executing = false;
    explicit ScannerObject(Type* t) : Object(t) { }
};

inline Code const* pattern_code(PatternObject* p) { return p->m_code->data(); }

extern Type pattern_type;
extern Type match_type;
extern Type scanner_type;

// Fills [st] for matching [string] (str, bytes or bytearray) from [pos] to [endpos] (clamped as
// CPython does), checking the subject's kind against the pattern's. Raises TypeError.
void state_init(State& st, PatternObject* p, Value string, int64_t pos, int64_t endpos);
// A Match for the successful attempt recorded in [st] (m_start .. m_ptr and the marks).
MatchObject* match_new(PatternObject* p, State const& st, Value string);
// string[start:end] as CPython's getslice: an exact str or bytes (the subject itself when it is
// an exact str/bytes and the slice is whole).
Value subject_slice(State const& st, Value string, int64_t start, int64_t end);
// Group [index] (1-based) of the attempt recorded in [st], or [dflt] (None or "") when unset.
Value state_group(State const& st, Value string, int64_t index, Value dflt);
ScannerObject* scanner_new(PatternObject* p, Value string, int64_t pos, int64_t endpos);
// The iterator Pattern.finditer returns: iter(scanner.search, None).
Value scanner_iterator(ScannerObject* sc);
// Checks the code list of a new pattern (SRE-2); RuntimeError "invalid SRE code".
void validate_code(std::vector<Code> const& code, int64_t groups);

// _sre.compile(pattern, flags, code, groups, groupindex, indexgroup) (sre_pattern.cpp).
Value sre_compile(Value module, Value const* args, size_t nargs, TupleObject* kwnames);

void setup_pattern_type();
void init_pattern_type();
void setup_match_types();
void init_match_types();

} // namespace sre
} // namespace pystm

// Module objects: a namespace dict plus a name.
#pragma once

#include "objects/object.h"

namespace pystm {

struct DictObject;
struct StrObject;

struct ModuleObject : Object {
    DictObject* m_dict;
    explicit ModuleObject(Type* t, DictObject* d) : Object(t), m_dict(d) { }
};

extern Type module_type;

// A new module named [name] with __name__, __doc__ (None), __package__, __loader__ and __spec__
// (None) set, as types.ModuleType(name).
ModuleObject* module_new(StrObject* name);
ModuleObject* module_new(char const* name);

} // namespace pystm

// Declarations shared between the built-in module files (itertools, _collections,
// _weakref, ...), not part of the runtime's public surface.
#pragma once

#include "objects/object.h"

namespace pystm {

// _collections.deque (collections_module.cpp): weakref_module.cpp accepts weak references to it.
extern Type deque_type;
// array.array (array_module.cpp): weakref_module.cpp accepts weak references to it.
extern Type array_type;
// functools.partial and functools._lru_cache_wrapper (functools_module.cpp): weakref_module.cpp
// accepts weak references to them.
extern Type partial_type;
extern Type lru_type;

// True if weak references to instances of [t] may be created (CPython's tp_weaklistoffset).
bool type_supports_weakrefs(Type* t);
// weakref.ref(ob, callback) ([callback] null for none; weakref_module.cpp): TypeError when [ob]
// cannot be weakly referenced.
Value weakref_new(Value ob, Value callback);

} // namespace pystm

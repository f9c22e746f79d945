// Class creation: type(name, bases, dict) / class statements (type_new), the C3 MRO, metaclass
// calculation, instance layout (__dict__ and __slots__), and type's own attributes and methods
// (__name__, __bases__, __mro__, mro(), __subclasses__(), __instancecheck__, ...).
//
// Layout of a heap type's instances (LAYOUT-1): the builtin layout of its nearest builtin base
// (m_layout_size bytes), then one word per __slots__ entry and per __dict__ pointer that heap
// types along the base chain added, in order of addition (inherited words first, so a subclass
// keeps its bases' offsets). m_slots_offset / m_nslots cover that whole region, so the collector
// traces the __dict__ pointer as one of the slot words as well (harmless: it is a Value).
// Variable-size builtin layouts (str, tuple, bytes) keep their items right after the struct, so
// their heap subclasses' words follow the items (OBJ-2, found through the inherited m_var_size):
// such subclasses may add a __dict__ but no nonempty __slots__.
#include "gc/heap.h"
#include "gc/weak_slots.h"
#include "modules/stdlib_core.h"
#include "objects/codecs.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/int_object.h"
#include "objects/list_object.h"
#include "objects/range_object.h"
#include "objects/str_internal.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_internal.h"
#include "vm/interpreter.h"
#include <algorithm>
#include <functional>
#include <vector>

namespace pystm {

namespace {

bool is_varsize_builtin(Type* t)
{
    while (t->has_flag(TF_HEAPTYPE))
        t = t->m_base;
    return t->has_flag(TF_STR_SUBCLASS | TF_TUPLE_SUBCLASS | TF_BYTES_SUBCLASS);
}

// The type among [t]'s ancestors that last changed the instance layout (CPython's solid_base).
Type* solid_base(Type* t)
{
    Type* base = t->m_base ? solid_base(t->m_base) : &object_type;
    if (t == &object_type)
        return t;
    uint32_t t_size = t->m_instance_size;
    // A __dict__ word added by a heap type alone does not make its layout incompatible.
    if (t->has_flag(TF_HEAPTYPE) && t->m_dict_offset && !base->m_dict_offset
        && t->m_dict_offset + 8 == t_size)
        t_size -= 8;
    return t_size != base->m_instance_size ? t : base;
}

// Private name mangling of __slots__ entries: __x in class _A becomes _A__x.
StrObject* mangle(StrObject* cls_name, StrObject* name)
{
    std::string n = str_utf8(name);
    if (n.size() < 3 || n.compare(0, 2, "__") != 0 || n.compare(n.size() - 2, 2, "__") == 0
        || n.find('.') != std::string::npos)
        return name;
    std::string c = str_utf8(cls_name);
    size_t i = c.find_first_not_of('_');
    if (i == std::string::npos)
        return name;
    return intern("_" + c.substr(i) + n);
}

// The __dict__ descriptor of the nearest builtin base of type(self) that keeps its own
// namespace (type, module, function), or null (CPython's get_builtin_base_with_dict): a heap
// class mixing such a base with a plain class must not reach that namespace through the plain
// class's __dict__ descriptor (Base.__dict__['__dict__'].__set__(cls, {}) on a metaclass).
Value builtin_dict_descriptor(Value self)
{
    Type* b = type_of(self);
    while (b && b->has_flag(TF_HEAPTYPE))
        b = b->m_base;
    if (!b || !b->m_dict_offset)
        return Value();
    Value d = type_lookup(b, names::__dict__);
    return d && is_data_descriptor(d) ? d : Value();
}

Value dict_getset_get(Value self)
{
    if (Value descr = builtin_dict_descriptor(self))
        return descr_get(descr, self, Value(type_of(self)));
    DictObject* d = instance_dict(self, true);
    if (!d)
        raise(&exc::AttributeError, "This object has no __dict__");
    return d;
}

void dict_getset_set(Value self, Value v)
{
    if (Value descr = builtin_dict_descriptor(self)) {
        if (!descr_set(descr, self, v))
            raise(&exc::TypeError, "this __dict__ descriptor does not support '%s' objects",
                type_name(self).c_str());
        return;
    }
    // Deleting drops the dict; the next access creates a fresh one, as in CPython.
    if (v && !is_dict(v))
        raise(&exc::TypeError, "__dict__ must be set to a dictionary, not a '%s'", type_name(v).c_str());
    DictObject** slot = self.is_object() ? instance_dict_slot(self.as_object()) : nullptr;
    if (!slot)
        raise(&exc::AttributeError, "This object has no __dict__");
    write_barrier(self.as_object());
    *slot = v ? v.as<DictObject>() : nullptr;
}

Value weakref_getset_get(Value) { return none(); }

Type* check_type_arg(Value v, char const* what)
{
    if (!is_type(v))
        raise(&exc::TypeError, "%s", what);
    return v.as<Type>();
}

void call_set_names(Type* cls)
{
    DictObject* copy = dict_copy(cls->m_dict);
    int64_t pos = 0;
    Value k, v;
    while (dict_next(copy, &pos, &k, &v)) {
        Value f = type_of(v)->special(SP_set_name);
        if (!f)
            continue;
        try {
            Value args[2] = { Value(cls), k };
            call_unbound(f, v, args, 2, nullptr);
        } catch (PyError&) {
            Value cause = take_exception();
            std::string msg = "Error calling __set_name__ on '" + type_name(v) + "' instance "
                + str_utf8(py_repr(k)) + " in '" + cls->name_str() + "'";
            // As CPython's _PyErr_FormatFromCause: the original is both the cause and the
            // context (code that inspects either finds it).
            Value e = exception_new(&exc::RuntimeError, { Value(str_from_utf8(msg)) });
            auto* eo = e.as<BaseExceptionObject>();
            write_barrier(eo);
            eo->m_cause = cause;
            eo->m_context = cause;
            eo->m_suppress_context = true;
            raise_value(e);
        }
    }
}

void call_init_subclass(Type* cls, DictObject* kwargs)
{
    // CPython calls super(cls, cls).__init_subclass__: the search starts after [cls] in its MRO,
    // and a custom mro() that left [cls] out fails super's check.
    TupleObject* mro = cls->m_mro;
    int64_t start = 0;
    while (start < mro->m_size && mro->item(start) != Value(cls))
        ++start;
    if (start == mro->m_size)
        raise(&exc::TypeError, "super(type, obj): obj must be an instance or subtype of type");
    Value f;
    for (int64_t i = start + 1; i < mro->m_size && !f; ++i)
        f = dict_get_str(mro->item(i).as<Type>()->m_dict, names::__init_subclass__);
    if (!f)
        return;
    Value bound = descr_get(f, Value(), cls);
    int64_t n = kwargs ? dict_size(kwargs) : 0;
    if (n == 0) {
        py_call(bound, nullptr, 0, nullptr);
        return;
    }
    TupleObject* kwn = tuple_new(n);
    gc::RootedValues vals;
    int64_t pos = 0, i = 0;
    Value k, v;
    while (dict_next(kwargs, &pos, &k, &v)) {
        kwn->items()[i++] = k;
        vals.push_back(v);
    }
    py_call(bound, vals.data(), 0, kwn);
}

TupleObject* mro_internal(Type* t);

// Recomputes the MROs of [t]'s subclasses, recursively, recording each (type, old MRO) pair in
// [undo] so that a failing mro() leaves every class as it was (CPython's mro_hierarchy).
void update_subclass_mros(Type* t, std::vector<std::pair<Type*, TupleObject*>>& undo)
{
    ListObject* subs = type_subclasses(t);
    for (int64_t i = 0; i < list_size(subs); ++i) {
        Type* s = list_get(subs, i).as<Type>();
        TupleObject* mro = mro_internal(s);
        undo.emplace_back(s, s->m_mro);
        write_barrier(s);
        s->m_mro = mro;
        update_subclass_mros(s, undo);
    }
}

} // namespace

// --- metaclass, MRO --------------------------------------------------------------------------

Type* calculate_metaclass(Type* meta, TupleObject* bases)
{
    Type* winner = meta;
    for (int64_t i = 0; i < bases->m_size; ++i) {
        Type* tmp = type_of(bases->item(i));
        if (winner->is_subtype(tmp))
            continue;
        if (tmp->is_subtype(winner)) {
            winner = tmp;
            continue;
        }
        raise(&exc::TypeError, "metaclass conflict: the metaclass of a derived class must be a "
                               "(non-strict) subclass of the metaclasses of all its bases");
    }
    return winner;
}

TupleObject* compute_mro(Type* t)
{
    TupleObject* bases = t->m_bases;
    int64_t nb = bases->m_size;
    for (int64_t i = 0; i < nb; ++i) {
        for (int64_t j = i + 1; j < nb; ++j)
            if (bases->item(i) == bases->item(j))
                raise(&exc::TypeError, "duplicate base class %s",
                    bases->item(i).as<Type>()->name_str().c_str());
        // A base still inside its metaclass's mro() has none yet.
        if (!bases->item(i).as<Type>()->m_mro)
            raise(&exc::TypeError, "Cannot extend an incomplete type '%s'",
                bases->item(i).as<Type>()->name_str().c_str());
    }
    if (nb == 1) {
        TupleObject* bm = bases->item(0).as<Type>()->m_mro;
        TupleObject* r = tuple_new(bm->m_size + 1);
        r->items()[0] = Value(t);
        for (int64_t i = 0; i < bm->m_size; ++i)
            r->items()[i + 1] = bm->item(i);
        return r;
    }
    // C3 merge of the bases' MROs and the list of bases.
    std::vector<std::vector<Type*>> seqs;
    for (int64_t i = 0; i < nb; ++i) {
        TupleObject* bm = bases->item(i).as<Type>()->m_mro;
        std::vector<Type*> s;
        for (int64_t j = 0; j < bm->m_size; ++j)
            s.push_back(bm->item(j).as<Type>());
        seqs.push_back(std::move(s));
    }
    {
        std::vector<Type*> s;
        for (int64_t i = 0; i < nb; ++i)
            s.push_back(bases->item(i).as<Type>());
        seqs.push_back(std::move(s));
    }
    std::vector<size_t> heads(seqs.size(), 0);
    std::vector<Type*> result { t };
    for (;;) {
        bool any = false;
        Type* cand = nullptr;
        for (size_t i = 0; i < seqs.size(); ++i) {
            if (heads[i] >= seqs[i].size())
                continue;
            any = true;
            Type* c = seqs[i][heads[i]];
            bool in_tail = false;
            for (size_t j = 0; j < seqs.size() && !in_tail; ++j)
                for (size_t k = heads[j] + 1; k < seqs[j].size(); ++k)
                    if (seqs[j][k] == c) {
                        in_tail = true;
                        break;
                    }
            if (!in_tail) {
                cand = c;
                break;
            }
        }
        if (!any)
            break;
        if (!cand) {
            std::vector<Type*> seen;
            std::string msg = "Cannot create a consistent method resolution\norder (MRO) for bases";
            for (size_t i = 0; i < seqs.size(); ++i) {
                if (heads[i] >= seqs[i].size())
                    continue;
                Type* c = seqs[i][heads[i]];
                if (std::find(seen.begin(), seen.end(), c) != seen.end())
                    continue;
                msg += seen.empty() ? " " : ", ";
                seen.push_back(c);
                msg += c->name_str();
            }
            raise(&exc::TypeError, "%s", msg.c_str());
        }
        result.push_back(cand);
        for (size_t i = 0; i < seqs.size(); ++i)
            if (heads[i] < seqs[i].size() && seqs[i][heads[i]] == cand)
                ++heads[i];
    }
    TupleObject* r = tuple_new(static_cast<int64_t>(result.size()));
    for (size_t i = 0; i < result.size(); ++i)
        r->items()[i] = Value(result[i]);
    return r;
}

namespace {

    // The MRO of [t] as CPython's mro_internal computes it: through the metaclass's mro() when it
    // overrides type.mro, checked for non-classes and for bases whose instance layout [t]'s
    // instances lack (their methods would read fields that are not there).
    TupleObject* mro_internal(Type* t)
    {
        Type* meta = type_of(t);
        Value meta_mro = type_lookup(meta, names::mro);
        Value type_mro = dict_get_str(type_type.m_dict, names::mro);
        if (meta == &type_type || !meta_mro || meta_mro == type_mro)
            return compute_mro(t);
        TupleObject* m = py_tuple_from_iterable(py_call_method(t, names::mro, nullptr, 0));
        Type* solid = solid_base(t);
        for (int64_t i = 0; i < m->m_size; ++i) {
            if (!is_type(m->item(i)))
                raise(&exc::TypeError, "mro() returned a non-class ('%s')",
                    type_name(m->item(i)).c_str());
            Type* b = m->item(i).as<Type>();
            if (!solid->is_subtype(solid_base(b)))
                raise(&exc::TypeError, "mro() returned base with unsuitable layout ('%s')",
                    b->name_str().c_str());
        }
        return m;
    }

} // namespace

extern Type memoryview_type; // modules/io_memoryview.cpp

uint32_t type_collection_flags(Type* t)
{
    if (t->has_flag(TF_HEAPTYPE))
        return t->m_flags & (TF_SEQUENCE | TF_MAPPING);
    if (t->has_flag(TF_LIST_SUBCLASS | TF_TUPLE_SUBCLASS) || t == &range_type
        || t == &memoryview_type || t == &deque_type || t == &array_type)
        return TF_SEQUENCE;
    if (t->has_flag(TF_DICT_SUBCLASS) || t == &mappingproxy_type)
        return TF_MAPPING;
    return 0;
}

// --- type_new --------------------------------------------------------------------------------

namespace {

    // CPython keeps a type's name as UTF-8 C string: a NUL is refused, and a lone surrogate fails
    // to encode (UnicodeEncodeError).
    void check_type_name(StrObject* s)
    {
        for (int64_t i = 0; i < s->m_length; ++i)
            if (s->at(i) == 0)
                raise(&exc::ValueError, "type name must not contain null characters");
        codecs::utf8_encode(s, "strict");
    }

    // The class namespace's copy. A mapping that iterates its own way (OrderedDict after
    // move_to_end) is copied in its keys() order, as CPython's PyDict_Copy does for a dict
    // subclass whose __iter__ is not dict's.
    DictObject* namespace_copy(DictObject* dict)
    {
        Type* t = type_of(Value(dict));
        if (t == &dict_type || t->special(SP_iter) == dict_type.special(SP_iter))
            return dict_copy(dict);
        DictObject* copy = dict_new();
        ListObject* keys
            = py_list_from_iterable(py_call_method(Value(dict), names::keys, nullptr, 0));
        for (int64_t i = 0; i < list_size(keys); ++i)
            dict_set(copy, list_get(keys, i), py_getitem(Value(dict), list_get(keys, i)));
        return copy;
    }

} // namespace

Type* type_new(Type* meta, StrObject* name, TupleObject* bases, DictObject* dict, DictObject* kwargs)
{
    check_type_name(name);
    if (dict_get_str(dict, names::__del__))
        gc::note_finalizer_type(); // GC-6: collections look for finalizable objects from now on
    Type* winner = calculate_metaclass(meta, bases);
    if (winner != meta) {
        Value wnew = winner->special(SP_new);
        Value tnew = dict_get_str(type_type.m_dict, names::__new__);
        if (wnew != tnew) {
            Value callable = descr_get(wnew, Value(), winner);
            // The class keywords travel on to the winner's __new__ (enum's _simple=True).
            gc::RootedValues argv;
            argv.assign({ Value(winner), Value(name), Value(bases), Value(dict) });
            TupleObject* kwnames = nullptr;
            if (kwargs && dict_size(kwargs)) {
                kwnames = tuple_new(dict_size(kwargs));
                int64_t pos = 0, i = 0;
                Value k, v;
                while (dict_next(kwargs, &pos, &k, &v)) {
                    kwnames->items()[i++] = k;
                    argv.push_back(v);
                }
            }
            Value r = py_call(callable, argv.data(), 4, kwnames);
            if (!is_type(r))
                raise(&exc::TypeError, "metaclass __new__ did not return a type");
            return r.as<Type>();
        }
        meta = winner;
    }
    if (bases->m_size == 0)
        bases = tuple_of({ Value(&object_type) });
    // Choose the layout base.
    Type* base = nullptr;
    Type* solid = nullptr;
    for (int64_t i = 0; i < bases->m_size; ++i) {
        Value bv = bases->item(i);
        if (!is_type(bv))
            raise(&exc::TypeError, "bases must be types");
        Type* b = bv.as<Type>();
        if (!b->has_flag(TF_BASETYPE))
            raise(&exc::TypeError, "type '%s' is not an acceptable base type", b->name_str().c_str());
        Type* cand = solid_base(b);
        if (!solid) {
            solid = cand;
            base = b;
        } else if (solid->is_subtype(cand)) {
        } else if (cand->is_subtype(solid)) {
            solid = cand;
            base = b;
        } else {
            raise(&exc::TypeError, "multiple bases have instance lay-out conflict");
        }
    }
    dict = namespace_copy(dict);
    // __doc__ becomes the type's C-level tp_doc in CPython, UTF-8 encoded.
    if (Value doc = dict_get_str(dict, names::__doc__); doc && is_str(doc))
        codecs::utf8_encode(doc.as<StrObject>(), "strict");

    // __slots__
    bool add_dict = false, add_weak = false;
    bool varsize = is_varsize_builtin(base);
    std::vector<StrObject*> slot_names;
    Value slots = dict_get_str(dict, names::__slots__);
    // Types keep their namespace in m_dict (CPython's tp_dictoffset of type): metaclass instances
    // get no instance __dict__ word, and Base.__dict__ of a mixin base cannot replace theirs.
    bool base_has_dict = base->m_dict_offset != 0 || base->has_flag(TF_TYPE_SUBCLASS);
    bool base_has_weak = static_cast<bool>(type_lookup(base, names::__weakref__));
    if (!slots) {
        add_dict = !base_has_dict;
        add_weak = !base_has_weak;
    } else {
        TupleObject* st = is_str(slots) ? tuple_of({ slots }) : py_tuple_from_iterable(slots);
        for (int64_t i = 0; i < st->m_size; ++i) {
            Value s = st->item(i);
            if (!is_str(s))
                raise(&exc::TypeError, "__slots__ items must be strings, not '%s'", type_name(s).c_str());
            auto* sn = s.as<StrObject>();
            if (!str_isidentifier(sn))
                raise(&exc::TypeError, "__slots__ must be identifiers");
            if (str_eq(sn, names::__dict__)) {
                if (base_has_dict || add_dict)
                    raise(&exc::TypeError, "__dict__ slot disallowed: we already got one");
                add_dict = true;
                continue;
            }
            if (str_eq(sn, names::__weakref__)) {
                if (base_has_weak || add_weak)
                    raise(&exc::TypeError, "__weakref__ slot disallowed: either we already got one, or __itemsize__ != 0");
                add_weak = true;
                continue;
            }
            StrObject* m = mangle(name, sn);
            // __qualname__ and __classcell__ are taken out of the namespace below, so they do not
            // stay class variables.
            if (dict_get_str(dict, m) && !str_eq(m, names::__qualname__)
                && !str_eq(m, names::__classcell__))
                raise(&exc::ValueError, "%s in __slots__ conflicts with class variable",
                    str_utf8(py_repr(m)).c_str());
            slot_names.push_back(m);
        }
        // Secondary bases may provide the __dict__ or the weak-reference support the layout
        // base lacks (C(A, B) with A slotted and B plain gets B's __dict__).
        for (int64_t i = 0; i < bases->m_size; ++i) {
            Type* b = bases->item(i).as<Type>();
            if (b == base)
                continue;
            if (!base_has_dict && !add_dict && b->m_dict_offset)
                add_dict = true;
            if (!base_has_weak && !add_weak && type_supports_weakrefs(b))
                add_weak = true;
        }
        std::sort(slot_names.begin(), slot_names.end(),
            [](StrObject* a, StrObject* b) { return str_compare(a, b) < 0; });
        if (!slot_names.empty() && (varsize || base->has_flag(TF_INT_SUBCLASS))) {
            Type* bb = base;
            while (bb->has_flag(TF_HEAPTYPE))
                bb = bb->m_base;
            raise(&exc::TypeError, "nonempty __slots__ not supported for subtype of '%s'", bb->name_str().c_str());
        }
    }

    // __qualname__, __module__, __doc__, __classcell__
    StrObject* qualname = name;
    if (Value q = dict_get_str(dict, names::__qualname__)) {
        if (!is_str(q))
            raise(&exc::TypeError, "type __qualname__ must be a str, not %s", type_name(q).c_str());
        qualname = q.as<StrObject>();
        dict_pop(dict, names::__qualname__);
    }
    if (!dict_get_str(dict, names::__module__)) {
        DictObject* g = vm::current_globals();
        Value mn = g ? dict_get_str(g, names::__name__) : Value();
        if (mn)
            dict_set_str(dict, names::__module__, mn);
    }
    Value classcell = dict_get_str(dict, names::__classcell__);
    if (classcell) {
        if (type_of(classcell) != &cell_type)
            raise(&exc::TypeError, "__classcell__ must be a nonlocal cell, not %s",
                str_utf8(py_repr(type_of(classcell))).c_str());
        dict_pop(dict, names::__classcell__);
    }
    if (Value nf = dict_get_str(dict, names::__new__); nf && type_of(nf) == &function_type)
        dict_set_str(dict, names::__new__, staticmethod_new(nf));
    for (StrObject* cm : { names::__init_subclass__, names::__class_getitem__ })
        if (Value f = dict_get_str(dict, cm); f && type_of(f) == &function_type)
            dict_set_str(dict, cm, classmethod_new(f));

    // The type object.
    Type* t = gc::make<Type>(meta);
    t->m_name = name;
    t->m_qualname = qualname;
    t->m_base = base;
    t->m_bases = bases;
    t->m_dict = dict;
    uint32_t inherit = TF_SUBCLASS_FLAGS;
    uint32_t flags = TF_HEAPTYPE | TF_BASETYPE;
    for (int64_t i = 0; i < bases->m_size; ++i)
        flags |= bases->item(i).as<Type>()->m_flags & inherit;
    t->m_layout_size = base->m_layout_size;
    t->m_trace = base->m_trace;
    t->m_destroy = base->m_destroy;
    t->m_iternext = base->m_iternext;
    t->m_var_size = base->m_var_size; // OBJ-2: the __dict__ word follows the items
    t->m_dict_offset = base->m_dict_offset;
    uint32_t nwords = base->m_nslots;
    uint32_t region = base->m_layout_size;
    uint32_t first_new = region + 8 * nwords;
    for (size_t i = 0; i < slot_names.size(); ++i) {
        uint32_t off = first_new + 8 * static_cast<uint32_t>(i);
        dict_set_str(dict, slot_names[i], member_new(t, slot_names[i], off));
    }
    nwords += static_cast<uint32_t>(slot_names.size());
    if (add_dict) {
        t->m_dict_offset = region + 8 * nwords;
        ++nwords;
    }
    t->m_nslots = nwords;
    t->m_slots_offset = nwords ? region : 0;
    t->m_instance_size = region + 8 * nwords;
    if (base->has_flag(TF_IMMUTABLE) && nwords == base->m_nslots && t->m_dict_offset == base->m_dict_offset)
        flags |= TF_IMMUTABLE;
    // Variable-size builtin layouts leave no room for a weak-reference list in CPython; a
    // __slots__ without '__weakref__' adds none either.
    bool weak_layout = !(flags & (TF_INT_SUBCLASS | TF_TUPLE_SUBCLASS | TF_BYTES_SUBCLASS));
    if ((add_weak && weak_layout) || type_supports_weakrefs(base))
        flags |= TF_WEAKREFABLE;
    t->m_flags = flags;
    if (!slot_names.empty()) {
        TupleObject* sn = tuple_new(static_cast<int64_t>(slot_names.size()));
        for (size_t i = 0; i < slot_names.size(); ++i)
            sn->items()[i] = Value(slot_names[i]);
        t->m_slot_names = sn;
    }
    // A __dict__ or __weakref__ the class body defines (a property) wins over the descriptor.
    if (add_dict && !dict_get_str(dict, names::__dict__))
        dict_set_str(dict, names::__dict__, getset_new(t, "__dict__", dict_getset_get, dict_getset_set, nullptr));
    if (add_weak && !varsize && !dict_get_str(dict, names::__weakref__))
        dict_set_str(dict, names::__weakref__, getset_new(t, "__weakref__", weakref_getset_get, nullptr, nullptr));
    if (!dict_get_str(dict, names::__doc__))
        dict_set_str(dict, names::__doc__, none());
    // Defining __eq__ without __hash__ makes instances unhashable.
    if (dict_get_str(dict, names::__eq__) && !dict_get_str(dict, names::__hash__))
        dict_set_str(dict, names::__hash__, none());
    t->m_cache_epoch = 0;

    // The __class__ cell is filled before the MRO, since a metaclass's mro() may already call
    // the class's methods.
    if (classcell)
        cell_set(classcell.as<CellObject>(), Value(t));
    // MRO: a metaclass may override mro(). The class stays without one (__mro__ None) while
    // that runs.
    t->m_mro = mro_internal(t);
    // The pattern-matching kind: the first class along the MRO that has one (CPython's
    // inherit_patma_flags), unless the class body declares it (collections.abc's
    // __abc_tpflags__, which CPython's _abc module reads and removes).
    if (Value abc_flags = dict_get_str(dict, intern("__abc_tpflags__"))) {
        if (is_int(abc_flags)) {
            int64_t v = 0; // only the two low flag bits matter, as with CPython's mask
            int_to_i64(int_and(abc_flags, Value::small_int(0x60)), &v);
            if ((v & (1u << 5)) && (v & (1u << 6)))
                raise(&exc::TypeError,
                    "__abc_tpflags__ cannot be both Py_TPFLAGS_SEQUENCE and Py_TPFLAGS_MAPPING");
            t->m_flags |= (v & (1u << 5) ? uint32_t(TF_SEQUENCE) : 0u)
                | (v & (1u << 6) ? uint32_t(TF_MAPPING) : 0u);
        }
        dict_pop(dict, intern("__abc_tpflags__"));
    }
    for (int64_t i = 1; i < t->m_mro->m_size && !(t->m_flags & (TF_SEQUENCE | TF_MAPPING)); ++i)
        t->m_flags |= type_collection_flags(t->m_mro->item(i).as<Type>());
    for (int64_t i = 0; i < bases->m_size; ++i)
        type_add_subclass(bases->item(i).as<Type>(), t);
    call_set_names(t);
    call_init_subclass(t, kwargs);
    return t;
}

// --- type's methods and attributes ---------------------------------------------------------

namespace {

Type* self_type(Value self) { return check_type_arg(self, "descriptor requires a 'type' object"); }

Value type_new_native(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    Type* meta = args[0].as<Type>();
    ++args;
    --nargs;
    size_t nkw = kwnames ? static_cast<size_t>(kwnames->m_size) : 0;
    if (meta == &type_type && nargs == 1 && nkw == 0)
        return type_of(args[0]);
    if (nargs != 3)
        raise(&exc::TypeError, "type.__new__() takes exactly 3 arguments (%zu given)", nargs);
    if (!is_str(args[0]))
        raise(&exc::TypeError, "type.__new__() argument 1 must be str, not %s", type_name(args[0]).c_str());
    if (!is_tuple(args[1]))
        raise(&exc::TypeError, "type.__new__() argument 2 must be tuple, not %s", type_name(args[1]).c_str());
    if (!is_dict(args[2]))
        raise(&exc::TypeError, "type.__new__() argument 3 must be dict, not %s", type_name(args[2]).c_str());
    DictObject* kwargs = nullptr;
    if (nkw) {
        kwargs = dict_new();
        for (size_t i = 0; i < nkw; ++i)
            dict_set(kwargs, kwnames->item(static_cast<int64_t>(i)), args[nargs + i]);
    }
    return type_new(meta, args[0].as<StrObject>(), args[1].as<TupleObject>(), args[2].as<DictObject>(), kwargs);
}

Value type_init_native(Value, Value const*, size_t nargs, TupleObject* kwnames)
{
    size_t nkw = kwnames ? static_cast<size_t>(kwnames->m_size) : 0;
    if (nargs == 1 && nkw)
        raise(&exc::TypeError, "type.__init__() takes no keyword arguments");
    if (nargs != 1 && nargs != 3)
        raise(&exc::TypeError, "type.__init__() takes 1 or 3 arguments");
    return none();
}

Value type_mro_native(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("mro", nargs, kwnames, 0, 0);
    TupleObject* m = compute_mro(self_type(self));
    return list_from(m->items(), m->m_size);
}

Value type_subclasses_native(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__subclasses__", nargs, kwnames, 0, 0);
    return type_subclasses(self_type(self));
}

Value type_instancecheck(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__instancecheck__", nargs, kwnames, 1, 1);
    Type* t = self_type(self);
    if (type_of(args[0])->is_subtype(t))
        return py_bool(true);
    Value cls = py_getattr_opt(args[0], names::__class__);
    if (cls && cls != Value(type_of(args[0])) && is_type(cls))
        return py_bool(cls.as<Type>()->is_subtype(t));
    return py_bool(false);
}

Value type_subclasscheck(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__subclasscheck__", nargs, kwnames, 1, 1);
    Type* t = self_type(self);
    if (is_type(args[0]))
        return py_bool(args[0].as<Type>()->is_subtype(t));
    // CPython's _PyObject_RealIsSubclass: no dispatch on the metaclass again (a metaclass
    // inheriting this method would recurse into it), and arg 1 needs a tuple __bases__.
    auto bases_of = [](Value c) -> TupleObject* {
        Value b = py_getattr_opt(c, names::__bases__);
        return (b && is_tuple(b)) ? b.as<TupleObject>() : nullptr;
    };
    if (!bases_of(args[0]))
        raise(&exc::TypeError, "issubclass() arg 1 must be a class");
    std::function<bool(Value)> derives = [&](Value d) {
        RecursionGuard guard(" in __subclasscheck__");
        if (d == self)
            return true;
        TupleObject* bases = bases_of(d);
        for (int64_t i = 0; bases && i < bases->m_size; ++i)
            if (derives(bases->item(i)))
                return true;
        return false;
    };
    return py_bool(derives(args[0]));
}

Value type_prepare(Value, Value const*, size_t, TupleObject*) { return dict_new(); }

Value type_dir(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__dir__", nargs, kwnames, 0, 0);
    Type* t = self_type(self);
    DictObject* out = dict_new();
    TupleObject* mro = t->m_mro;
    for (int64_t i = 0; i < mro->m_size; ++i) {
        int64_t pos = 0;
        Value k, v;
        while (dict_next(mro->item(i).as<Type>()->m_dict, &pos, &k, &v))
            dict_set(out, k, none());
    }
    ListObject* l = list_new(dict_size(out));
    int64_t pos = 0;
    Value k, v;
    while (dict_next(out, &pos, &k, &v))
        list_append(l, k);
    return l;
}

Value type_sizeof(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__sizeof__", nargs, kwnames, 0, 0);
    return int_from_i64(static_cast<int64_t>(type_of(self)->m_instance_size));
}

Value type_or(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__or__", nargs, kwnames, 1, 1);
    return union_new(self, args[0]);
}

Value type_ror(Value self, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__ror__", nargs, kwnames, 1, 1);
    return union_new(args[0], self);
}

MethodDef const s_type_methods[] = {
    { "__new__", type_new_native, METH_STATIC },
    { "__init__", type_init_native },
    { "__or__", type_or },
    { "__ror__", type_ror },
    { "mro", type_mro_native },
    { "__subclasses__", type_subclasses_native },
    { "__prepare__", type_prepare, METH_CLASS },
    { "__instancecheck__", type_instancecheck },
    { "__subclasscheck__", type_subclasscheck },
    { "__dir__", type_dir },
    { "__sizeof__", type_sizeof },
    { nullptr, nullptr },
};

void check_heap_set(Type* t, char const* attr, Value v)
{
    if (!t->has_flag(TF_HEAPTYPE))
        raise(&exc::TypeError, "cannot set '%s' attribute of immutable type '%s'", attr, t->name_str().c_str());
    if (!v)
        raise(&exc::TypeError, "cannot delete '%s' attribute of immutable type '%s'", attr, t->name_str().c_str());
}

Value get_name(Value self) { return self_type(self)->m_name; }
void set_name(Value self, Value v)
{
    Type* t = self_type(self);
    check_heap_set(t, "__name__", v);
    if (!is_str(v))
        raise(&exc::TypeError, "can only assign string to %s.__name__, not '%s'", t->name_str().c_str(),
            type_name(v).c_str());
    auto* s = v.as<StrObject>();
    check_type_name(s);
    write_barrier(t);
    t->m_name = s;
}
Value get_qualname(Value self)
{
    Type* t = self_type(self);
    return t->m_qualname ? t->m_qualname : t->m_name;
}
void set_qualname(Value self, Value v)
{
    Type* t = self_type(self);
    check_heap_set(t, "__qualname__", v);
    if (!is_str(v))
        raise(&exc::TypeError, "can only assign string to %s.__qualname__, not '%s'", t->name_str().c_str(),
            type_name(v).c_str());
    write_barrier(t);
    t->m_qualname = v.as<StrObject>();
}
Value get_module(Value self)
{
    Type* t = self_type(self);
    Value m = type_module(t);
    if (t->has_flag(TF_HEAPTYPE) && !dict_get_str(t->m_dict, names::__module__))
        raise(&exc::AttributeError, "__module__");
    return m;
}
void set_module(Value self, Value v)
{
    Type* t = self_type(self);
    check_heap_set(t, "__module__", v);
    dict_set_str(t->m_dict, names::__module__, v);
}
Value get_doc(Value self)
{
    Type* t = self_type(self);
    if (!t->has_flag(TF_HEAPTYPE) && t->m_doc)
        return str_from_utf8(t->m_doc);
    Value d = dict_get_str(t->m_dict, names::__doc__);
    if (!d)
        return none();
    return descr_get(d, Value(), t);
}
void set_doc(Value self, Value v)
{
    Type* t = self_type(self);
    check_heap_set(t, "__doc__", v);
    dict_set_str(t->m_dict, names::__doc__, v);
}
Value get_bases(Value self) { return self_type(self)->m_bases; }
void set_bases(Value self, Value v)
{
    Type* t = self_type(self);
    check_heap_set(t, "__bases__", v);
    std::string tn = t->name_str();
    if (!is_tuple(v))
        raise(&exc::TypeError, "can only assign tuple to %s.__bases__, not %s", tn.c_str(), type_name(v).c_str());
    auto* nb = v.as<TupleObject>();
    if (nb->m_size == 0)
        raise(&exc::TypeError, "can only assign non-empty tuple to %s.__bases__, not ()", tn.c_str());
    for (int64_t i = 0; i < nb->m_size; ++i) {
        Value b = nb->item(i);
        if (!is_type(b))
            raise(&exc::TypeError, "%s.__bases__ must be tuple of classes, not '%s'", tn.c_str(),
                type_name(b).c_str());
        // The m_base chain as well as the MRO: a reentrant assignment (from a metaclass's
        // mro()) sets m_base before the MROs catch up.
        bool cycle = b.as<Type>()->is_subtype(t);
        for (Type* c = b.as<Type>(); c && !cycle; c = c->m_base)
            cycle = c == t;
        if (cycle)
            raise(&exc::TypeError, "a __bases__ item causes an inheritance cycle");
        if (!b.as<Type>()->has_flag(TF_BASETYPE))
            raise(&exc::TypeError, "type '%s' is not an acceptable base type",
                b.as<Type>()->name_str().c_str());
    }
    // The layout base is the best base (the one with the most derived solid base), not the
    // first: NamedTuple's `__bases__ = (Generic, tuple)` keeps tuple's layout.
    Type* newbase = nullptr;
    Type* solid = nullptr;
    for (int64_t i = 0; i < nb->m_size; ++i) {
        Type* b = nb->item(i).as<Type>();
        Type* cand = solid_base(b);
        if (!solid || (cand->is_subtype(solid) && cand != solid)) {
            solid = cand;
            newbase = b;
        } else if (!solid->is_subtype(cand)) {
            raise(&exc::TypeError, "multiple bases have instance lay-out conflict");
        }
    }
    if (solid_base(newbase) != solid_base(t->m_base))
        raise(&exc::TypeError, "__bases__ assignment: '%s' object layout differs from '%s'",
            newbase->name_str().c_str(), t->m_base->name_str().c_str());
    TupleObject* old_bases = t->m_bases;
    Type* old_base = t->m_base;
    write_barrier(t);
    t->m_bases = nb;
    t->m_base = newbase;
    std::vector<std::pair<Type*, TupleObject*>> undo;
    try {
        TupleObject* mro = mro_internal(t);
        undo.emplace_back(t, t->m_mro);
        t->m_mro = mro;
        update_subclass_mros(t, undo);
    } catch (PyError&) {
        // A metaclass's mro() failed (or reassigned __bases__ itself): everything goes back.
        for (auto it = undo.rbegin(); it != undo.rend(); ++it) {
            write_barrier(it->first);
            it->first->m_mro = it->second;
        }
        // Unless a reentrant assignment replaced the bases meanwhile: that one stands.
        if (t->m_bases == nb) {
            write_barrier(t);
            t->m_bases = old_bases;
            t->m_base = old_base;
        }
        bump_type_epoch();
        throw;
    }
    if (t->m_bases == nb) {
        for (int64_t i = 0; i < old_bases->m_size; ++i)
            type_remove_subclass(old_bases->item(i).as<Type>(), t);
        for (int64_t i = 0; i < nb->m_size; ++i)
            type_add_subclass(nb->item(i).as<Type>(), t);
    }
    bump_type_epoch();
}
Value get_base(Value self)
{
    Type* t = self_type(self);
    return t->m_base ? Value(t->m_base) : none();
}
Value get_mro(Value self)
{
    // None while a metaclass's mro() computes it.
    TupleObject* mro = self_type(self)->m_mro;
    return mro ? Value(mro) : none();
}
Value get_dict(Value self) { return mappingproxy_new(self_type(self)->m_dict); }
Value get_abstractmethods(Value self)
{
    Type* t = self_type(self);
    Value v = t != &type_type ? dict_get_str(t->m_dict, names::__abstractmethods__) : Value();
    if (!v)
        raise(&exc::AttributeError, "__abstractmethods__");
    return v;
}
void set_abstractmethods(Value self, Value v)
{
    Type* t = self_type(self);
    if (!t->has_flag(TF_HEAPTYPE) && t != &type_type)
        check_heap_set(t, "__abstractmethods__", v);
    bool abstract = false;
    if (v) {
        abstract = py_truthy(v);
        dict_set_str(t->m_dict, names::__abstractmethods__, v);
    } else if (!dict_pop(t->m_dict, names::__abstractmethods__)) {
        raise(&exc::AttributeError, "__abstractmethods__");
    }
    write_barrier(t);
    if (abstract)
        t->m_flags |= TF_ABSTRACT;
    else
        t->m_flags &= ~TF_ABSTRACT;
}
Value get_annotations(Value self)
{
    Type* t = self_type(self);
    Value a = dict_get_str(t->m_dict, names::__annotations__);
    if (a)
        return descr_get(a, Value(), t);
    if (!t->has_flag(TF_HEAPTYPE))
        raise(&exc::AttributeError, "type object '%s' has no attribute '__annotations__'", t->name_str().c_str());
    DictObject* d = dict_new();
    dict_set_str(t->m_dict, names::__annotations__, d);
    return d;
}
void set_annotations(Value self, Value v)
{
    Type* t = self_type(self);
    check_heap_set(t, "__annotations__", Value(g_none));
    if (v)
        dict_set_str(t->m_dict, names::__annotations__, v);
    else if (!dict_pop(t->m_dict, names::__annotations__))
        raise(&exc::AttributeError, "__annotations__");
}
Value get_text_signature(Value self)
{
    // CPython reads it from the builtin type's docstring; object's alone matters to
    // inspect.signature(), whose fallback for classes without __init__ or __new__ it is.
    return self_type(self) == &object_type ? Value(str_from_ascii("()")) : none();
}
Value get_flags(Value self)
{
    Type* t = self_type(self);
    int64_t f = 0;
    if (t->has_flag(TF_HEAPTYPE))
        f |= 1 << 9;
    if (t->has_flag(TF_BASETYPE))
        f |= 1 << 10;
    uint32_t collection = type_collection_flags(t);
    if (collection & TF_SEQUENCE)
        f |= 1 << 5;
    if (collection & TF_MAPPING)
        f |= 1 << 6;
    if (t->has_flag(TF_ABSTRACT))
        f |= 1 << 20;
    if (t->has_flag(TF_INT_SUBCLASS))
        f |= 1 << 24;
    if (t->has_flag(TF_LIST_SUBCLASS))
        f |= 1 << 25;
    if (t->has_flag(TF_TUPLE_SUBCLASS))
        f |= 1 << 26;
    if (t->has_flag(TF_BYTES_SUBCLASS))
        f |= 1 << 27;
    if (t->has_flag(TF_STR_SUBCLASS))
        f |= 1 << 28;
    if (t->has_flag(TF_DICT_SUBCLASS))
        f |= 1 << 29;
    if (t->has_flag(TF_EXC_SUBCLASS))
        f |= 1 << 30;
    if (t->has_flag(TF_TYPE_SUBCLASS))
        f |= int64_t(1) << 31;
    return int_from_i64(f);
}
Value get_basicsize(Value self) { return int_from_i64(self_type(self)->m_instance_size); }
Value get_itemsize(Value self) { return int_from_i64(is_varsize_builtin(self_type(self)) ? 8 : 0); }
Value get_dictoffset(Value self) { return int_from_i64(self_type(self)->m_dict_offset); }
Value get_weakrefoffset(Value) { return Value::small_int(0); }

} // namespace

void init_type_methods()
{
    Type* t = &type_type;
    add_methods(t, s_type_methods);
    add_getset(t, "__basicsize__", get_basicsize);
    add_getset(t, "__itemsize__", get_itemsize);
    add_getset(t, "__flags__", get_flags);
    add_getset(t, "__weakrefoffset__", get_weakrefoffset);
    add_getset(t, "__base__", get_base);
    add_getset(t, "__dictoffset__", get_dictoffset);
    add_getset(t, "__mro__", get_mro);
    add_getset(t, "__name__", get_name, set_name);
    add_getset(t, "__qualname__", get_qualname, set_qualname);
    add_getset(t, "__bases__", get_bases, set_bases);
    add_getset(t, "__module__", get_module, set_module);
    add_getset(t, "__abstractmethods__", get_abstractmethods, set_abstractmethods);
    add_getset(t, "__dict__", get_dict);
    add_getset(t, "__doc__", get_doc, set_doc);
    add_getset(t, "__text_signature__", get_text_signature);
    add_getset(t, "__annotations__", get_annotations, set_annotations);
}

} // namespace pystm

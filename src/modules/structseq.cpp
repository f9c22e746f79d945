// Struct sequences (see structseq.h): layout, field accessors, __new__, __repr__, __reduce__.
#include "modules/structseq.h"
#include "gc/heap.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include <string>
#include <utility>
#include <vector>

namespace pystm {

namespace {

constexpr int MAX_FIELDS = 24;

struct Registered {
    Type* type;
    StructSeqDesc const* desc;
    int n_fields;
};
std::vector<Registered>& registry()
{
    static std::vector<Registered> s_registry;
    return s_registry;
}

Registered const* find(Type* t)
{
    for (Type* k = t; k; k = k->m_base)
        for (Registered const& r : registry())
            if (r.type == k)
                return &r;
    return nullptr;
}

void trace_structseq(Object* o, gc::Tracer& tr)
{
    auto* t = static_cast<TupleObject*>(o);
    Registered const* r = find(o->m_type);
    int64_t n = r ? r->n_fields : t->m_size;
    for (int64_t i = 0; i < n; i++)
        tr.visit(t->items()[i]);
}

template <int I> Value get_field(Value self) { return self.as<TupleObject>()->items()[I]; }
template <int... I> GetterFn const* make_getters(std::integer_sequence<int, I...>)
{
    static GetterFn const table[] = { &get_field<I>... };
    return table;
}
GetterFn const* getters() { return make_getters(std::make_integer_sequence<int, MAX_FIELDS>()); }

std::string full_name(StructSeqDesc const* d)
{
    // An empty module: a type named without one (sys's asyncgen_hooks).
    return *d->module ? std::string(d->module) + "." + d->name : std::string(d->name);
}

Value structseq_tp_new(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    if (nargs < 1 || !is_type(args[0]))
        raise(&exc::TypeError, "structseq.__new__(X): X is not a type object");
    Type* t = args[0].as<Type>();
    Registered const* r = find(t);
    PY_VERIFY(r, "STRUCTSEQ-1");
    std::string name = full_name(r->desc);
    if (!r->desc->allow_new)
        raise(&exc::TypeError, "cannot create '%s' instances", name.c_str());
    Value a[2];
    parse_args(name.c_str(), args + 1, nargs - 1, kwnames, { "sequence", "dict" }, 1, a);
    if (!is_tuple(a[0]) && !is_dict(a[0]) && !type_of(a[0])->special(SP_iter) && !type_of(a[0])->special(SP_getitem))
        raise(&exc::TypeError, "constructor requires a sequence");
    TupleObject* seq = py_tuple_from_iterable(a[0]);
    int64_t len = seq->m_size, nv = r->desc->n_visible, nf = r->n_fields;
    if (len < nv) {
        if (nv == nf)
            raise(&exc::TypeError, "%s() takes a %lld-sequence (%lld-sequence given)", name.c_str(),
                static_cast<long long>(nv), static_cast<long long>(len));
        raise(&exc::TypeError, "%s() takes an at least %lld-sequence (%lld-sequence given)", name.c_str(),
            static_cast<long long>(nv), static_cast<long long>(len));
    }
    if (len > nf) {
        if (nv == nf)
            raise(&exc::TypeError, "%s() takes a %lld-sequence (%lld-sequence given)", name.c_str(),
                static_cast<long long>(nv), static_cast<long long>(len));
        raise(&exc::TypeError, "%s() takes an at most %lld-sequence (%lld-sequence given)", name.c_str(),
            static_cast<long long>(nf), static_cast<long long>(len));
    }
    gc::RootedValues items;
    items.assign(seq->items(), seq->items() + len);
    DictObject* extra = a[1] && !is_none(a[1]) && is_dict(a[1]) ? a[1].as<DictObject>() : nullptr;
    for (int64_t i = len; i < nf; i++) {
        Value v = extra ? dict_get_cstr(extra, r->desc->fields[i]) : Value();
        items.push_back(v ? v : none());
    }
    TupleObject* out = gc::make_var<TupleObject>(t, sizeof(Value) * static_cast<size_t>(nf), nv);
    for (int64_t i = 0; i < nf; i++)
        out->items()[i] = items[static_cast<size_t>(i)];
    return Value(out);
}

Value structseq_repr(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__repr__", nargs, kwnames, 0, 0);
    Registered const* r = find(type_of(self));
    TupleObject* t = self.as<TupleObject>();
    std::string out = full_name(r->desc) + "(";
    for (int i = 0; i < r->desc->n_visible; i++) {
        if (i)
            out += ", ";
        out += r->desc->fields[i];
        out += "=";
        out += repr_utf8(t->items()[i]);
    }
    return str_from_utf8(out + ")");
}

Value structseq_reduce(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    check_nargs("__reduce__", nargs, kwnames, 0, 0);
    Registered const* r = find(type_of(self));
    TupleObject* t = self.as<TupleObject>();
    TupleObject* visible = tuple_from(t->items(), r->desc->n_visible);
    DictObject* extra = dict_new();
    for (int i = r->desc->n_visible; i < r->n_fields; i++)
        dict_set_cstr(extra, r->desc->fields[i], t->items()[i]);
    return tuple_of({ Value(type_of(self)), Value(tuple_of({ Value(visible), Value(extra) })) });
}

MethodDef const s_structseq_methods[] = {
    { "__new__", structseq_tp_new, METH_STATIC },
    { "__repr__", structseq_repr },
    { "__reduce__", structseq_reduce },
    { nullptr, nullptr },
};

} // namespace

void structseq_setup(Type* t, StructSeqDesc const* desc)
{
    int n = 0;
    while (desc->fields[n])
        n++;
    PY_VERIFY(n <= MAX_FIELDS, "STRUCTSEQ-1");
    registry().push_back({ t, desc, n });
    // The name must outlive the (permanent) type.
    std::string* tp_name = new std::string(full_name(desc));
    init_static_type(t, tp_name->c_str(), &tuple_type, sizeof(TupleObject),
        TF_TUPLE_SUBCLASS | TF_IMMUTABLE, trace_structseq);
    t->m_doc = desc->doc;
}

void structseq_init(Type* t)
{
    Registered const* r = find(t);
    PY_VERIFY(r && r->type == t, "STRUCTSEQ-1");
    add_methods(t, s_structseq_methods);
    GetterFn const* g = getters();
    for (int i = 0; i < r->n_fields; i++)
        add_getset(t, r->desc->fields[i], g[i]);
    add_type_attr(t, "n_sequence_fields", Value::small_int(r->desc->n_visible));
    add_type_attr(t, "n_fields", Value::small_int(r->n_fields));
    add_type_attr(t, "n_unnamed_fields", Value::small_int(0));
    TupleObject* match = tuple_new(r->desc->n_visible);
    for (int i = 0; i < r->desc->n_visible; i++)
        match->items()[i] = Value(str_from_utf8(r->desc->fields[i]));
    add_type_attr(t, "__match_args__", Value(match));
}

Value structseq_new(Type* t, Value const* items, size_t n)
{
    Registered const* r = find(t);
    PY_VERIFY(r, "STRUCTSEQ-1");
    TupleObject* out = gc::make_var<TupleObject>(t, sizeof(Value) * static_cast<size_t>(r->n_fields),
        static_cast<int64_t>(r->desc->n_visible));
    for (int i = 0; i < r->n_fields; i++)
        out->items()[i] = static_cast<size_t>(i) < n ? items[i] : none();
    return Value(out);
}

} // namespace pystm

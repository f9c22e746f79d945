// Unit tests of the type system (objects/type_object.h, objects/api.h): C3 MRO computation and
// its errors, layout conflicts, attribute resolution order (data descriptors, instance dict,
// non-data descriptors, class attributes), the special-method cache after class mutation,
// object.__new__/__init__ argument checks, operators' reflected protocol and argument parsing.
#include "gc/heap.h"
#include "objects/bootstrap.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/float_object.h"
#include "objects/int_object.h"
#include "objects/list_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_internal.h"
#include "objects/type_object.h"
#include "runtime.h"
#include "vm/thread_state.h"

#include <gtest/gtest.h>
#include <pthread.h>
#include <string>

using namespace pystm;
using pystm::test::ensure_runtime;

namespace {

class TypeSystemTest : public ::testing::Test {
protected:
    void SetUp() override { ensure_runtime(); }
};

std::string current_message()
{
    Value e = take_exception();
    return str_utf8(py_str(e));
}

Type* make_class(char const* name, std::initializer_list<Value> bases, DictObject* d = nullptr)
{
    return type_new(&type_type, intern(name), tuple_of(bases), d ? d : dict_new(), nullptr);
}

std::string mro_names(Type* t)
{
    std::string s;
    for (int64_t i = 0; i < t->m_mro->m_size; ++i) {
        if (i)
            s += " ";
        s += t->m_mro->item(i).as<Type>()->name_str();
    }
    return s;
}

Value native_true(Value, Value const*, size_t, TupleObject*) { return py_bool(true); }
Value native_return_7(Value, Value const*, size_t, TupleObject*) { return Value::small_int(7); }
Value native_get(Value, Value const*, size_t, TupleObject*) { return str_from_ascii("from-descriptor"); }
Value native_set(Value, Value const*, size_t, TupleObject*) { return none(); }

MethodDef const s_data_descr_methods[] = {
    { "__get__", native_get },
    { "__set__", native_set },
    { nullptr, nullptr },
};
MethodDef const s_nondata_descr_methods[] = {
    { "__get__", native_get },
    { nullptr, nullptr },
};

} // namespace

TEST_F(TypeSystemTest, SingleInheritanceMro)
{
    Type* a = make_class("A", {});
    Type* b = make_class("B", { Value(a) });
    EXPECT_EQ(mro_names(b), "B A object");
    EXPECT_TRUE(b->is_subtype(a));
    EXPECT_TRUE(b->is_subtype(&object_type));
    EXPECT_FALSE(a->is_subtype(b));
}

TEST_F(TypeSystemTest, DiamondMroIsC3)
{
    Type* o = make_class("O", {});
    Type* a = make_class("A", { Value(o) });
    Type* b = make_class("B", { Value(o) });
    Type* c = make_class("C", { Value(a), Value(b) });
    EXPECT_EQ(mro_names(c), "C A B O object");
    // The classic example from the C3 paper.
    Type* f = make_class("F", { Value(o) });
    Type* e = make_class("E", { Value(o) });
    Type* d = make_class("D", { Value(o) });
    Type* x = make_class("X", { Value(d), Value(e) });
    Type* y = make_class("Y", { Value(d), Value(f) });
    Type* z = make_class("Z", { Value(x), Value(y) });
    EXPECT_EQ(mro_names(z), "Z X Y D E F O object");
}

TEST_F(TypeSystemTest, InconsistentMroRaises)
{
    Type* a = make_class("A", {});
    Type* b = make_class("B", {});
    Type* x = make_class("X", { Value(a), Value(b) });
    Type* y = make_class("Y", { Value(b), Value(a) });
    try {
        make_class("Z", { Value(x), Value(y) });
        FAIL() << "expected TypeError";
    } catch (PyError&) {
        EXPECT_TRUE(exception_matches(&exc::TypeError));
        EXPECT_EQ(current_message(), "Cannot create a consistent method resolution\norder (MRO) for bases A, B");
    }
    try {
        make_class("D", { Value(a), Value(a) });
        FAIL() << "expected TypeError";
    } catch (PyError&) {
        EXPECT_EQ(current_message(), "duplicate base class A");
    }
}

TEST_F(TypeSystemTest, LayoutConflict)
{
    try {
        make_class("Bad", { Value(&int_type), Value(&str_type) });
        FAIL() << "expected TypeError";
    } catch (PyError&) {
        EXPECT_EQ(current_message(), "multiple bases have instance lay-out conflict");
    }
    try {
        make_class("Bad", { Value(&bool_type) });
        FAIL() << "expected TypeError";
    } catch (PyError&) {
        EXPECT_EQ(current_message(), "type 'bool' is not an acceptable base type");
    }
}

TEST_F(TypeSystemTest, SlotsLayout)
{
    DictObject* d = dict_new();
    dict_set_cstr(d, "__slots__", tuple_of({ Value(str_from_ascii("b")), Value(str_from_ascii("a")) }));
    Type* s = make_class("S", {}, d);
    EXPECT_EQ(s->m_dict_offset, 0u);
    EXPECT_EQ(s->m_nslots, 2u);
    Value inst = py_call0(s);
    EXPECT_FALSE(py_getattr_opt(inst, intern("a")));
    py_setattr(inst, intern("a"), Value::small_int(5));
    EXPECT_EQ(py_getattr(inst, intern("a")), Value::small_int(5));
    try {
        py_setattr(inst, intern("c"), Value::small_int(1));
        FAIL() << "expected AttributeError";
    } catch (PyError&) {
        EXPECT_TRUE(exception_matches(&exc::AttributeError));
        EXPECT_EQ(current_message(), "'S' object has no attribute 'c'");
    }
    Type* t = make_class("T", { Value(s) });
    EXPECT_NE(t->m_dict_offset, 0u);
    Value ti = py_call0(t);
    py_setattr(ti, intern("c"), Value::small_int(3));
    py_setattr(ti, intern("b"), Value::small_int(4));
    EXPECT_EQ(py_getattr(ti, intern("c")), Value::small_int(3));
    EXPECT_EQ(py_getattr(ti, intern("b")), Value::small_int(4));
}

TEST_F(TypeSystemTest, AttributeResolutionOrder)
{
    Type* data = make_class("DataDescr", {});
    add_methods(data, s_data_descr_methods);
    Type* nondata = make_class("NonDataDescr", {});
    add_methods(nondata, s_nondata_descr_methods);
    DictObject* d = dict_new();
    dict_set_cstr(d, "dd", py_call0(data));
    dict_set_cstr(d, "nd", py_call0(nondata));
    dict_set_cstr(d, "plain", Value::small_int(1));
    Type* a = make_class("A", {}, d);
    Value inst = py_call0(a);
    DictObject* idict = instance_dict(inst, true);
    dict_set_cstr(idict, "dd", Value::small_int(10));
    dict_set_cstr(idict, "nd", Value::small_int(20));
    dict_set_cstr(idict, "plain", Value::small_int(30));
    // Data descriptors win over the instance dict, which wins over non-data descriptors and
    // plain class attributes.
    EXPECT_EQ(str_utf8(py_getattr(inst, intern("dd"))), "from-descriptor");
    EXPECT_EQ(py_getattr(inst, intern("nd")), Value::small_int(20));
    EXPECT_EQ(py_getattr(inst, intern("plain")), Value::small_int(30));
    dict_pop(idict, intern("nd"));
    EXPECT_EQ(str_utf8(py_getattr(inst, intern("nd"))), "from-descriptor");
    // On the class, descriptors get __get__(None, cls).
    EXPECT_EQ(str_utf8(py_getattr(a, intern("nd"))), "from-descriptor");
    try {
        py_getattr(inst, intern("missing"));
        FAIL();
    } catch (PyError&) {
        EXPECT_EQ(current_message(), "'A' object has no attribute 'missing'");
    }
    try {
        py_getattr(a, intern("missing"));
        FAIL();
    } catch (PyError&) {
        EXPECT_EQ(current_message(), "type object 'A' has no attribute 'missing'");
    }
}

TEST_F(TypeSystemTest, SpecialCacheFollowsAssignment)
{
    Type* a = make_class("A", {});
    Type* b = make_class("B", { Value(a) });
    Value inst = py_call0(b);
    EXPECT_TRUE(py_truthy(inst));
    static MethodDef const defs[] = { { "__len__", native_return_7 }, { nullptr, nullptr } };
    py_setattr(a, intern("__len__"), builtin_function_new(defs, Value()));
    // A builtin function has no __get__ binding here; __len__ is called without self.
    EXPECT_EQ(py_len(inst), 7);
    py_delattr(a, intern("__len__"));
    EXPECT_THROW(py_len(inst), PyError);
    EXPECT_EQ(current_message(), "object of type 'B' has no len()");
}

TEST_F(TypeSystemTest, ObjectInitArgumentChecks)
{
    Type* a = make_class("A", {});
    Value one = Value::small_int(1);
    try {
        py_call(a, &one, 1);
        FAIL();
    } catch (PyError&) {
        EXPECT_EQ(current_message(), "A() takes no arguments");
    }
    try {
        py_setattr(&int_type, intern("x"), one);
        FAIL();
    } catch (PyError&) {
        EXPECT_EQ(current_message(), "cannot set 'x' attribute of immutable type 'int'");
    }
}

TEST_F(TypeSystemTest, EqWithoutHashIsUnhashable)
{
    static MethodDef const defs[] = { { "__eq__", native_true }, { nullptr, nullptr } };
    DictObject* d = dict_new();
    dict_set_cstr(d, "__eq__", builtin_function_new(defs, Value()));
    Type* h = make_class("H", {}, d);
    EXPECT_TRUE(is_none(dict_get_cstr(h->m_dict, "__hash__")));
    Value inst = py_call0(h);
    EXPECT_THROW(py_hash(inst), PyError);
    EXPECT_EQ(current_message(), "unhashable type: 'H'");
}

TEST_F(TypeSystemTest, BinaryOpsAndMessages)
{
    EXPECT_EQ(py_binary_op(Value::small_int(2), Value::small_int(3), NB_ADD), Value::small_int(5));
    EXPECT_EQ(py_binary_op(Value::small_int(-7), Value::small_int(2), NB_FLOOR_DIVIDE), Value::small_int(-4));
    EXPECT_EQ(py_binary_op(Value::small_int(-7), Value::small_int(2), NB_REMAINDER), Value::small_int(1));
    Value big = py_binary_op(Value::small_int(Value::SMALL_MAX), Value::small_int(1), NB_ADD);
    EXPECT_FALSE(big.is_small_int());
    try {
        py_binary_op(Value::small_int(1), str_from_ascii("a"), NB_ADD);
        FAIL();
    } catch (PyError&) {
        EXPECT_EQ(current_message(), "unsupported operand type(s) for +: 'int' and 'str'");
    }
    try {
        py_richcompare(Value::small_int(1), str_from_ascii("a"), CMP_LT);
        FAIL();
    } catch (PyError&) {
        EXPECT_EQ(current_message(), "'<' not supported between instances of 'int' and 'str'");
    }
    EXPECT_EQ(py_richcompare(Value::small_int(1), str_from_ascii("a"), CMP_EQ), py_bool(false));
}

TEST_F(TypeSystemTest, ParseArgsMessages)
{
    Value out[2];
    Value args[3] = { Value::small_int(1), Value::small_int(2), Value::small_int(3) };
    try {
        parse_args("split", args, 3, nullptr, { "sep", "maxsplit" }, 0, out);
        FAIL();
    } catch (PyError&) {
        EXPECT_EQ(current_message(), "split() takes at most 2 arguments (3 given)");
    }
    TupleObject* kw = tuple_of({ Value(str_from_ascii("sep")) });
    try {
        parse_args("split", args, 1, kw, { "sep", "maxsplit" }, 0, out);
        FAIL();
    } catch (PyError&) {
        EXPECT_EQ(current_message(), "argument for split() given by name ('sep') and position (1)");
    }
    try {
        check_nargs("len", 2, nullptr, 1, 1);
        FAIL();
    } catch (PyError&) {
        EXPECT_EQ(current_message(), "len() takes exactly one argument (2 given)");
    }
    try {
        check_nargs("getattr", 1, nullptr, 2, 3);
        FAIL();
    } catch (PyError&) {
        EXPECT_EQ(current_message(), "getattr expected at least 2 arguments, got 1");
    }
}

TEST_F(TypeSystemTest, ReprOfTypesAndSingletons)
{
    EXPECT_EQ(repr_utf8(Value(&int_type)), "<class 'int'>");
    EXPECT_EQ(repr_utf8(none()), "None");
    EXPECT_EQ(repr_utf8(Value(g_ellipsis)), "Ellipsis");
    EXPECT_EQ(repr_utf8(Value(g_not_implemented)), "NotImplemented");
    EXPECT_FALSE(py_truthy(none()));
    EXPECT_TRUE(py_isinstance(Value(true ? g_true : g_false), Value(&int_type)));
    EXPECT_TRUE(py_issubclass(Value(&bool_type), tuple_of({ Value(&str_type), Value(&int_type) })));
}

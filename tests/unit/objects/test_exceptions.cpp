// Unit tests of the exception classes (objects/exceptions.h): construction through the raise
// helpers and exception_new(), the attributes of the subclasses with extra fields, __str__ and
// __repr__, OSError's errno-to-subclass mapping, ExceptionGroup's class selection and split(),
// and the in-flight exception bookkeeping of the thread state.
#include "gc/heap.h"
#include "objects/bootstrap.h"
#include "objects/bytes_object.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/int_object.h"
#include "objects/list_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "runtime.h"
#include "vm/thread_state.h"

#include <cerrno>

#include <gtest/gtest.h>
#include <pthread.h>
#include <string>

using namespace pystm;
using pystm::test::ensure_runtime;

namespace {

class ExceptionsTest : public ::testing::Test {
protected:
    void SetUp() override { ensure_runtime(); }
};

Value S(char const* s) { return Value(str_from_utf8(s)); }
Value I(int64_t i) { return int_from_i64(i); }
std::string str_of(Value v) { return str_utf8(py_str(v)); }
std::string repr_of(Value v) { return repr_utf8(v); }
Value attr(Value o, char const* name) { return py_getattr(o, intern(name)); }

// Runs [f], which must raise; returns "TypeName: message" of the raised exception.
template <class F> std::string raised(F f)
{
    try {
        f();
    } catch (PyError&) {
        Value e = take_exception();
        return type_name(e) + ": " + str_of(e);
    }
    return "<nothing raised>";
}

Value call(Type* t, std::initializer_list<Value> args) { return py_call(Value(t), args.begin(), args.size()); }

} // namespace

TEST_F(ExceptionsTest, RaiseStoresExceptionInThreadState)
{
    try {
        raise(&exc::ValueError, "bad value %d", 42);
        FAIL() << "raise returned";
    } catch (PyError&) {
        EXPECT_TRUE(exception_matches(&exc::ValueError));
        EXPECT_TRUE(exception_matches(&exc::Exception));
        EXPECT_FALSE(exception_matches(&exc::TypeError));
        Value e = take_exception();
        EXPECT_FALSE(tstate()->m_current_exception);
        EXPECT_EQ(str_of(e), "bad value 42");
        EXPECT_EQ(repr_of(e), "ValueError('bad value 42')");
    }
}

TEST_F(ExceptionsTest, LongFormattedMessage)
{
    std::string big(2000, 'x');
    EXPECT_EQ(raised([&] { raise(&exc::RuntimeError, "%s!", big.c_str()); }), "RuntimeError: " + big + "!");
}

TEST_F(ExceptionsTest, RaiseValueInstantiatesClasses)
{
    EXPECT_EQ(raised([] { raise_value(Value(&exc::KeyError)); }), "KeyError: ");
    EXPECT_EQ(raised([] { raise_value(I(3)); }), "TypeError: exceptions must derive from BaseException");
    Value e = exception_new(&exc::IndexError, { S("i") });
    try {
        raise_value(e);
    } catch (PyError&) {
        EXPECT_EQ(take_exception(), e);
    }
}

TEST_F(ExceptionsTest, SetExceptionAndReraise)
{
    Value e = exception_new(&exc::LookupError, {});
    set_exception(e);
    try {
        reraise();
    } catch (PyError&) {
        EXPECT_EQ(take_exception(), e);
    }
}

TEST_F(ExceptionsTest, BaseExceptionArgsStrRepr)
{
    Value none_args = exception_new(&exc::Exception, {});
    EXPECT_EQ(str_of(none_args), "");
    EXPECT_EQ(repr_of(none_args), "Exception()");
    Value two = exception_new(&exc::ValueError, { I(1), S("a") });
    EXPECT_EQ(str_of(two), "(1, 'a')");
    EXPECT_EQ(repr_of(two), "ValueError(1, 'a')");
    EXPECT_EQ(repr_of(attr(two, "args")), "(1, 'a')");
    EXPECT_EQ(repr_of(py_call_method(two, intern("__reduce__"), nullptr, 0)), "(<class 'ValueError'>, (1, 'a'))");
    EXPECT_EQ(raised([] {
        Value kw[] = { S("x") };
        py_call(Value(&exc::ValueError), kw, 0, tuple_of({ S("x") }));
    }),
        "TypeError: ValueError() takes no keyword arguments");
}

TEST_F(ExceptionsTest, KeyErrorStrIsRepr)
{
    EXPECT_EQ(str_of(exception_new(&exc::KeyError, { S("k") })), "'k'");
    EXPECT_EQ(str_of(exception_new(&exc::KeyError, { S("a"), S("b") })), "('a', 'b')");
}

TEST_F(ExceptionsTest, ContextAndCauseChecks)
{
    Value e = exception_new(&exc::ValueError, {});
    EXPECT_TRUE(is_none(attr(e, "__context__")));
    EXPECT_EQ(raised([&] { py_setattr(e, intern("__cause__"), I(1)); }),
        "TypeError: exception cause must be None or derive from BaseException");
    EXPECT_EQ(raised([&] { py_setattr(e, intern("__traceback__"), I(1)); }),
        "TypeError: __traceback__ must be a traceback or None");
    EXPECT_EQ(raised([&] { py_setattr(e, intern("__suppress_context__"), I(1)); }),
        "TypeError: attribute value type must be bool");
    py_setattr(e, intern("__cause__"), exception_new(&exc::KeyError, {}));
    EXPECT_EQ(attr(e, "__suppress_context__"), py_bool(true));
}

TEST_F(ExceptionsTest, AddNote)
{
    Value e = exception_new(&exc::ValueError, {});
    Value note = S("n");
    py_call_method(e, intern("add_note"), &note, 1);
    EXPECT_EQ(repr_of(attr(e, "__notes__")), "['n']");
    Value bad = I(1);
    EXPECT_EQ(raised([&] { py_call_method(e, intern("add_note"), &bad, 1); }),
        "TypeError: note must be a str, not 'int'");
}

TEST_F(ExceptionsTest, SubclassFields)
{
    EXPECT_TRUE(is_none(attr(exception_new(&exc::SystemExit, {}), "code")));
    EXPECT_EQ(repr_of(attr(exception_new(&exc::SystemExit, { I(1), I(2) }), "code")), "(1, 2)");
    EXPECT_EQ(repr_of(attr(exception_new(&exc::StopIteration, { I(7) }), "value")), "7");
    Value imp_args[] = { S("msg"), S("mod") };
    Value imp = py_call(Value(&exc::ImportError), imp_args, 1, tuple_of({ S("name") }));
    EXPECT_EQ(str_of(attr(imp, "name")), "mod");
    EXPECT_EQ(str_of(attr(imp, "msg")), "msg");
    EXPECT_TRUE(is_none(attr(imp, "path")));
    EXPECT_EQ(raised([] {
        Value kw[] = { I(1) };
        py_call(Value(&exc::ImportError), kw, 0, tuple_of({ S("foo") }));
    }),
        "TypeError: 'foo' is an invalid keyword argument for ImportError()");
    Value ae_args[] = { S("m"), S("x"), I(5) };
    Value ae = py_call(Value(&exc::AttributeError), ae_args, 1, tuple_of({ S("name"), S("obj") }));
    EXPECT_EQ(str_of(attr(ae, "name")), "x");
    EXPECT_EQ(repr_of(attr(ae, "obj")), "5");
    EXPECT_TRUE(type_of(exception_new(&exc::ModuleNotFoundError, {}))->is_subtype(&exc::ImportError));
}

TEST_F(ExceptionsTest, OSErrorMapping)
{
    Value e = exception_new(&exc::OSError, { I(ENOENT), S("No such file or directory"), S("f") });
    EXPECT_EQ(type_of(e), &exc::FileNotFoundError);
    EXPECT_EQ(str_of(e), "[Errno 2] No such file or directory: 'f'");
    EXPECT_EQ(repr_of(attr(e, "args")), "(2, 'No such file or directory')");
    EXPECT_EQ(type_of(exception_new(&exc::OSError, { I(EACCES), S("x") })), &exc::PermissionError);
    EXPECT_EQ(type_of(exception_new(&exc::OSError, { I(EAGAIN), S("x") })), &exc::BlockingIOError);
    EXPECT_EQ(type_of(exception_new(&exc::OSError, { I(99999), S("x") })), &exc::OSError);
    // Subclasses are never remapped.
    EXPECT_EQ(type_of(exception_new(&exc::FileNotFoundError, { I(EACCES), S("x") })), &exc::FileNotFoundError);
    Value two = exception_new(&exc::OSError, { I(2), S("x"), S("a"), none(), S("b") });
    EXPECT_EQ(str_of(two), "[Errno 2] x: 'a' -> 'b'");
    EXPECT_EQ(raised([] { raise_os_error(ENOENT, S("/nope")); }),
        "FileNotFoundError: [Errno 2] No such file or directory: '/nope'");
    EXPECT_EQ(raised([] { attr(exception_new(&exc::OSError, {}), "characters_written"); }),
        "AttributeError: characters_written");
}

TEST_F(ExceptionsTest, SyntaxErrorConstruction)
{
    Value info = Value(tuple_of({ S("/d/x.py"), I(3), I(4), S("txt"), I(3), I(5) }));
    Value e = exception_new(&exc::SyntaxError, { S("invalid syntax"), info });
    EXPECT_EQ(str_of(e), "invalid syntax (x.py, line 3)");
    EXPECT_EQ(repr_of(attr(e, "end_offset")), "5");
    EXPECT_EQ(str_of(attr(e, "text")), "txt");
    EXPECT_TRUE(is_none(attr(e, "print_file_and_line")));
    EXPECT_EQ(raised([] { exception_new(&exc::SyntaxError, { S("m"), Value(tuple_of({ S("f"), I(1), I(2) })) }); }),
        "TypeError: function takes at least 4 arguments (3 given)");
    EXPECT_EQ(str_of(exception_new(&exc::IndentationError, { S("m") })), "m");
    EXPECT_EQ(str_of(exception_new(&exc::SyntaxError, {})), "None");
}

TEST_F(ExceptionsTest, UnicodeErrors)
{
    Value d = exception_new(&exc::UnicodeDecodeError,
        { S("utf-8"), Value(bytes_new("\xff\xfe")), I(0), I(1), S("invalid start byte") });
    EXPECT_EQ(str_of(d), "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte");
    Value en = exception_new(&exc::UnicodeEncodeError, { S("ascii"), S("a\xc3\xa9"), I(1), I(2), S("r") });
    EXPECT_EQ(str_of(en), "'ascii' codec can't encode character '\\xe9' in position 1: r");
    Value tr = exception_new(&exc::UnicodeTranslateError, { S("ab"), I(0), I(2), S("r") });
    EXPECT_EQ(str_of(tr), "can't translate characters in position 0-1: r");
    EXPECT_EQ(raised([] { exception_new(&exc::UnicodeEncodeError, { S("a"), S("x"), I(0), I(1) }); }),
        "TypeError: function takes exactly 5 arguments (4 given)");
}

TEST_F(ExceptionsTest, ExceptionGroups)
{
    ListObject* items = list_new();
    list_append(items, exception_new(&exc::ValueError, { I(1) }));
    list_append(items, exception_new(&exc::TypeError, { I(2) }));
    Value eg = call(&exc::BaseExceptionGroup, { S("m"), Value(items) });
    EXPECT_EQ(type_of(eg), &exc::ExceptionGroup);
    EXPECT_TRUE(type_of(eg)->is_subtype(&exc::Exception));
    EXPECT_EQ(str_of(eg), "m (2 sub-exceptions)");
    EXPECT_EQ(repr_of(eg), "ExceptionGroup('m', [ValueError(1), TypeError(2)])");
    Value cond = Value(&exc::ValueError);
    Value parts = py_call_method(eg, intern("split"), &cond, 1);
    EXPECT_EQ(repr_of(parts), "(ExceptionGroup('m', [ValueError(1)]), ExceptionGroup('m', [TypeError(2)]))");

    ListObject* base = list_new();
    list_append(base, exception_new(&exc::KeyboardInterrupt, {}));
    EXPECT_EQ(type_of(call(&exc::BaseExceptionGroup, { S("m"), Value(base) })), &exc::BaseExceptionGroup);
    EXPECT_EQ(raised([&] { call(&exc::ExceptionGroup, { S("m"), Value(base) }); }),
        "TypeError: Cannot nest BaseExceptions in an ExceptionGroup");
    EXPECT_EQ(raised([] { call(&exc::ExceptionGroup, { S("m"), Value(list_new()) }); }),
        "ValueError: second argument (exceptions) must be a non-empty sequence");
}

TEST_F(ExceptionsTest, MemoryErrorNeedsNoAllocation)
{
    EXPECT_EQ(raised([] { raise_memory_error(); }), "MemoryError: ");
}

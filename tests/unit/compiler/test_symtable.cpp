// Symbol table tests: scope resolution and the symbol-table syntax errors (CPython 3.11).
#include "compiler/parser.h"
#include "compiler/symtable.h"
#include <gtest/gtest.h>

using namespace pystm::compiler;
using namespace pystm;

namespace {

struct Parsed {
    ast::Arena arena;
    ast::Mod* mod = nullptr;
    std::unique_ptr<SymTable> st;
};

std::unique_ptr<Parsed> build(char const* src)
{
    auto p = std::make_unique<Parsed>();
    p->mod = parse(p->arena, src, "<test>", ParseMode::Exec);
    p->st = build_symtable(p->mod, "<test>");
    return p;
}

Scope* child(Scope* s, std::string const& name)
{
    for (Scope* c : s->children)
        if (c->name == name)
            return c;
    return nullptr;
}

SyntaxErrorInfo error_of(char const* src)
{
    try {
        build(src);
    } catch (SyntaxErrorException& e) {
        return e.info;
    }
    ADD_FAILURE() << "no error for: " << src;
    return {};
}

} // namespace

TEST(Symtable, LocalsGlobalsAndCells)
{
    auto p
        = build("x = 1\ndef f(a):\n    b = a\n    def g():\n        return b + x\n    return g\n");
    Scope* top = p->st->top;
    EXPECT_EQ(top->scope_of("x"), SymScope::Local); // module-level bindings are LOCAL, as CPython
    Scope* f = child(top, "f");
    ASSERT_NE(f, nullptr);
    EXPECT_EQ(f->scope_of("a"), SymScope::Local);
    EXPECT_EQ(f->scope_of("b"), SymScope::Cell);
    EXPECT_EQ(f->scope_of("g"), SymScope::Local);
    Scope* g = child(f, "g");
    ASSERT_NE(g, nullptr);
    EXPECT_EQ(g->scope_of("b"), SymScope::Free);
    EXPECT_EQ(g->scope_of("x"), SymScope::GlobalImplicit);
    EXPECT_TRUE(g->nested);
    EXPECT_EQ(f->varnames, std::vector<std::string> { "a" });
}

TEST(Symtable, ExplicitGlobalAndNonlocal)
{
    auto p = build("def f():\n    global y\n    y = 1\n    z = 2\n    def g():\n        nonlocal "
                   "z\n        z = 3\n");
    Scope* f = child(p->st->top, "f");
    EXPECT_EQ(f->scope_of("y"), SymScope::GlobalExplicit);
    EXPECT_EQ(p->st->top->scope_of("y"), SymScope::GlobalExplicit);
    EXPECT_EQ(f->scope_of("z"), SymScope::Cell);
    EXPECT_EQ(child(f, "g")->scope_of("z"), SymScope::Free);
}

TEST(Symtable, ClassBodyIsSkippedAndClassCell)
{
    auto p = build("def outer():\n    x = 1\n    class C:\n        x = 2\n        def m(self):\n   "
                   "         super()\n            return x\n");
    Scope* outer = child(p->st->top, "outer");
    Scope* c = child(outer, "C");
    Scope* m = child(c, "m");
    EXPECT_EQ(outer->scope_of("x"), SymScope::Cell);
    EXPECT_EQ(m->scope_of("x"), SymScope::Free);
    EXPECT_EQ(m->scope_of("__class__"), SymScope::Free);
    EXPECT_TRUE(c->needs_class_closure);
    EXPECT_EQ(c->scope_of("x"), SymScope::Local);
    EXPECT_TRUE(c->flags_of("x") & DEF_FREE_CLASS);
}

TEST(Symtable, ComprehensionScopesAndWalrus)
{
    auto p = build("def f(data):\n    r = [y := v for v in data]\n    return y\n");
    Scope* f = child(p->st->top, "f");
    Scope* lc = child(f, "listcomp");
    ASSERT_NE(lc, nullptr);
    EXPECT_TRUE(lc->comprehension);
    EXPECT_EQ(lc->varnames, std::vector<std::string> { ".0" });
    EXPECT_EQ(lc->scope_of("v"), SymScope::Local);
    EXPECT_EQ(lc->scope_of("y"), SymScope::Free);
    EXPECT_EQ(f->scope_of("y"), SymScope::Cell);
    EXPECT_EQ(f->scope_of("data"), SymScope::Local);
}

TEST(Symtable, GeneratorAndCoroutineFlags)
{
    auto p = build(
        "def g():\n    yield 1\nasync def h():\n    await x\nasync def ag():\n    yield 1\n");
    EXPECT_TRUE(child(p->st->top, "g")->generator);
    EXPECT_TRUE(child(p->st->top, "h")->coroutine);
    Scope* ag = child(p->st->top, "ag");
    EXPECT_TRUE(ag->generator && ag->coroutine);
}

TEST(Symtable, Mangling)
{
    EXPECT_EQ(mangle("C", "__x"), "_C__x");
    EXPECT_EQ(mangle("_C", "__x"), "_C__x");
    EXPECT_EQ(mangle("C", "__x__"), "__x__");
    EXPECT_EQ(mangle("___", "__x"), "__x");
    EXPECT_EQ(mangle("C", "_x"), "_x");
}

TEST(Symtable, Errors)
{
    auto e = error_of("def f(x):\n  global x\n");
    EXPECT_EQ(e.msg, "name 'x' is parameter and global");
    EXPECT_EQ(e.lineno, 2);
    EXPECT_EQ(e.offset, 3);
    EXPECT_EQ(e.end_offset, 11);
    EXPECT_EQ(error_of("nonlocal x\n").msg, "nonlocal declaration not allowed at module level");
    EXPECT_EQ(error_of("def f():\n  nonlocal x\n").msg, "no binding for nonlocal 'x' found");
    EXPECT_EQ(error_of("def f():\n  print(x)\n  global x\n").msg,
        "name 'x' is used prior to global declaration");
    EXPECT_EQ(error_of("def f():\n x = 1\n global x\n").msg,
        "name 'x' is assigned to before global declaration");
    EXPECT_EQ(
        error_of("def f():\n  x: int\n  global x\n").msg, "annotated name 'x' can't be global");
    auto d = error_of("def f(a, a): pass\n");
    EXPECT_EQ(d.msg, "duplicate argument 'a' in function definition");
    EXPECT_EQ(d.offset, 10);
    auto w = error_of("[x for x in (y:=[1])]\n");
    EXPECT_EQ(w.msg, "assignment expression cannot be used in a comprehension iterable expression");
    EXPECT_EQ(w.offset, 14);
    EXPECT_EQ(error_of("[i := 0 for i, j in range(5)]").msg,
        "assignment expression cannot rebind comprehension iteration variable 'i'");
    EXPECT_EQ(error_of("class C:\n  [(y:=1) for x in z]\n").msg,
        "assignment expression within a comprehension cannot be used in a class body");
    EXPECT_EQ(error_of("[(yield) for x in y]\n").msg, "'yield' inside list comprehension");
    EXPECT_EQ(error_of("from x import *\ndef f():\n  from y import *\n").msg,
        "import * only allowed at module level");
    EXPECT_EQ(error_of("class A:\n  nonlocal __class__\n").msg,
        "no binding for nonlocal '__class__' found");
}

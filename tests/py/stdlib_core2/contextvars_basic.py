# contextvars: ContextVar get/set/reset, Token, Context.run, copy_context.
import contextvars as c
v = c.ContextVar('v', default=1)
print(repr(v).split(' at ')[0], v.name, v.get())
t = v.set(2)
print(repr(t).split(' at ')[0], t.var is v, t.old_value, c.Token.MISSING, v.get())
v.reset(t)
print(v.get())
w = c.ContextVar('w')
try:
    w.get()
except LookupError as e:
    print('LookupError', type(e.args[0]).__name__)
print(w.get(5))
ctx = c.copy_context()
print(type(ctx), len(ctx), v in ctx, list(ctx.keys()))
def f(x):
    w.set(x)
    return w.get()
print(ctx.run(f, 9), ctx[w], w.get(3), len(ctx), list(ctx.values()), ctx.get(v, 'dflt'))
try:
    v.reset(t)
except RuntimeError as e:
    print('RuntimeError', str(e).startswith('<Token used var='))
try:
    ctx.run(ctx.run, f, 1)
except RuntimeError as e:
    print('RuntimeError', str(e).split(':')[0])
t2 = w.set(1)
def other():
    try:
        w.reset(t2)
    except ValueError as e:
        print('ValueError', str(e).split('>')[-1])
c.Context().run(other)
print(len(c.Context()), c.ContextVar[int], c.Token[str])
try:
    ctx['x']
except TypeError as e:
    print(e)
try:
    c.ContextVar(1)
except TypeError as e:
    print(e)

# ContextVar's name is positional-only.
for args, kwargs in [((), {}), ((), {"name": "a"}), (("a", 1), {}), (("a",), {"bogus": 1}), ((1,), {})]:
    try:
        c.ContextVar(*args, **kwargs)
    except TypeError as e:
        print("TypeError:", e)

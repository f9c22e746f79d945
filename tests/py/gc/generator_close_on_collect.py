# A generator or coroutine that becomes unreachable while suspended inside a try or with block
# is closed when it is collected, as CPython closes it when it frees it: GeneratorExit runs its
# finally clauses and __exit__ methods, through `yield from` too. Generators never started or
# already finished run nothing. (pystm closes them at the next collection, hence gc.collect().)
import gc
log = []
def g(tag):
    try:
        yield 1
        yield 2
    finally:
        log.append(tag)
for i in range(3):
    it = g(i); next(it)
del it
gc.collect()
print(sorted(log))
def outer():
    try:
        yield from inner()
    finally:
        log.append("outer")
def inner():
    try:
        yield 1
    finally:
        log.append("inner")
log.clear()
o = outer(); next(o); del o; gc.collect()
print(log)
# A generator that yields in its finally clause during close(): the RuntimeError is reported
# as unraisable (on stderr) and ignored.
import sys
seen = []
sys.unraisablehook = lambda u: seen.append((type(u.exc_value).__name__, str(u.exc_value)))
def bad():
    try:
        yield 1
    finally:
        yield 2
b = bad(); next(b); del b; gc.collect()
print(seen)
# with block
class CM:
    def __enter__(self): return self
    def __exit__(self, *a):
        log.append(("exit", a[0].__name__ if a[0] else None)); return False
def w():
    with CM():
        yield 1
log.clear()
x = w(); next(x); del x; gc.collect(); print(log)
# not started / finished generators: nothing
def nf():
    try:
        yield 1
    finally:
        log.append("nf")
log.clear()
a = nf(); del a
b = nf(); list(b); del b
gc.collect(); print(log)
# Coroutines too.
async def co():
    try:
        await Awaitable()
    finally:
        log.append("coroutine")
class Awaitable:
    def __await__(self):
        yield "step"
log.clear()
c = co(); c.send(None); del c; gc.collect(); print(log)
# A generator whose finally resurrects it: closed once only.
keep = []
def res():
    try:
        yield 1
    finally:
        log.append("res")
        keep.append(1)
log.clear()
r = res(); next(r); del r; gc.collect(); gc.collect(); print(log)

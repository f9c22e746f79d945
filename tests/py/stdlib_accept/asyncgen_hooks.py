# sys.get_asyncgen_hooks / set_asyncgen_hooks: defaults, partial updates, argument errors, the
# firstiter call on an async generator's first iteration (once, whichever method starts it),
# and per-thread hooks.
import sys
import threading

print(sys.get_asyncgen_hooks(), tuple(sys.get_asyncgen_hooks()))
seen = []
def first(gen):
    seen.append(gen.__name__)
def fin(gen):
    seen.append(("fin", gen.__name__))
sys.set_asyncgen_hooks(firstiter=first)
h = sys.get_asyncgen_hooks()
print(h.firstiter is first, h.finalizer, h[0] is first, len(h))
sys.set_asyncgen_hooks(finalizer=fin)
print(sys.get_asyncgen_hooks().firstiter is first, sys.get_asyncgen_hooks().finalizer is fin)
sys.set_asyncgen_hooks(first, None)
print(sys.get_asyncgen_hooks().finalizer)

async def agen():
    yield 1
    yield 2

def drive(aw):
    try:
        aw.send(None)
    except StopIteration as e:
        return e.value
    except StopAsyncIteration:
        return "stop"

g = agen()
print(seen)
print(drive(g.__anext__()), drive(g.asend(None)), seen)
g2 = agen()
drive(g2.aclose())
g3 = agen()
try:
    drive(g3.athrow(ValueError("x")))
except ValueError as e:
    print("athrow raised", e)
print(seen)

for bad in [dict(firstiter=3), dict(finalizer="x"), dict(firstiter=first, finalizer=5), dict(bogus=1)]:
    try:
        sys.set_asyncgen_hooks(**bad)
    except TypeError as e:
        print("TypeError", e)
print(sys.get_asyncgen_hooks().firstiter is first)
try:
    sys.get_asyncgen_hooks(1)
except TypeError as e:
    print("TypeError", e)

other = []
def in_thread():
    other.append(sys.get_asyncgen_hooks())
    sys.set_asyncgen_hooks(firstiter=print)
    other.append(sys.get_asyncgen_hooks().firstiter is print)
t = threading.Thread(target=in_thread)
t.start(); t.join()
print(other, sys.get_asyncgen_hooks().firstiter is first)
sys.set_asyncgen_hooks(None, None)
print(sys.get_asyncgen_hooks())

# A generator that has finished (returned, raised, or been closed, started or not) no longer
# holds its frame: the objects its locals and arguments named can be collected, while the
# generator object itself stays alive.
import gc
import weakref


class Big:
    pass


def body(arg, how):
    local = Big()
    refs.append(weakref.ref(local))
    yield 1
    if how == "raise":
        raise ValueError("done")
    yield 2


refs = []
kept = []

# Ran to its end.
g = body(Big(), "return")
kept.append(g)
print(list(g))

# Raised out of its frame.
g = body(Big(), "raise")
kept.append(g)
try:
    for _ in g:
        pass
except ValueError as e:
    print("raised", e)

# Closed while suspended at its first yield.
g = body(Big(), "return")
kept.append(g)
print(next(g))
g.close()

# Closed before it ever ran: only its argument was alive.
arg = Big()
arg_ref = weakref.ref(arg)
g = body(arg, "return")
kept.append(g)
del arg
g.close()
del g

for _ in range(3):
    gc.collect()
print("locals alive:", [r() is not None for r in refs])
print("argument alive:", arg_ref() is not None)
print("generators:", [(k.gi_frame, k.gi_running) for k in kept])
print("resumed after the end:", [next(k, "exhausted") for k in kept])

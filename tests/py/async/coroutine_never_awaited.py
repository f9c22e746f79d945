# A coroutine that dies never started warns that it was never awaited (at the collection
# that frees it: gc.collect() here), with cr_origin's frames when origin tracking is on.
import gc, sys, warnings
async def foo():
    return 1
def make():
    return foo()
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    c = make()
    del c
    gc.collect()
    print([str(x.message) for x in w], [x.category.__name__ for x in w])
sys.set_coroutine_origin_tracking_depth(2)
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    c = make()
    del c
    gc.collect()
    print([str(x.message).splitlines()[:2] for x in w])
sys.set_coroutine_origin_tracking_depth(0)
# awaited or closed coroutines do not warn
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    c = make(); c.close(); del c
    c = make()
    try:
        c.send(None)
    except StopIteration as e:
        print("returned", e.value)
    del c
    gc.collect()
    print(len(w))
# as an error: reported as unraisable
def hook(u):
    print("unraisable:", type(u.exc_value).__name__, u.exc_value)
sys.unraisablehook = hook
with warnings.catch_warnings():
    warnings.simplefilter("error")
    c = make(); del c
    gc.collect()
# warnings._warn_unawaited_coroutine failing: its error is unraisable, then a plain warning.
orig = warnings._warn_unawaited_coroutine
warnings._warn_unawaited_coroutine = lambda coro: 1 / 0
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    c = make()
    del c
    gc.collect()
    print([str(x.message) for x in w])
warnings._warn_unawaited_coroutine = orig

# weakref: ref, proxy, WeakValueDictionary, WeakKeyDictionary, WeakSet, finalize (after
# gc.collect()). Objects are created and dropped inside functions: pystm's collector traces a
# frame's whole value stack (FRAME-2), so a module-level temporary can outlive its use there.
import weakref, gc

class Obj:
    def __init__(self, n): self.n = n

def make_ref():
    o = Obj(1)
    r = weakref.ref(o)
    print(r() is o, r().n)
    return r
r = make_ref()
gc.collect()
print(r())

def fill_values(wvd):
    a, b = Obj(1), Obj(2)
    wvd['a'] = a
    wvd['b'] = b
    return b
wvd = weakref.WeakValueDictionary()
keep = fill_values(wvd)
gc.collect()
print(sorted(wvd.keys()), wvd['b'].n)

def fill_keys(wkd):
    k = Obj(3)
    wkd[k] = 'v'
    print(len(wkd), wkd[k])
wkd = weakref.WeakKeyDictionary()
fill_keys(wkd)
gc.collect()
print(len(wkd))

def proxy_and_finalize():
    x = Obj(5)
    p = weakref.proxy(x)
    print(p.n, type(p).__name__)
    return weakref.finalize(x, print, 'finalized'), p
f, p = proxy_and_finalize()
gc.collect()
print(f.alive)
try:
    p.n
except ReferenceError as e:
    print('ReferenceError', e)

def fill_set(ws):
    y = Obj(6)
    ws.add(y)
    print(len(ws))
ws = weakref.WeakSet()
fill_set(ws)
gc.collect()
print(len(ws))

# _thread._local (threading.local, pystm.local): one attribute dict per thread, looked up on
# every access without writing the shared object. Subclasses with __init__ arguments, __slots__
# (shared by all threads, as in CPython), properties and methods, __dict__, deletion and errors.
import threading
import _thread


def run(f):
    t = threading.Thread(target=f)
    t.start()
    t.join()


loc = threading.local()
loc.x = 1
loc.y = [1]
seen = []


def other():
    seen.append(hasattr(loc, "x"))
    loc.x = 2
    seen.append(loc.x)
    seen.append(sorted(loc.__dict__))


run(other)
print(seen, loc.x, loc.y, sorted(vars(loc)), loc.__dict__ is loc.__dict__)
del loc.x
print(hasattr(loc, "x"))
try:
    del loc.x
except AttributeError as e:
    print("AttributeError", e)
try:
    loc.__dict__ = {}
except AttributeError as e:
    print("AttributeError", e)
try:
    del loc.__dict__
except AttributeError as e:
    print("AttributeError", e)
try:
    setattr(loc, 3, 4)
except TypeError as e:
    print("TypeError", e)
try:
    getattr(loc, "missing")
except AttributeError as e:
    print("AttributeError", e)
try:
    threading.local(1)
except TypeError as e:
    print("TypeError", e)
try:
    _thread._local(a=1)
except TypeError as e:
    print("TypeError", e)
loc.__dict__["z"] = 5
print(loc.z, "z" in dir(loc))


class Sub(threading.local):
    count = 0
    __slots__ = ("shared", "__dict__")

    def __init__(self, a, b=0):
        Sub.count += 1
        self.a = a
        self.b = b

    @property
    def total(self):
        return self.a + self.b

    def bump(self):
        self.a += 1
        return self.a


s = Sub(10, b=5)
s.shared = "main"
out = []


def worker():
    out.append((s.a, s.b, s.total, s.shared))
    s.shared = "worker"
    out.append(s.bump())
    out.append(sorted(s.__dict__.items()))


run(worker)
run(worker)
print(out, s.a, s.bump(), s.total, s.shared, Sub.count)
print(type(s).__name__, isinstance(s, _thread._local), isinstance(loc, threading.local))


class Plain(_thread._local):
    pass


p = Plain()
p.v = 1
res = []
run(lambda: res.append(getattr(p, "v", None)))
print(res, p.v)


class WithGetattr(threading.local):
    def __getattr__(self, name):
        return "default-" + name


w = WithGetattr()
w.real = 1
print(w.real, w.missing)

# Many locals in many threads: each thread sees only its own values.
locs = [threading.local() for _ in range(5)]
errors = []


def many(k):
    for i, l in enumerate(locs):
        l.v = (k, i)
    for _ in range(50):
        for i, l in enumerate(locs):
            if l.v != (k, i):
                errors.append((k, i, l.v))


threads = [threading.Thread(target=many, args=(k,)) for k in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(errors, [hasattr(l, "v") for l in locs])

# An __init__ that fails leaves the thread without a dict: its next access runs __init__ again.
class Flaky(threading.local):
    calls = 0

    def __init__(self):
        Flaky.calls += 1
        if Flaky.calls == 2:
            raise ValueError("first init in the thread fails")
        self.ok = Flaky.calls


flaky = Flaky()
seen = []


def flaky_worker():
    try:
        flaky.ok
    except ValueError as e:
        seen.append(str(e))
    seen.append(flaky.ok)


run(flaky_worker)
print(seen, flaky.ok, Flaky.calls)

# threading.local: per-thread attributes, subclasses whose __init__ runs again in each thread,
# __dict__, slots-free subclass attributes, deletion, errors.
import threading

data = threading.local()
data.x = "main"
seen = {}


def f(i):
    seen[i] = ("before", hasattr(data, "x"))
    data.x = i
    data.y = [i]
    seen[i] += ("after", data.x, data.y, sorted(vars(data)))


threads = [threading.Thread(target=f, args=(i,)) for i in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(seen.items()))
print("main keeps its value:", data.x, hasattr(data, "y"), data.__dict__)
del data.x
print(hasattr(data, "x"))
try:
    del data.x
except AttributeError as e:
    print("AttributeError", e)
try:
    data.missing
except AttributeError as e:
    print("AttributeError", e)


class MyLocal(threading.local):
    count = 0  # class attribute shared by all threads
    inits = []

    def __init__(self, color):
        self.color = color
        self.initialized = True
        MyLocal.inits.append(color)

    def describe(self):
        return f"{self.color}:{self.initialized}"


ml = MyLocal("red")
ml.color = "blue"
out = {}


def g(i):
    before = ml.color
    ml.color = f"green{i}"
    out[i] = (before, ml.describe(), ml.count)


threads = [threading.Thread(target=g, args=(i,)) for i in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(out.items()))
print(ml.color, MyLocal.inits)

# __init__ arguments are required to be absent when local itself has no __init__.
try:
    threading.local(1)
except TypeError as e:
    print("TypeError", e)


class Slotted(threading.local):
    __slots__ = ("a",)


s = Slotted()
s.a = 1
res = []


def h():
    res.append(hasattr(s, "a"))
    s.a = 2
    res.append(s.a)


t = threading.Thread(target=h)
t.start()
t.join()
print("slots are shared:", res, s.a)

# A thread's values disappear when it ends: a new thread sees a fresh namespace.
fresh = []
t = threading.Thread(target=lambda: fresh.append(sorted(vars(data))))
t.start()
t.join()
print(fresh)

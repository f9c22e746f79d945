# threads
# threadlocalproperty(default_factory=None): a descriptor whose value is per thread: created by
# default_factory on a thread's first read, AttributeError without a factory.
import sys
import threading
import transaction

nthreads = int(sys.argv[1])


class Obj:
    cache = transaction.threadlocalproperty(dict)
    plain = transaction.threadlocalproperty()


print(isinstance(Obj.__dict__["cache"], transaction.threadlocalproperty))
print(Obj.cache is Obj.__dict__["cache"])  # from the class: the descriptor

o = Obj()
try:
    o.plain
except AttributeError as e:
    print("AttributeError", e)
o.plain = 5
print(o.plain)
del o.plain
try:
    o.plain
except AttributeError:
    print("deleted")
try:
    del o.plain
except AttributeError:
    print("del again: AttributeError")
print(o.cache)
o.cache["main"] = 1
print(o.cache, o.cache is o.cache)

# Each thread has its own values.
seen = {}


def in_thread(name):
    seen[name] = (dict(o.cache), hasattr(o, "plain"))
    o.cache[name] = name
    o.plain = name
    seen[name + " after"] = (dict(o.cache), o.plain)


for name in ("a", "b"):
    t = threading.Thread(target=in_thread, args=(name,))
    t.start()
    t.join()
print(sorted(seen.items()))
print(o.cache, hasattr(o, "plain"))

# Two objects, two values; two properties of one object, two values.
p = Obj()
p.cache["p"] = 2
print(o.cache, p.cache)


class Two:
    x = transaction.threadlocalproperty(list)
    y = transaction.threadlocalproperty(list)


t2 = Two()
t2.x.append(1)
print(t2.x, t2.y)

# Per-worker caches in a TransactionQueue: each worker thread fills its own.
made = []


def new_cache():
    cache = [0]
    made.append(cache)
    return cache


class Counter:
    hits = transaction.threadlocalproperty(new_cache)


c = Counter()
q = transaction.TransactionQueue()


def work(k):
    c.hits[0] += 1


for k in range(300):
    q.add(work, k)
q.run(nthreads)
print(sum(cache[0] for cache in made), 1 <= len(made) <= nthreads)

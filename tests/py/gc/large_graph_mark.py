# A large object graph (far more objects than a collector marks before it shares the work with
# helper threads): linked lists, a dict of lists, instances with __dict__ and __slots__, cycles, deep
# chains. Half of it is dropped; after collections every survivor is intact and every weak
# reference to a dropped object is cleared.
import gc
import weakref


class Node:
    __slots__ = ("value", "next", "__weakref__")

    def __init__(self, value, next):
        self.value = value
        self.next = next


class Box:
    def __init__(self, n):
        self.items = [n, str(n), (n, n + 1), {n: [n]}]
        self.me = self  # a cycle


def build(n):
    head = None
    for i in range(n):
        head = Node(i, head)
    return head


def total(head):
    s = 0
    while head is not None:
        s += head.value
        head = head.next
    return s


def garbage():
    # A weak reference to a chain no variable ever holds.
    return weakref.ref(build(20000))


keep = [build(20000) for _ in range(5)]
weak_dropped = [garbage() for _ in range(5)]
boxes = {i: Box(i) for i in range(30000)}
deep = []
for i in range(2000):
    deep = [deep, i]
weak_kept = [weakref.ref(h) for h in keep]
for k in range(0, 30000, 2):
    del boxes[k]
for _ in range(3):
    gc.collect()

print([total(h) for h in keep])
print(sum(b.items[0] + len(b.items[1]) + b.items[2][1] + b.items[3][b.items[0]][0]
          for b in boxes.values() if b.me is b))
print(len(boxes))
depth = 0
while deep:
    deep, last = deep
    depth += 1
print(depth, last)
print(all(w() is not None for w in weak_kept))
print(sum(w() is None for w in weak_dropped) >= 4)  # a stale stack word may keep one alive

# pystm.atomic and pystm.exclusive_atomic as context managers: nesting, the value bound by
# `as`, exceptions passing through, exclusive_atomic refusing to nest, and the methods called
# directly. CPython has no pystm: there the test prints what pystm must print.
try:
    import pystm
except ImportError:
    pystm = None


def depth():
    return pystm.is_atomic() if pystm else expected_depth


expected_depth = 0


class Block:
    """On CPython: stands for pystm's context managers (same nesting and errors)."""

    def __init__(self, exclusive):
        self.exclusive = exclusive

    def __enter__(self):
        global expected_depth
        if self.exclusive and expected_depth:
            raise RuntimeError("exclusive_atomic block nested inside an atomic block")
        expected_depth += 1
        return self

    def __exit__(self, *exc):
        global expected_depth
        if len(exc) != 3:
            raise TypeError("__exit__ expected 3 arguments, got %d" % len(exc))
        if expected_depth <= 0:
            raise RuntimeError("not inside an atomic block")
        expected_depth -= 1
        return False

    def __repr__(self):
        return "pystm.exclusive_atomic" if self.exclusive else "pystm.atomic"


atomic = pystm.atomic if pystm else Block(False)
exclusive = pystm.exclusive_atomic if pystm else Block(True)

print(repr(atomic), repr(exclusive))
print(depth())
with atomic as a:
    print(a is atomic, depth())
    with atomic:
        print(depth())
    print(depth())
print(depth())

with exclusive as e:
    print(e is exclusive, depth())
    with atomic:
        print(depth())
print(depth())

try:
    with atomic:
        with exclusive:
            print("not reached")
except RuntimeError as err:
    print("RuntimeError:", err, depth())

try:
    with atomic:
        raise KeyError("inside")
except KeyError as err:
    print("KeyError:", err, depth())


def leave_by_return():
    with atomic:
        return depth()


print(leave_by_return(), depth())

for i in range(3):
    with atomic:
        if i == 1:
            continue
        print("loop", i, depth())
print(depth())

# The methods called directly.
print(atomic.__enter__() is atomic, depth())
print(atomic.__exit__(None, None, None), depth())
try:
    atomic.__exit__(None, None, None)
except RuntimeError as err:
    print("RuntimeError:", err, depth())
try:
    atomic.__exit__(None)
except TypeError:
    print("TypeError", depth())

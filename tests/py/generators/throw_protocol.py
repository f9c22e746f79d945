# gen.throw(): a failed instantiation of the thrown class is thrown into the generator; the
# exception's __context__ is the generator's own handled exception; during a yield from, the
# delegating frame is the sub-generator's caller.
import copy
import sys


class E(Exception):
    def __new__(cls, *args, **kwargs):
        return cls


def boring():
    yield


gen = boring()
try:
    gen.throw(E)
except TypeError as e:
    print("TypeError", e)
try:
    next(gen)
except StopIteration:
    print("finished")


def catching():
    try:
        yield
    except TypeError as e:
        print("inside", e)


gen = catching()
next(gen)
try:
    gen.throw(E)
except StopIteration:
    print("finished")


def plain():
    yield


gen = plain()
next(gen)
try:
    raise KeyError("caller")
except KeyError:
    try:
        gen.throw(ValueError)
    except ValueError as e:
        print("context of caller's handler:", repr(e.__context__))


def handling():
    try:
        raise KeyError("own")
    except Exception:
        yield


def delegating():
    try:
        raise KeyError("outer")
    except Exception:
        yield from plain()


for g in (handling, delegating):
    gen = g()
    gen.send(None)
    try:
        gen.throw(ValueError)
    except ValueError as e:
        print(g.__name__, repr(e.__context__))


def names(frame):
    r = []
    while frame and frame.f_code.co_name != "<module>":
        r.append(frame.f_code.co_name)
        frame = frame.f_back
    return r


def inner():
    print(names(sys._getframe()))
    try:
        yield
    except Exception:
        pass
    print(names(sys._getframe()))


def outer():
    print(names(sys._getframe()))
    yield from inner()
    print(names(sys._getframe()))


gen = outer()
gen.send(None)
try:
    gen.throw(RuntimeError)
except StopIteration:
    pass



def delegate_plain():
    yield from plain()


gen = delegate_plain()
next(gen)
try:
    gen.throw(KeyError)
except KeyError as e:
    tb = e.__traceback__
    while tb:
        print(tb.tb_frame.f_code.co_name, tb.tb_lineno)
        tb = tb.tb_next

gen = plain()
for f in (copy.copy, copy.deepcopy, lambda g: g.__reduce_ex__(2), lambda g: type(g)()):
    try:
        f(gen)
    except TypeError as e:
        print("TypeError", e)

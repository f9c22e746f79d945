# Leaving an except block (normally, or by break out of a loop) drops the handled exception:
# its traceback and arguments no longer keep objects alive.
import gc
import weakref


class MyException(Exception):
    def __init__(self, obj):
        self.obj = obj


class MyObj:
    pass


def inner(obj):
    local_ref = obj
    raise MyException(obj)


def leave_by_break():
    obj = MyObj()
    wr = weakref.ref(obj)
    for i in [0]:
        try:
            inner(obj)
        except:
            break
    obj = None
    gc.collect()
    return wr()


def leave_normally():
    obj = MyObj()
    wr = weakref.ref(obj)
    try:
        inner(obj)
    except MyException as e:
        pass
    obj = None
    gc.collect()
    return wr()


print(leave_by_break(), leave_normally())

# queue.SimpleQueue and queue.Empty come from the C module _queue in CPython: their module
# names, reprs and constructor errors.
import queue

print(queue.SimpleQueue.__module__, queue.SimpleQueue.__name__, queue.SimpleQueue.__qualname__)
print(queue.Empty.__module__, repr(queue.Empty), queue.Empty.__mro__)
for args, kwargs in [((1,), {}), ((), {"maxsize": 1})]:
    try:
        queue.SimpleQueue(*args, **kwargs)
    except TypeError as e:
        print("TypeError", e)
try:
    queue.SimpleQueue().get(1, 2, 3)
except TypeError as e:
    print("TypeError", e)
import _queue
print(_queue.SimpleQueue is queue.SimpleQueue, _queue.Empty is queue.Empty)

# dict views and their iterators cannot be created by calling their types; the views cannot be
# pickled or copied (CPython: no tp_new), while the iterators reduce to iter(list).
import copy, pickle
d = {1: 10, "a": "ABC"}
for v in (d.keys(), d.values(), d.items(), iter(d), reversed(d.items())):
    for f in (copy.copy, copy.deepcopy, lambda o: pickle.dumps(o, 0), lambda o: pickle.dumps(o, 2)):
        try:
            r = f(v)
            print(type(v).__name__, "ok", type(r).__name__)
        except TypeError as e:
            print(type(v).__name__, "TypeError", e)
    try:
        type(v)()
    except TypeError as e:
        print("TypeError", e)
    try:
        type(v)(d)
    except TypeError as e:
        print("TypeError", e)

# del x[k] on objects without __delitem__: CPython words the TypeError by the path that failed.
class A:
    pass


class B(int):
    pass


for o in [1, 1.5, None, len, {}.keys(), set(), iter([]), A(), B(), "abc", (1,), range(3),
          frozenset(), b"x", type, A]:
    for k in [0, True, "x", 2 ** 80]:
        try:
            del o[k]
        except (TypeError, IndexError) as e:
            print(type(o).__name__, repr(k), type(e).__name__, e)

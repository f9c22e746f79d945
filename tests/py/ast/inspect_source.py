# inspect, which imports ast: getsource, signature, getdoc, getmembers, cleandoc.
import inspect


def f(a, b: int = 2, *args, c, **kw) -> str:
    """Add things.

    Twice.
    """
    return a + b


class K:
    """A class."""

    def method(self, x):
        return x

    @property
    def prop(self):
        return 1


print(inspect.getsource(f))
print(inspect.getsource(K.method))
print(inspect.signature(f), inspect.signature(K.method), inspect.signature(K().method))
print(inspect.getdoc(f))
print(inspect.cleandoc("  a\n    b\n  c"))
print([n for n, _ in inspect.getmembers(K) if not n.startswith("__")])
print(inspect.isfunction(f), inspect.isclass(K), inspect.ismethod(K().method))
print(inspect.getsourcelines(f)[1], inspect.getfile(f).endswith("inspect_source.py"))
print(list(inspect.signature(f).parameters.values())[1].annotation)

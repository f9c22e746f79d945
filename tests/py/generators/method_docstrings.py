# The generator, coroutine and async generator methods carry CPython's docstrings.
import types


async def coro():
    pass


async def agen():
    yield


c = coro()
for t, names in [(types.GeneratorType, ["send", "throw", "close"]),
                 (types.CoroutineType, ["send", "throw", "close"]),
                 (types.AsyncGeneratorType, ["asend", "athrow", "aclose"]),
                 (type(c.__await__()), ["send", "throw", "close"]),
                 (type(agen().asend(None)), ["send", "throw", "close"]),
                 (type(agen().athrow(ValueError)), ["send", "throw", "close"])]:
    for name in names:
        print(t.__name__, name, repr(getattr(t, name).__doc__))
c.close()

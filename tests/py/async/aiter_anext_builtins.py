# The builtins aiter() and anext(), with and without anext()'s default.
import asyncio
import types


class AIter:
    def __init__(self, n):
        self.i, self.n = 0, n

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i


async def agen():
    yield 1
    yield 2


class OldStyle:
    """__anext__ returning an awaitable that is not a coroutine (an __await__ iterator)."""

    def __init__(self):
        self.left = 2

    def __aiter__(self):
        return self

    def __anext__(self):
        me = self

        class Aw:
            def __await__(self):
                if me.left == 0:
                    raise StopAsyncIteration
                me.left -= 1
                return iter([])  # finishes at once: StopIteration(None)

        return Aw()


async def main():
    it = aiter(AIter(2))
    print(type(it).__name__, await anext(it), await anext(it))
    try:
        await anext(it)
    except StopAsyncIteration:
        print("StopAsyncIteration")
    print(await anext(it, "default"))
    g = agen()
    print(await anext(g), await anext(g), await anext(g, "end"))
    print(await anext(aiter(agen()), None))
    aw = anext(AIter(0), 42)
    print(type(aw).__name__, repr(aw).startswith("<anext_awaitable object at 0x"))
    print(await aw)
    o = OldStyle()
    print(await anext(o, "d1"), await anext(o, "d2"))
    try:
        await anext(o, "d3")
    except StopAsyncIteration:
        print("StopAsyncIteration from __await__ itself")
    for bad in (lambda: aiter(5), lambda: anext(5), lambda: anext(), lambda: anext(it, 1, 2),
                lambda: aiter(), lambda: aiter(1, 2)):
        try:
            bad()
        except TypeError as e:
            print("TypeError", e)

    class BadAiter:
        def __aiter__(self):
            return 5

    try:
        aiter(BadAiter())
    except TypeError as e:
        print("TypeError", e)
    # The awaitable's protocol used directly.
    aw = anext(AIter(0), "dflt")
    gen = aw.__await__()
    print(gen is aw)
    try:
        gen.send(None)
    except StopIteration as e:
        print("StopIteration", e.value)
    aw = anext(AIter(1), "dflt")
    try:
        aw.send(None)
    except StopIteration as e:
        print("StopIteration", e.value)
    aw = anext(agen(), "x")
    try:
        aw.throw(ValueError("boom"))
    except ValueError as e:
        print("ValueError", e)
    aw = anext(agen(), "x")
    print(aw.close())


asyncio.run(main())
print(aiter.__doc__.splitlines()[0])
print(anext.__doc__.splitlines()[0])

# async for / await look __aiter__, __anext__ and __await__ up on the type and bind them as
# descriptors first (a class attribute that is not a function, e.g. unittest.mock's MagicProxy).
import asyncio


class Binder:
    """A non-function class attribute whose __get__ returns a callable taking no arguments."""

    def __init__(self, make):
        self.make = make

    def __get__(self, obj, objtype=None):
        return self.make(obj)


class AIter:
    def __init__(self, n):
        self.n = n
        self.i = 0

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i


class Wrapper:
    __aiter__ = Binder(lambda obj: (lambda: AIter(obj.n)))

    def __init__(self, n):
        self.n = n


class Nexter:
    def __init__(self):
        self.left = 3

    def __aiter__(self):
        return self

    async def _next(self):
        if not self.left:
            raise StopAsyncIteration
        self.left -= 1
        return self.left

    __anext__ = Binder(lambda obj: obj._next)


class Waiter:
    __await__ = Binder(lambda obj: (lambda: iter([None])))


async def main():
    print([x async for x in Wrapper(4)])
    print([x async for x in Nexter()])
    print(await Waiter())
    try:
        async for x in 5:
            pass
    except TypeError as e:
        print("TypeError", e)


asyncio.run(main())

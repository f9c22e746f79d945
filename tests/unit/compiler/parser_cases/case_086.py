async def f():
    yield
    yield x
    x = yield
    x = yield y
    x = await z

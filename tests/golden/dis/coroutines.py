async def fetch(x):
    return await x

async def agen(items):
    for i in items:
        yield i
        await i

async def loops(aiter, cm):
    async for x in aiter:
        pass
    async with cm as c:
        pass
    return [y async for y in aiter]

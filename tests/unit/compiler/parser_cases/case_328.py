async def h():
    async for x in y:
        pass
    else:
        pass
    async with a, b:
        pass

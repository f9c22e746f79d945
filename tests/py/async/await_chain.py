async def leaf(x):
    return x + 1
async def mid(x):
    return await leaf(x) * 2
async def top():
    total = 0
    for i in range(3):
        total += await mid(i)
    return total
c = top()
try:
    c.send(None)
except StopIteration as e:
    print(e.value)

async def agen():
    for i in range(4):
        yield i
async def main():
    return [x * 2 async for x in agen() if x % 2 == 0]
c = main()
try:
    c.send(None)
except StopIteration as e:
    print(e.value)

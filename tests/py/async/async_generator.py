async def agen(n):
    for i in range(n):
        yield i
async def main():
    out = []
    async for v in agen(3):
        out.append(v)
    return out
c = main()
try:
    c.send(None)
except StopIteration as e:
    print(e.value)

class Later:
    def __await__(self):
        v = yield "suspended"
        return v * 2
async def main():
    r = await Later()
    print("got", r)
    return r
c = main()
print(c.send(None))
try:
    c.send(21)
except StopIteration as e:
    print("done", e.value)

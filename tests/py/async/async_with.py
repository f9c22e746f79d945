class ACM:
    async def __aenter__(self):
        print("aenter")
        return "res"
    async def __aexit__(self, *a):
        print("aexit", a[0])
async def main():
    async with ACM() as r:
        print("inside", r)
c = main()
try:
    c.send(None)
except StopIteration:
    print("finished")

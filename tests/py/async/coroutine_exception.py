async def fails():
    raise ValueError("async boom")
async def main():
    try:
        await fails()
    except ValueError as e:
        return "caught " + str(e)
c = main()
try:
    c.send(None)
except StopIteration as e:
    print(e.value)

async def f(): pass
c = f()
print(type(c).__name__, c.__name__, c.cr_running)
c.close()

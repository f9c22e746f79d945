def g():
    try:
        yield 1
        yield 2
    finally:
        print("finalized")
it = g()
print(next(it))
it.close()
print("after close")

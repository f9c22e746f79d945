def g():
    try:
        yield 1
        yield 2
    except ValueError as e:
        print("caught", e)
        yield 99
    finally:
        print("cleanup")
it = g()
print(next(it))
print(it.throw(ValueError("bad")))
it.close()
it2 = g()
next(it2)
it2.close()
print("closed")

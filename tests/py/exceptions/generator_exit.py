def g():
    try:
        yield 1
    except GeneratorExit:
        print("got GeneratorExit")
        raise
it = g(); next(it); it.close()
def bad():
    try:
        yield 1
    except GeneratorExit:
        yield 2
it = bad(); next(it)
try:
    it.close()
except RuntimeError as e:
    print(e)

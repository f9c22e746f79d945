def g():
    while True:
        try:
            yield
        except KeyError as e:
            print("handled", e)
it = g(); next(it)
it.throw(KeyError("a"))
it.throw(KeyError, KeyError("b"))
try:
    it.throw(ValueError("unhandled"))
except ValueError as e:
    print("propagated", e)

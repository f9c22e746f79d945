def f():
    x = 1
    del x
    try:
        return x
    except UnboundLocalError as e:
        return str(e)
print(f())

def f():
    try:
        1 / 0
    except ZeroDivisionError as e:
        pass
    return "e" in locals()
print(f())

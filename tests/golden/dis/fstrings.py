def f(name, value, width):
    a = f"hello {name}"
    b = f"{value!r:>{width}}"
    c = f"{value:.2f} and {name!s} and {name!a}"
    d = f"plain"
    return a, b, c, d

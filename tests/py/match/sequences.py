def f(x):
    match x:
        case []: return "empty"
        case [a]: return f"one {a}"
        case [a, b]: return f"two {a} {b}"
        case [a, *rest]: return f"many {a} {rest}"
        case _: return "not a seq"
print([f(v) for v in ([], [1], (1, 2), [1, 2, 3], "ab", {1: 2})])

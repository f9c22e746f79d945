def f(x):
    match x:
        case 0: return "zero"
        case 1 | 2: return "small"
        case "s": return "string"
        case None: return "none"
        case True: return "true"
        case _: return "other"
print([f(v) for v in (0, 1, 2, "s", None, True, 5)])

def f(x):
    match x:
        case 1:
            return "one"
        case -2 | 3:
            return "small"
        case "s" if x:
            return "str"
        case None:
            return "none"
        case True:
            return "true"
        case _:
            return "other"

def f(x):
    match x:
        case []:
            return 0
        case [a]:
            return a
        case [a, b, *rest]:
            return rest
        case [first, *_, last]:
            return first, last
        case (1, _):
            return 1

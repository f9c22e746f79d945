match x:
    case {"a": 1, "b": c}:
        pass
    case {**rest}:
        pass
    case {}:
        pass
    case {1: x, a.b: y, **z}:
        pass

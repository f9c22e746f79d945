match x:
    case [a, b] as c:
        pass
    case (1 | 2) as d:
        pass
    case a if a > 0:
        pass

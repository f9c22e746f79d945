match x:
    case [a, b]:
        pass
    case (a, b):
        pass
    case [a, *rest]:
        pass
    case [*_]:
        pass
    case ():
        pass
    case []:
        pass
    case (a):
        pass
    case (a,):
        pass

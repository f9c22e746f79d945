def f(p):
    match p:
        case Point(x=0, y=0):
            return "origin"
        case Point(a, b) as pt:
            return pt
        case int(n) | float(n):
            return n
        case Color.RED:
            return "red"

class Color:
    RED = 1
    GREEN = 2
def f(c):
    match c:
        case Color.RED: return "red"
        case Color.GREEN: return "green"
    return "unknown"
print(f(1), f(2), f(3))

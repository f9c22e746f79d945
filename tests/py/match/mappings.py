def f(x):
    match x:
        case {"type": "point", "x": x, "y": y}: return f"point {x},{y}"
        case {"type": t, **rest}: return f"{t} {rest}"
        case _: return "?"
print(f({"type": "point", "x": 1, "y": 2}), f({"type": "circle", "r": 5}), f({}))

def f(x):
    match x:
        case [1, (2 | 3) as second] as whole: return (second, whole)
        case str() as s if len(s) > 2: return s.upper()
    return None
print(f([1, 3]), f("abc"), f("ab"))

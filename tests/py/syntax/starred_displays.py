a = [1, 2]; b = {"x": 1}
print([*a, *a], (*a, 3), {*a, 4}, {**b, "y": 2}, [*range(3)], print(*a))
first, *_ = [*"hello"]
print(first)

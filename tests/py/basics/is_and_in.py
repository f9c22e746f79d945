a = [1, 2]
b = a
print(a is b, a is not b, a is [1, 2], None is None)
print(1 in a, 3 not in a, "ell" in "hello", "x" in {"x": 1}, 2 in {1, 2})

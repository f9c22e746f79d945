a = [1]; b = [1]
print(a == b, a is b, a is not b, None is None, () is (), 1 is not None)

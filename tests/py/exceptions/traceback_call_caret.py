def boom(x):
    raise ValueError(x)
values = [1, 2]
result = values[0] + boom(values[1])

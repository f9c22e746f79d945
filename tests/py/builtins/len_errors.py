try:
    len(5)
except TypeError as e:
    print(e)
print(len(""), len([1]), len({1: 2}), len(range(5)), len(b"ab"))

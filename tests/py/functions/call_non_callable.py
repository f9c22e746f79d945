try:
    5()
except TypeError as e:
    print(e)
try:
    "abc"(1)
except TypeError as e:
    print(e)

print("ab" + "cd", "ab" * 3, 3 * "x", "" * 5, "a" < "b", "abc" < "abd", "Z" < "a", "é" > "z")
try:
    "a" + 1
except TypeError as e:
    print(e)

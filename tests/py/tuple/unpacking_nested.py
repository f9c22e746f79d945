data = [(1, ("a", True)), (2, ("b", False))]
for n, (letter, flag) in data:
    print(n, letter, flag)

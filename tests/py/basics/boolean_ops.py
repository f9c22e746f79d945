print(1 and 2, 0 and 2, 1 or 2, 0 or 2, None or "d")
print(not 1, not 0, not [], not [1])
print([] or {} or "last")
print(1 and [] and 3)

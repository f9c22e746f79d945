print(match, case)

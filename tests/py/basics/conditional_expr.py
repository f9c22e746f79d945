for x in (0, 1, 2):
    print("zero" if x == 0 else "one" if x == 1 else "many")

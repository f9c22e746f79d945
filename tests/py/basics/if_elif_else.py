for n in range(-2, 3):
    if n < 0:
        print(n, "negative")
    elif n == 0:
        print(n, "zero")
    else:
        print(n, "positive")

[a, b]

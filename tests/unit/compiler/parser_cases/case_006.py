(a, b), c = d

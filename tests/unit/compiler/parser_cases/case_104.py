f(a, *b)

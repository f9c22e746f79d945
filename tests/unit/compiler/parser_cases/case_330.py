x = f(a)(b)

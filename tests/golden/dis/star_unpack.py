def f(seq):
    a, *b = seq
    *c, d = seq
    e, *f, g = seq
    [h, i] = seq
    return a, b, c, d, e, f, g, h, i

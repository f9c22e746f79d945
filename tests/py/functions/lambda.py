sq = lambda x: x * x
print(sq(7), (lambda *a, **k: (a, k))(1, b=2), sorted([3, 1, 2], key=lambda v: -v))
print(sq.__name__)

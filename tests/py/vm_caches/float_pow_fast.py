# float ** float: the fast path and every case it must leave to the full protocol.
print(2.0 ** 0.5, 9.0 ** 0.5, 2.0 ** -1.5, 10.0 ** 2, 2 ** 0.5, 2.5 ** 2)
print(1.0 ** float("inf"), 1.0 ** float("nan"), 2.0 ** 0.0, 0.5 ** 1074.0)
print(float("inf") ** 2.0, float("inf") ** -1.0, float("nan") ** 1.0, 2.0 ** float("-inf"))
print(0.0 ** 0.0, 0.0 ** 2.5, (-2.0) ** 2.0, (-8.0) ** (1 / 3))
print(1e-300 ** 2.0, 1e-200 ** 5.0)
for a, b in ((0.0, -1.0), (2.0, 10000.0), (10.0, 400.5)):
    try:
        print(a ** b)
    except (ZeroDivisionError, OverflowError) as e:
        print(type(e).__name__, e)
x = 3.0
x **= 2.0
print(x)

# cmath over arguments with infinite and NaN parts: CPython's special values to the sign of zero,
# which parts are NaN, and where ValueError or OverflowError is raised.
import cmath

inf = float("inf")
nan = float("nan")
VALUES = [-inf, -2.5, -1.0, -0.0, 0.0, 1.0, 2.5, inf, nan, 1e300, -1e-300]


def show(func, *args, **kwargs):
    try:
        r = func(*args, **kwargs)
    except (ValueError, OverflowError) as exc:
        return type(exc).__name__
    if isinstance(r, complex):
        return f"{r.real!r},{r.imag!r}"
    if isinstance(r, tuple):
        return ",".join(repr(v) for v in r)
    return repr(r)


NAMES = "acos acosh asin asinh atan atanh cos cosh exp log log10 sin sinh sqrt tan tanh phase polar"
for name in NAMES.split():
    func = getattr(cmath, name)
    for x in VALUES:
        print(name, repr(x), " ".join(show(func, complex(x, y)) for y in VALUES))

for r in VALUES:
    print("rect", repr(r), " ".join(show(cmath.rect, r, phi) for phi in VALUES))

BASES = [0j, 1, 2, complex(-0.0, -0.0), inf, complex(nan, 0.0), complex(0.0, inf), 0.5]
for x in [0j, complex(-0.0, 0.0), 1, -2.5, complex(inf, 1.0), complex(nan, -inf), complex(1e300, -1e-300)]:
    print("log base", repr(x), " ".join(show(cmath.log, x, b) for b in BASES))

SAMPLES = [complex(inf, 0.0), complex(0.0, -inf), complex(nan, 1.0), complex(1e300, 1e300), 0j, 1 + 1e-10j]
for a in SAMPLES:
    print("isclose", repr(a), " ".join(
        show(cmath.isclose, a, b) + show(cmath.isclose, a, b, abs_tol=inf) for b in SAMPLES))

# Errors with finite arguments next to the special ones.
for func, arg in [(cmath.log, 0j), (cmath.log10, complex(-0.0, 0.0)), (cmath.atanh, 1 + 0j),
                  (cmath.atanh, complex(-1.0, -0.0)), (cmath.atan, 1j), (cmath.exp, complex(710, 1)),
                  (cmath.cosh, complex(-711, 0.5)), (cmath.sinh, complex(711, 2.0)),
                  (cmath.cos, complex(1.0, 711)), (cmath.tan, complex(1.0, inf)),
                  (cmath.exp, complex(2.0, inf)), (cmath.sin, complex(inf, 0.5))]:
    try:
        print(func.__name__, repr(arg), func(arg))
    except (ValueError, OverflowError) as exc:
        print(func.__name__, repr(arg), type(exc).__name__, exc)
for args in [(1.0, inf), (-2.0, -inf), (0.0, inf), (nan, inf), (inf, nan)]:
    try:
        print("rect", args, cmath.rect(*args))
    except ValueError as exc:
        print("rect", args, "ValueError", exc)

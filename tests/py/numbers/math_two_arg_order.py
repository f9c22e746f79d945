# math's two-argument functions convert their first argument before the second: a failing
# first conversion never runs the second one's __float__.
import math


class F:
    def __float__(self):
        self.converted = True
        return 2.0


for func in math.atan2, math.copysign, math.remainder, math.nextafter, math.fmod, math.pow:
    y = F()
    try:
        func("not a number", y)
    except TypeError as exc:
        print(func.__name__, "TypeError:", exc)
    print(func.__name__, getattr(y, "converted", False))
print(math.atan2(F(), 1.0), math.copysign(3, F()), math.remainder(F(), 3))

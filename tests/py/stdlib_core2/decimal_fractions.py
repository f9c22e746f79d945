# decimal (the _pydecimal fallback) and fractions.
from decimal import Decimal, getcontext, localcontext, ROUND_HALF_UP, InvalidOperation
from fractions import Fraction
print(Decimal('1.1') + Decimal('2.2'), Decimal(1) / Decimal(7), Decimal('3.14159').quantize(Decimal('0.01')))
with localcontext() as ctx:
    ctx.prec = 5
    print(Decimal(1) / Decimal(3))
print(getcontext().prec, Decimal('2.5').quantize(Decimal('1'), rounding=ROUND_HALF_UP), Decimal(0.1))
print(Decimal('1e3').to_integral_value(), Decimal('-0'), Decimal('NaN').is_nan(), Decimal(2).sqrt())
try:
    Decimal('abc')
except InvalidOperation as e:
    print('InvalidOperation')
print(Fraction(3, 6), Fraction('1/3') + Fraction(1, 6), Fraction(0.75), Fraction(1, 3) * 3 == 1, float(Fraction(1, 8)))
print(Fraction(355, 113).limit_denominator(10), Fraction(7, 2).__floor__(), round(Fraction(5, 2)), Fraction(-1, 3).numerator)

# time.asctime, strftime and mktime: struct_time fields are C ints, years reach INT_MIN + 1900.
import time

MAXYEAR = 2**31 - 1
MINYEAR = -MAXYEAR - 1 + 1900
cases = [(MAXYEAR,), (MINYEAR,), (MAXYEAR + 1,), (MINYEAR - 1,), (-MAXYEAR - 1,), (2**31,),
         (-2**31 + 1899,), (0, 2**31), (-2**31 - 1,), (2000, 1, 1, 0, 0, 0, 0, 0, 2**31)]
for c in cases:
    tt = c + (1,) * (9 - len(c)) if len(c) < 3 else c + (0,) * (9 - len(c))
    for f in (time.asctime, lambda t: time.strftime("%Y", t)):
        try:
            print(f(tt))
        except Exception as e:
            print(type(e).__name__, e)
for y in (-1, -1234, 12345, 123456789):
    print(time.asctime((y, 1, 1) + (0,) * 6), time.strftime("%Y", (y, 1, 1) + (0,) * 6))
try:
    time.strftime("%S\0", time.gmtime(0))
except Exception as e:
    print(type(e).__name__, e)
try:
    time.mktime((2**31,) + (0,) * 8)
except Exception as e:
    print(type(e).__name__, e)

# time: clock_gettime/getres/settime, pthread_getcpuclockid, tzset, strptime, _STRUCT_TM_ITEMS.
import os
import threading
import time


def t(f, *a):
    try:
        r = f(*a)
        print(type(r).__name__)
    except Exception as e:
        print(type(e).__name__, e)


print(time._STRUCT_TM_ITEMS, len(time.localtime()) + 2 == time._STRUCT_TM_ITEMS)
for n in ("CLOCK_BOOTTIME", "CLOCK_MONOTONIC", "CLOCK_MONOTONIC_RAW", "CLOCK_PROCESS_CPUTIME_ID",
          "CLOCK_REALTIME", "CLOCK_TAI", "CLOCK_THREAD_CPUTIME_ID"):
    clk = getattr(time, n)
    print(n, clk, type(time.clock_gettime(clk)).__name__, type(time.clock_gettime_ns(clk)).__name__,
          time.clock_getres(clk) > 0)
a = time.clock_gettime_ns(time.CLOCK_MONOTONIC)
b = time.clock_gettime_ns(time.CLOCK_MONOTONIC)
print(b >= a)
t(time.clock_gettime)
t(time.clock_gettime, 1.0)
t(time.clock_gettime, 999)
t(time.clock_gettime, 2**40)
t(time.clock_gettime_ns, "a")
t(time.clock_getres, 999)
t(time.clock_settime, time.CLOCK_MONOTONIC, 0)
t(time.clock_settime, time.CLOCK_REALTIME, "x")
t(time.clock_settime_ns, time.CLOCK_MONOTONIC, 1.0)
t(time.clock_settime_ns, time.CLOCK_MONOTONIC, 0)
clk = time.pthread_getcpuclockid(threading.get_ident())
print(type(clk).__name__, time.clock_gettime(clk) > 0)
t(time.pthread_getcpuclockid, 1.0)
t(time.tzset, 1)

old = os.environ.get("TZ")
os.environ["TZ"] = "EST+05EDT,M3.2.0,M11.1.0"
time.tzset()
print(time.timezone, time.altzone, time.daylight, time.tzname)
os.environ["TZ"] = "UTC"
time.tzset()
print(time.timezone, time.altzone, time.daylight, time.tzname)
print(time.localtime(0)[:9])
if old is None:
    del os.environ["TZ"]
else:
    os.environ["TZ"] = old
time.tzset()

print(time.strptime("2024-02-29 13:05", "%Y-%m-%d %H:%M")[:9])
print(time.strptime("Thu Jan  1 00:00:00 1970")[:9])
t(time.strptime)
t(time.strptime, 1, 2, 3)
t(lambda: time.strptime("1", format="%d"))
t(time.strptime, "x", "%d")

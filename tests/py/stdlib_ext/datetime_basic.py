# datetime: date/time/datetime/timedelta arithmetic, isoformat, strftime, fromisoformat, fixed
# time zones (no local-time-zone dependent output).
from datetime import date, time, datetime, timedelta, timezone
d = date(2024, 2, 28)
print(d, d + timedelta(days=2), d.weekday(), d.isoweekday(), tuple(d.isocalendar()), d.toordinal())
print(date.fromordinal(738000), date.fromisoformat('2023-12-31'), d.replace(day=1), d.ctime())
print((date(2024, 3, 1) - d).days, d < date(2024, 3, 1), d.strftime('%Y/%m/%d %a %b %j'))
t = time(13, 5, 9, 123456)
print(t, t.isoformat('milliseconds'), t.replace(hour=1), time.fromisoformat('04:05:06.5'), t.strftime('%H:%M:%S %p'))
dt = datetime(2021, 12, 31, 23, 59, 30, 500)
print(dt, dt + timedelta(seconds=45), dt.isoformat(), dt.isoformat(' ', 'seconds'), repr(dt))
print(dt.date(), dt.time(), dt.timetuple()[:6], dt.strftime('%Y-%m-%dT%H:%M:%S.%f %%'))
print(datetime.fromisoformat('2020-05-17T10:20:30.400+02:00'), datetime.strptime('2001-02-03 04:05', '%Y-%m-%d %H:%M'))
tz = timezone(timedelta(hours=5, minutes=30), 'IST')
a = datetime(2022, 1, 1, 12, tzinfo=timezone.utc)
b = a.astimezone(tz)
print(b, b.tzname(), b.utcoffset(), a == b, b - a, (b + timedelta(hours=1)).isoformat())
print(datetime.fromtimestamp(86400 * 365, timezone.utc), a.timestamp(), datetime(2000, 1, 1).replace(tzinfo=tz).utcoffset())
td = timedelta(days=1, hours=-5, microseconds=7)
print(td, repr(td), td.total_seconds(), -td, abs(-td), td * 3, td / 2, td // timedelta(hours=1), td % timedelta(hours=5))
print(timedelta(weeks=1) > timedelta(days=6), timedelta(0) == timedelta(), str(timedelta(microseconds=-1)))
print(sorted([date(2020, 1, 2), date(2019, 5, 5), date(2020, 1, 1)]))
print(hash(date(2020, 1, 1)) == hash(date(2020, 1, 1)), date.max, date.min, timedelta.max)
for bad in [lambda: datetime.fromisoformat('nope'), lambda: date.fromisoformat('2020-13-01x')]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)

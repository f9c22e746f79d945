# Slicing a range whose length or slice step exceeds 64 bits.
big = 2**100
for length in (0, 1, 7, big):
    r = range(length)
    for s in (slice(None), slice(None, None, -big), slice(None, None, big), slice(-big, big, 3),
              slice(5, -5, -1), slice(big, None, -2), slice(None, -7, -big)):
        print(length, s, r[s])
print(range(-big, big, 7)[3:-3:5])
print(range(0, big * 3, big)[::-1])
print(len(range(big)[::2]), range(big)[1::2][-1])
try:
    range(big)[::0]
except ValueError as e:
    print("ValueError", e)

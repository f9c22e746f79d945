# unicodedata's character properties on assigned, unassigned, range-defined and numeric
# characters, checked on a sample of all planes against CPython (Unicode 14.0).
import unicodedata as u

def row(c):
    return (u.category(c), u.bidirectional(c), u.combining(c), u.east_asian_width(c), u.mirrored(c),
            u.decomposition(c), u.decimal(c, None), u.digit(c, None), u.numeric(c, None), u.name(c, None))

for c in "a1\u00bd\u0301(\u0663\u00b2\u2155\u4e00\u4e94\u5104\uac00\ud800\ue000\u0378\U0001F600\U00031350\u0cf3":
    print(hex(ord(c)), row(c))
# A summary of every third code point: counts of each property value and sums of the numbers.
counts = {}
sums = [0, 0, 0, 0, 0.0, 0, 0]
for cp in range(0, 0x110000, 3):
    r = row(chr(cp))
    for i in (0, 1, 3):
        counts[(i, r[i])] = counts.get((i, r[i]), 0) + 1
    sums[0] += r[2]
    sums[1] += r[4]
    sums[2] += len(r[5])
    sums[3] += (r[6] or 0) + (r[7] or 0)
    sums[4] += r[8] or 0
    sums[5] += len(r[9] or "")
    sums[6] += (cp % 1000) * (r[9] is not None)
for key in sorted(counts):
    print(key, counts[key])
print(sums)
for f, err in ((u.decimal, "decimal"), (u.digit, "digit"), (u.numeric, "numeric")):
    try:
        f("x")
    except ValueError as e:
        print(err, e)
    print(f("x", "default"))
try:
    u.category("ab")
except TypeError as e:
    print(e)

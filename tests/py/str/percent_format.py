print("%s %d %5.2f %x %o %e %r %%" % ("s", 42, 3.14159, 255, 8, 12345.678, "r"))
print("%(a)s-%(b)03d" % {"a": "x", "b": 7}, "%-5s|" % "ab", "%+d" % 5, "%c" % 65, "%5s" % "toolong")
try:
    "%d %d" % (1,)
except TypeError as e:
    print(e)
try:
    "%d" % (1, 2)
except TypeError as e:
    print(e)

b = b"  Hello World  "
print(b.strip(), b.lower(), b.title(), b.center(20, b"*"), b.count(b"l"), b.startswith(b"  H"), b.split(b"o"), b.isspace())
print(b"a,b".partition(b","), b"%d-%s" % (5, b"x"), b"abc"[::-1], bytes(reversed(b"abc")))

# printf-style formatting of str and bytes: the shared argument, key and spec handling.
def show(f, args):
    try:
        print(repr(f % args))
    except Exception as e:
        print(type(e).__name__, e)

for s in ("%s-%d", "%(a)s %(b)05.1f", "%(a(x))s", "%*d|%-*d|%.*f", "%(a", "%", "%5", "%s %s",
          "%z", "%(a)s %s", "%x", "%c", "%.3000000000f", "%(a)5%", "%5%", "%-5s|",
          "%+d % d %#x %#o", "%ld %hi %Lf"):
    for args in (("a", 2), {"a": 3, "b": 2.5, "a(x)": "k"}, (5, 3, -4, 7, 2, 3.14159), 42, ("x",), 3.5,
                 "str", (65,), ()):
        show(s, args)
        try:
            b = s.encode()
        except Exception:
            continue
        if isinstance(args, dict):
            args = {k.encode(): v for k, v in args.items()}
        elif isinstance(args, str):
            args = args.encode()
        if b == b"%.3000000000f":  # bytes % has no precision limit yet
            continue
        show(b, args)
show("%d", "3")
show(b"%d", b"3")
show("%x", 3.0)
show(b"%o", 3.0)
show("%f", "x")
show(b"%f", b"x")
show("%s", [1])
show(b"%(k)s", {b"k": b"v"})
show(b"%s", bytearray(b"ba"))
show(bytearray(b"%s|%5b"), (b"a", b"b"))

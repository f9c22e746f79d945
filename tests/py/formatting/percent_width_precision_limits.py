# printf-style width and precision limits: '*' takes an int (a C ssize_t width, a C int
# precision), written digits stop at "width too big" / "precision too big" ("prec too big" for
# bytes), and an integer's precision stops at "precision too large".
import sys


def show(label, f):
    try:
        r = f()
        print(label, len(r) if len(r) > 50 else repr(r))
    except Exception as e:
        print(label, type(e).__name__, e)


for fmt in ('%.*d', '%.*f', '%.*s', '%.*x', '%.*g', '%.*r', '%.*c'):
    for n in (sys.maxsize, 2**31, 2**31 - 1, 2**31 - 3, -2**31, 2**63, -5, 3, True, 1.0, '2'):
        if fmt in ('%.*f', '%.*g') and n in (2**31 - 1, 2**31 - 3):
            continue
        show((fmt, n), lambda: fmt % (n, 1))
        if fmt not in ('%.*r', '%.*s'):
            show((fmt, n, 'b'), lambda: fmt.encode() % (n, 1))
for fmt in ('%*d', '%*s', '%*c'):
    for n in (2**63, -2**63 - 1, 2**100, -5, 3, False, 'x', 2.0):
        show((fmt, n), lambda: fmt % (n, 1))
        if fmt != '%*s':
            show((fmt, n, 'b'), lambda: fmt.encode() % (n, 1))
for s in ('%.2147483648d', '%.9223372036854775808d', '%9999999999999999999999d',
          '%99999999999999999999.1d', '%.100d', '%.100f', '%.2147483648f', '%.2147483648s',
          '%.3s', '%-5.2s|', '%05d', '%-05d|', '%+.3d'):
    show(s, lambda: s % 1 if 's' not in s else s % 'abcdef')
    show((s, 'b'), lambda: s.encode() % 1 if 's' not in s else s.encode() % b'abcdef')

# csv: writer quoting modes, escaping, lineterminator, DictWriter, dialect validation errors.
import csv, io

rows = [['a', 'b,c', 'say "hi"', None, 1.5, 2, ''], ['line\nbreak', 'tab\tx', ' sp '], [''], []]
for quoting in (csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC):
    s = io.StringIO()
    w = csv.writer(s, quoting=quoting)
    w.writerows(rows)
    print(repr(s.getvalue()))

s = io.StringIO()
w = csv.writer(s, quoting=csv.QUOTE_NONE, escapechar='\\', lineterminator='\n')
print(w.writerow(['a,b', 'c"d', 'e\\f']))
print(repr(s.getvalue()))

s = io.StringIO()
w = csv.writer(s, delimiter='|', quotechar="'", doublequote=False, escapechar='~')
w.writerow(["it's", 'a|b'])
print(repr(s.getvalue()))

s = io.StringIO()
dw = csv.DictWriter(s, fieldnames=['x', 'y'])
dw.writeheader()
dw.writerow({'x': 1, 'y': 'two'})
dw.writerows([{'x': 3}, {'y': 4}])
print(repr(s.getvalue()))

for f in [lambda: csv.writer(io.StringIO(), quoting=csv.QUOTE_NONE).writerow(['a,b']),
          lambda: csv.writer(io.StringIO(), quoting=csv.QUOTE_NONE).writerow(['']),
          lambda: csv.writer(io.StringIO()).writerow(5),
          lambda: csv.writer(5),
          lambda: csv.writer(io.StringIO(), delimiter='ab'),
          lambda: csv.writer(io.StringIO(), delimiter=1),
          lambda: csv.writer(io.StringIO(), quotechar=5),
          lambda: csv.writer(io.StringIO(), lineterminator=None),
          lambda: csv.writer(io.StringIO(), quoting=9),
          lambda: csv.writer(io.StringIO(), quoting=csv.QUOTE_ALL, quotechar=None),
          lambda: csv.writer(io.StringIO(), bogus=1)]:
    try:
        f()
        print('ok')
    except Exception as e:
        print(type(e).__name__, e)

d = csv.writer(io.StringIO(), quotechar=None).dialect
print(d.quoting, d.quotechar, d.delimiter)
try:
    d.delimiter = ';'
except AttributeError as e:
    print('AttributeError', e)
print(csv.Sniffer().sniff('a;b;c\n1;2;3\n').delimiter)

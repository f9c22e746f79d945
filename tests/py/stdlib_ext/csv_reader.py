# csv: reader with dialects, quoting, escaping, skipinitialspace, strict errors, line_num.
import csv, io

data = 'name,age,note\r\nalice,30,"likes ""quotes"""\r\nbob,25,"multi\nline"\r\n\r\n,,\r\n'
r = csv.reader(io.StringIO(data, newline=''))
for row in r:
    print(r.line_num, row)

print(list(csv.reader(['a;b;c', '1;2;3'], delimiter=';')))
print(list(csv.reader(['a, "b,c", d'], skipinitialspace=True)))
print(list(csv.reader(['a\\,b,c'], escapechar='\\')))
print(list(csv.reader(["'x y' z"], delimiter=' ', quotechar="'")))
print(list(csv.reader(['1,2.5,"x"'], quoting=csv.QUOTE_NONNUMERIC)))
print(list(csv.reader(['"a"b,c'])))
print(list(csv.reader(['a,"b'])))
print(list(csv.reader(['a\tb'], dialect='excel-tab')))
print(list(csv.reader(['"a""b",c'], doublequote=True)))
print(list(csv.reader(['a,"b\\"c"'], doublequote=False, escapechar='\\')))

for rows, kw in [(['a,"b'], dict(strict=True)), (['"a"b'], dict(strict=True)), ([b'a'], {}),
                 (['a\nb'], {}), (['abc'], dict(quoting=csv.QUOTE_NONNUMERIC))]:
    try:
        print(list(csv.reader(rows, **kw)))
    except (csv.Error, ValueError) as e:
        print(type(e).__name__, e)

class Semi(csv.Dialect):
    delimiter = ';'
    quotechar = '"'
    doublequote = True
    skipinitialspace = False
    lineterminator = '\n'
    quoting = csv.QUOTE_MINIMAL
csv.register_dialect('semi', Semi)
print(sorted(csv.list_dialects()))
print(list(csv.reader(['x;"y;z"'], 'semi')))
d = csv.get_dialect('semi')
print(d.delimiter, repr(d.lineterminator), d.quoting, d.doublequote, d.escapechar)
csv.unregister_dialect('semi')
try:
    csv.get_dialect('semi')
except csv.Error as e:
    print('Error', e)

old = csv.field_size_limit(10)
try:
    list(csv.reader(['x' * 20]))
except csv.Error as e:
    print('Error', e)
csv.field_size_limit(old)

for row in csv.DictReader(io.StringIO('k,v\n1,one\n2,two\n')):
    print(row)

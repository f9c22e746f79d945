# _string: formatter_parser and formatter_field_name_split, including their errors.
import _string
for s in ['a{{b}}c{0!r:>10}d', '{}', '{a.b[0]:{w}}x', '{', '}', 'a}b', '{0!}', '{0!r', '{0!rr}', '{0', '{0:',
          '{:{}', '{!r}', '{[}', 'x{0[}', '{0:{{}}}', 'plain', '']:
    try:
        print(repr(s), list(_string.formatter_parser(s)))
    except Exception as e:
        print(repr(s), type(e).__name__, e)
for s in ['a.b[0].c', '0.x', '', '[1]', 'a[', 'a.', 'a[x]y', '12[3]', 'x[a.b]']:
    try:
        f, r = _string.formatter_field_name_split(s)
        print(repr(s), repr(f), list(r))
    except Exception as e:
        print(repr(s), type(e).__name__, e)

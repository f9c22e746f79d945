# json: loads of every JSON type, object_hook/object_pairs_hook/parse_float, and
# JSONDecodeError messages with positions.
import json
from collections import OrderedDict
text = '{"a": [1, 2.5, -3e2, true, false, null], "b": {"c": "\\u00e9\\n\\ud83d\\ude00"}, "d": ""}'
print(json.loads(text))
print(json.loads(' [ ] '), json.loads('{}'), json.loads('"s"'), json.loads('12345678901234567890'))
print(json.loads('[NaN, Infinity, -Infinity]'))
print(json.loads(text, object_pairs_hook=OrderedDict))
print(json.loads('{"x": 1.5}', parse_float=lambda s: 'F' + s, object_hook=lambda d: sorted(d.items())))
print(json.loads(b'[1, "bytes"]'))
for bad in ['', '[1,', '{"a" 1}', '[1 2]', '{"a": 1,}', 'tru', '"unterminated', '[1]x', '{1: 2}',
            '"\\x"', '\n\n  [\n  ,', '"a\tb"']:
    try:
        json.loads(bad)
    except json.JSONDecodeError as e:
        print(repr(bad), '->', e, '|', e.msg, e.lineno, e.colno, e.pos)
print(json.JSONDecoder().raw_decode('[1] tail'))

# json: the native scanner (json.loads): error positions, numbers, hooks, parse_* callbacks, raw_decode, deep nesting.
import json
from collections import OrderedDict
from decimal import Decimal
for bad in ['{"a": 1,}', '[1,]', '[1,,2]', '{"a":1 "b"}', '[-]', '[1.]', '[1e]', '[01]', '{"a"}', '["x" 1]', '-Infinity', '[-Inf]', '[tru]', '{,}', '[', '{', '', '  ', '[1', '{"a":', '{"a":1', 'nul', '"\\ud83d\\ude00"', '1 2', '[[[[]]]]', '{"k": {"k2": [1, {"x": null}]}}']:
    try: print(repr(json.loads(bad)))
    except json.JSONDecodeError as e: print(repr(bad), e)
print(json.loads('[1.5e3, -0, 2E-2, 10, -7.25, 1e400, 12345678901234567890, -0.0]'))
print(json.loads('[1.1, 2]', parse_float=Decimal, parse_int=lambda s: 'I' + s))
print(json.loads('[NaN, Infinity, -Infinity]', parse_constant=lambda s: 'C' + s))
print(json.loads('{"b": 1, "a": {"c": 2}}', object_pairs_hook=OrderedDict))
print(json.loads('{"b": 1}', object_hook=lambda d: ('hooked', d)))
print(json.loads('["a\\tb"]', strict=False) if False else json.loads('["a\tb"]', strict=False))
print(json.JSONDecoder().raw_decode('  {"x": [true, false, null]} tail'[2:]))
print(type(json.decoder.JSONDecoder().scan_once).__name__)
try: json.loads('[' * 100000)
except RecursionError as e: print('RecursionError')

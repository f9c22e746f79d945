import _sre
from _rehelper import re
print(_sre.MAGIC, _sre.CODESIZE, _sre.MAXREPEAT, _sre.MAXGROUPS, _sre.getcodesize())
print(_sre.ascii_iscased(ord('a')), _sre.ascii_iscased(ord('1')), _sre.ascii_iscased(0xe9))
print(_sre.unicode_iscased(0xe9), _sre.unicode_iscased(ord('1')), _sre.unicode_iscased(0xdf), _sre.unicode_iscased(0x1c5))
print(_sre.ascii_tolower(ord('A')), _sre.ascii_tolower(0xc9), _sre.unicode_tolower(0xc9), _sre.unicode_tolower(0x130), _sre.unicode_tolower(0x212a))
print([c for c in range(0, 0x3000) if _sre.unicode_tolower(c) != ord(chr(c).lower()[0])][:20])
print(sum(1 for c in range(0x3000) if _sre.unicode_iscased(c)))
p = _sre.compile('a', 0, [14, 4, 0, 1, 1, 16, 97, 1], 0, {}, (None,))
print(p.match('a'), p.match('b'), p.groups, p.pattern)
for code in [[1, 2, 3], [16], [17, 5, 1], [0]]:
    try:
        _sre.compile(None, 0, code, 0, {}, ())
    except RuntimeError as e:
        print('RuntimeError', e)
try:
    _sre.compile(None, 0, [2**40], 0, {}, ())
except OverflowError as e:
    print('OverflowError', e)

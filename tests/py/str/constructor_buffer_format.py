# str(buffer, encoding) takes any bytes-like object; str.__format__ with an empty spec is
# str(self); __getnewargs__ copies; the str iterators cannot be instantiated.
import array


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


show(lambda: str(memoryview(b'abc'), 'utf-8'))
show(lambda: str(bytearray(b'abc'), 'ascii'))
show(lambda: str(array.array('B', b'xyz'), 'latin-1'))
show(lambda: str(42, 'utf-8'))
show(lambda: str('x', 'utf-8'))


class S(str):
    def __str__(self):
        return 'over'


show(lambda: "{}".format(S('x')))
show(lambda: "{!s}".format(S('x')))
show(lambda: "{:>5}".format(S('x')))
show(lambda: f"{S('x')}")
show(lambda: format(S('x')))
show(lambda: S('x').__format__(''))
show(lambda: type(S('x').__format__('')))
text = 'abc'
args = text.__getnewargs__()
print(args[0] is text, args[0] == text, len(args))
for it in (iter('abc'), iter('\U0001f680'), iter(b'ab'), iter(bytearray(b'ab'))):
    show(lambda: type(it)())

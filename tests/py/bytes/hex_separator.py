# bytes.hex(sep): any sized sep must be one ASCII character of a str or bytes, NUL included.
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


data = b'\xb9\x01\xef'
for sep in ('', 'xx', '\xff', b'\xff', b'\x80', chr(0x100), b'\x00', '\x00', None, b'', 3, ':',
            bytearray(b':'), memoryview(b'-')):
    for obj in (data, bytearray(data), memoryview(data)):
        show(lambda: obj.hex(sep))
show(lambda: data.hex(':', 0))
show(lambda: data.hex(':', 2))
show(lambda: data.hex(b'\x00', -2))

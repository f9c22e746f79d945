# base64: standard, URL-safe, base32/base16/base85/a85 round trips, validation and errors.
import base64, binascii
data = bytes(range(256)) + b'hello world'
for enc, dec in [(base64.b64encode, base64.b64decode), (base64.urlsafe_b64encode, base64.urlsafe_b64decode),
                 (base64.b32encode, base64.b32decode), (base64.b16encode, base64.b16decode),
                 (base64.b85encode, base64.b85decode), (base64.a85encode, base64.a85decode),
                 (base64.standard_b64encode, base64.standard_b64decode)]:
    e = enc(data)
    print(enc.__name__, len(e), e[:24], dec(e) == data)
print(base64.b64encode(b'\xfb\xff', altchars=b'-_'), base64.b64decode('+/8='), base64.b32hexencode(b'ab'))
print(base64.encodebytes(b'x' * 80))
print(base64.decodebytes(b'eHh4\n'), base64.b64decode(b'aGk', validate=False) if False else base64.b64decode(b'aGk='))
for bad in [lambda: base64.b64decode(b'abc'), lambda: base64.b64decode(b'a!bc', validate=True),
            lambda: base64.b32decode(b'1234'), lambda: base64.b16decode(b'zz'), lambda: base64.b64encode('str')]:
    try:
        print(bad())
    except (binascii.Error, TypeError, ValueError) as e:
        print(type(e).__name__, e)

# binascii: hex, base64, uu and CRCs.
import binascii
import base64

data = bytes(range(0, 256, 7))
print(binascii.hexlify(data), binascii.b2a_hex(b'\x01\xff', '-'), binascii.hexlify(b'abcdef', ':', 2), binascii.hexlify(b'abcdef', b' ', -4))
print(binascii.unhexlify('0aFF'), binascii.a2b_hex(b'00'))
for bad in ['abc', 'zz']:
    try:
        binascii.unhexlify(bad)
    except binascii.Error as e:
        print('Error', e)
print(binascii.b2a_base64(b'hello world'), binascii.b2a_base64(b'hi', newline=False), binascii.b2a_base64(b''))
print(binascii.a2b_base64(b'aGVsbG8gd29ybGQ=\n'), binascii.a2b_base64('aGk='), binascii.a2b_base64(b'aG!!Vs'))
for bad in [b'aGVsbG8', b'a', b'aGVsb===']:
    try:
        print(binascii.a2b_base64(bad))
    except binascii.Error as e:
        print('Error', e)
for bad in [b'=aGk=', b'aGk=x', b'a!Gk=']:
    try:
        print(binascii.a2b_base64(bad, strict_mode=True))
    except binascii.Error as e:
        print('Error', e)
print(binascii.crc32(b'hello'), binascii.crc32(b' world', binascii.crc32(b'hello')), binascii.crc32(b''), binascii.crc32(b'x', -1))
print(binascii.crc_hqx(b'hello', 0), binascii.crc_hqx(b'hello', 0xffff))
u = binascii.b2a_uu(b'Cat\x00dog')
print(u, binascii.a2b_uu(u), binascii.b2a_uu(b'\x00\x00', backtick=True), binascii.a2b_uu(b''))
print(issubclass(binascii.Error, ValueError), binascii.Error.__module__, binascii.Incomplete.__mro__[1])
print(base64.b64encode(b'\xfb\xff data'), base64.urlsafe_b64encode(b'\xfb\xff'), base64.b64decode(b'+/8='))
print(base64.b32encode(b'hello'), base64.b32decode(b'NBSWY3DP'), base64.b16encode(b'hi'), base64.b85encode(b'hello'))
print(base64.encodebytes(b'x' * 60))
try:
    binascii.a2b_hex('é')
except ValueError as e:
    print(e)
try:
    binascii.b2a_uu(b'x' * 46)
except binascii.Error as e:
    print(e)

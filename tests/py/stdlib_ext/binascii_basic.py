# binascii: hexlify with separators, base64 and uu lines, crc32/crc_hqx, and errors.
import binascii
print(binascii.hexlify(b'\x00\xffab'), binascii.hexlify(b'abcdef', '-', 2), binascii.unhexlify('00ff6162'))
print(binascii.b2a_hex(b'xyz'), binascii.a2b_hex(b'78797a'), b'\x01\x02'.hex(':'))
print(binascii.b2a_base64(b'hello'), binascii.b2a_base64(b'hello', newline=False), binascii.a2b_base64(b'aGVsbG8=\n'))
print(binascii.crc32(b'hello'), binascii.crc32(b'world', binascii.crc32(b'hello ')), binascii.crc_hqx(b'abc', 0))
print(binascii.b2a_uu(b'uu data'), binascii.a2b_uu(binascii.b2a_uu(b'uu data')))
for bad in [lambda: binascii.unhexlify(b'abc'), lambda: binascii.unhexlify(b'zz'), lambda: binascii.a2b_base64(b'a')]:
    try:
        bad()
    except binascii.Error as e:
        print('Error', e)

# struct format and offset errors: embedded NUL, offsets near sys.maxsize, the unpack iterator.
import struct
import sys

for fmt in ("\0", "2\0i", b"\0", "i\0", b"i\0h"):
    for f in (struct.calcsize, struct.Struct, lambda s: struct.pack(s, 1)):
        try:
            f(fmt)
        except struct.error as e:
            print("struct.error", e)

for off in (sys.maxsize, sys.maxsize - 3, sys.maxsize - 2, 11):
    try:
        struct.pack_into("<I", bytearray(10), off, 1)
    except struct.error as e:
        print("struct.error", e)
    try:
        struct.unpack_from("<I", bytearray(10), off)
    except struct.error as e:
        print("struct.error", e)

it_type = type(struct.Struct(">ibcp").iter_unpack(b""))
for args in ((), (b"",)):
    try:
        it_type(*args)
    except TypeError as e:
        print("TypeError", e)

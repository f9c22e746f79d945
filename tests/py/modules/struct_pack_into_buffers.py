# struct.pack_into writes into any writable buffer; read-only ones raise TypeError.
import struct, array
for buf in [bytearray(8), array.array('b', b' ' * 8), array.array('i', [0, 0]), memoryview(bytearray(8)),
            memoryview(array.array('H', [0] * 4)), memoryview(bytearray(16))[4:12]]:
    struct.pack_into('<hi', buf, 1, 258, -2)
    print(type(buf).__name__, bytes(buf))
    try:
        struct.Struct('<q').pack_into(buf, 4, 1)
    except struct.error as e:
        print("error", e)
for buf in [b'12345678', memoryview(b'12345678'), '12345678', 5]:
    try:
        struct.pack_into('b', buf, 0, 1)
    except TypeError as e:
        print("TypeError", e)

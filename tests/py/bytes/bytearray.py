ba = bytearray(b"abc")
ba.append(100); ba.extend(b"ef"); ba[0] = 65
print(ba, len(ba), ba.pop(), ba)
ba[1:3] = b"XYZ"
del ba[0]
print(ba, bytes(ba), ba.decode(), bytearray(3), ba == b"XYZdef"[:len(ba)])

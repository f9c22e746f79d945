b = b"hello world"
print(b[0], b[1:5], b.upper(), b.split(), b.replace(b"o", b"0"), b.find(b"wor"), len(b), b + b"!", b * 2)
print(bytes(3), bytes([65, 66]), bytes("é", "utf-8"), b"abc".hex(), bytes.fromhex("41 42"), list(b"ab"))
print(b"a" in b"abc", 97 in b"abc", b"x\x00y", repr(b"'"), repr(b'"'))

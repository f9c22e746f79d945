s = "héllo €"
b = s.encode()
print(b, len(b), b.decode(), s.encode("latin-1", "replace"), s.encode("ascii", "ignore"), s.encode("ascii", "xmlcharrefreplace"))
print(b"\xff\xfe".decode("utf-8", "replace"), "é".encode("utf-16-le"), b"abc".decode("ascii"))
try:
    b"\xff".decode("utf-8")
except UnicodeDecodeError as e:
    print(e)
try:
    "é".encode("ascii")
except UnicodeEncodeError as e:
    print(e)

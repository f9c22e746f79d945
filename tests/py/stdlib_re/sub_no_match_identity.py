# re.sub / subn / split without a match give back the subject itself (no copy), for exact str and
# bytes subjects.
import re

s = "x" * 1000
b = b"y" * 1000
print(re.sub(r"^z", "", s) is s, re.subn(r"\Az", "", s)[0] is s, re.sub(rb"^z", b"", b) is b)
print(re.split(r"^z", s)[0] is s)


class S(str):
    pass


r = re.sub("z", "", S("abc"))
print(type(r).__name__, r)
print(re.sub("b", "", "abc"), re.sub(b"b", b"", bytearray(b"abc")))

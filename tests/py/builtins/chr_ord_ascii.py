print(chr(97), ord("a"), chr(8364), ascii("ü"), format(3.5, ".1%"), repr("x"))
try:
    chr(-1)
except ValueError as e:
    print(e)
try:
    ord("ab")
except TypeError as e:
    print(e)

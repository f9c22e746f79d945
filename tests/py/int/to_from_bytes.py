print((1024).to_bytes(2, "big"), (1024).to_bytes(4, "little"), (-1).to_bytes(2, "big", signed=True))
print(int.from_bytes(b"\x00\x10", "big"), int.from_bytes(b"\xff\xff", "little", signed=True))
try:
    (1000).to_bytes(1, "big")
except OverflowError as e:
    print(e)

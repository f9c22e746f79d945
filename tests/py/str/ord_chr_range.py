print("".join(chr(c) for c in range(ord("a"), ord("f"))), [ord(c) for c in "AZaz09"])

for e in ["[0] * (2**62)", "'a' * (2**62)", "bytearray(2**62)", "[0]*(2**70)", "b'x'*(2**63)"]:
    try:
        eval(e)
    except (MemoryError, OverflowError) as x:
        print(e, type(x).__name__, x)

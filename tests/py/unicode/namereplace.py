# The namereplace error handler of str.encode.
print("caf\u00e9 \u2603 \U0001F600 \ue000 \U000e0100".encode("ascii", "namereplace"))
print("\u00e9\u4e00\uac01".encode("latin-1", "namereplace"))

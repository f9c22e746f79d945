d = {1: "int", 1.0: "float", True: "bool"}
print(d, {0: "a", -0.0: "b"}, {2**64: 1}[2**64])

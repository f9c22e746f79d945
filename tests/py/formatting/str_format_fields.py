class P:
    x = 5
    items = [1, 2]
print("{0.x} {0.items[1]} {1[key]}".format(P(), {"key": "v"}))
print("{:{fill}{align}{width}}".format("c", fill="-", align="^", width=7))
print("{!a} {!r:^10}".format("é", "x"))

# A bound slot wrapper ([].__add__, CPython's method-wrapper) has __objclass__; builtin functions
# and ordinary bound builtin methods do not.
l = []
print(l.__add__.__objclass__ is list, l.__add__.__self__ is l, l.__add__.__name__)
print(l.__add__ == l.__add__, l.__add__ == [].__add__, l.__add__ == l.__mul__)
print(hash(l.__add__) == hash(l.__add__))
print((1).__add__.__objclass__ is int)
for f in (len, l.append, {}.get):
    print(hasattr(f, "__objclass__"))
print(list.__add__.__objclass__ is list, list.append.__objclass__ is list)

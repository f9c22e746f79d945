l = [3, 1, 2]
def key(v):
    l.append(0)
    return v
try:
    l.sort(key=key)
except ValueError as e:
    print(e)

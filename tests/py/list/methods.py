l = [3, 1, 2]
l.append(5); l.insert(0, 9); l.extend([7, 8]); print(l)
print(l.pop(), l.pop(0), l, l.index(2), l.count(1))
l.remove(1); l.reverse(); print(l)
l.sort(); print(l)
l.sort(reverse=True); print(l)
c = l.copy(); c.clear(); print(c, l)
try:
    l.remove(100)
except ValueError as e:
    print(e)
try:
    [].pop()
except IndexError as e:
    print(e)

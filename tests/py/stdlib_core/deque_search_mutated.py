# count, index, remove and "in" on a deque: results, and the errors when __eq__ or a bound's
# __index__ changes the deque during the search.
from collections import deque
d = deque([1, 2, 3, 2, 1])
print(d.count(2), d.index(2), d.index(2, 2), d.index(1, -1), 3 in d, 9 in d)
d.remove(2); print(d)
try: d.remove(9)
except ValueError as e: print(e)
class E:
    def __eq__(s, o): d.pop(); return False
for f in (d.count, d.index, d.remove, d.__contains__):
    d.extend([1, 2, 3])
    try: f(E())
    except Exception as e: print(type(e).__name__, e)
class I:
    def __index__(s): d.clear(); return 10
d.extend([5, 6, 7])
try: print(d.index(5, 0, I()))
except ValueError as e: print(e)

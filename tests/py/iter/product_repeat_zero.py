# itertools.product with repeat=0 yields one empty tuple (and still consumes its arguments);
# many such objects in a row must leave the heap intact.
from itertools import product

print(list(product('AB', repeat=0)), list(product(repeat=3)), list(product()))
print(list(product('ab', 'c', repeat=2)))
it = iter([1, 2, 3])
print(list(product(it, repeat=0)), list(it))
for k in range(20000):
    p = list(product('ABCDE', repeat=k % 3))
print(len(p), p[:3])
try:
    product('a', repeat=-1)
except ValueError as e:
    print("ValueError:", e)

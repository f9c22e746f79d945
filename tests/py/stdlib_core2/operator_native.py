# _operator: the native itemgetter, attrgetter and methodcaller (reprs, pickling, errors).
import operator, pickle
from operator import itemgetter, attrgetter, methodcaller
ig = itemgetter(1); ig2 = itemgetter(0, 2)
print(ig('abc'), ig2('abc'), repr(ig), repr(ig2), type(ig), ig.__reduce__())
class A: pass
a = A(); a.b = A(); a.b.c = 5; a.x = 1
ag = attrgetter('b.c'); ag2 = attrgetter('x', 'b.c')
print(ag(a), ag2(a), repr(ag), repr(ag2), ag2.__reduce__())
mc = methodcaller('split', ',', maxsplit=1)
print(mc('a,b,c'), repr(mc), methodcaller('upper').__reduce__())
r = mc.__reduce__(); print(r[0].func, r[0].args, r[0].keywords, r[1])
print(pickle.loads(pickle.dumps(ig2))('xyz'), pickle.loads(pickle.dumps(mc))('1,2,3'), pickle.loads(pickle.dumps(ag))(a))
for f in [lambda: itemgetter(), lambda: ig(1, 2), lambda: ig(), lambda: attrgetter(1), lambda: methodcaller(1), lambda: methodcaller(), lambda: ig(x=1), lambda: itemgetter(a=1), lambda: ag(1), lambda: ig([])]:
    try: print(f())
    except Exception as e: print(type(e).__name__, e)
try:
    class IG(itemgetter): pass
except TypeError as e:
    print(e)

print(sorted([(1, 'b'), (0, 'a')], key=itemgetter(1)), operator.itemgetter.__module__)

# operator: functions, itemgetter, attrgetter, methodcaller, length_hint.
import operator
print(operator.add(1, 2), operator.mul('a', 3), operator.neg(5), operator.truediv(7, 2), operator.floordiv(7, 2))
print(operator.contains([1, 2], 2), operator.countOf([1, 1, 2], 1), operator.indexOf('abc', 'c'), operator.is_(None, None))
ig = operator.itemgetter(1); ig2 = operator.itemgetter(0, 2)
print(ig('abc'), ig2('abc'), repr(ig), repr(ig2))
class A: pass
a = A(); a.b = A(); a.b.c = 5; a.x = 1
ag = operator.attrgetter('b.c'); ag2 = operator.attrgetter('x', 'b.c')
print(ag(a), ag2(a), repr(ag), repr(ag2))
mc = operator.methodcaller('split', ',', maxsplit=1)
print(mc('a,b,c'), repr(mc))
print(operator.length_hint([1, 2, 3]), operator.length_hint(iter(range(5))), operator.length_hint(object(), 7))
l = [1, 2, 3]
operator.setitem(l, 0, 9); operator.delitem(l, 1)
print(l, operator.getitem(l, -1), operator.iadd([1], [2]), operator.index(5), operator.not_(0), operator.truth([]))
print(operator.lt(1, 2), operator.ge(1, 2), operator.xor(5, 3), operator.pow(2, 10), operator.concat('a', 'b'))
print(sorted([('b', 2), ('a', 3)], key=operator.itemgetter(1), reverse=True))
print(operator._compare_digest(b'abc', b'abc'), operator._compare_digest('a', 'b'))

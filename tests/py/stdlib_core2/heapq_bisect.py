# heapq and bisect.
import heapq, bisect
h = []
for x in [5, 1, 8, 3, 9, 2]:
    heapq.heappush(h, x)
print(h, heapq.heappop(h), heapq.nsmallest(2, h), heapq.nlargest(2, h), heapq.heappushpop(h, 0), heapq.heapreplace(h, 7))
l = [4, 2, 6]
heapq.heapify(l)
print(l, list(heapq.merge([1, 4], [2, 3])), heapq.nlargest(2, ['a', 'bbb', 'cc'], key=len))
a = [1, 2, 2, 4]
print(bisect.bisect_left(a, 2), bisect.bisect_right(a, 2), bisect.bisect(a, 3))
bisect.insort(a, 3); bisect.insort_left(a, 2)
print(a, bisect.bisect_left([(1, 'a'), (3, 'b')], 2, key=lambda t: t[0]))

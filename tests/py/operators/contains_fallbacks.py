class OnlyIter:
    def __iter__(self): return iter([1, 2, 3])
class OnlyGetitem:
    def __getitem__(self, i):
        if i > 5: raise IndexError
        return i
print(2 in OnlyIter(), 9 in OnlyIter(), 3 in OnlyGetitem(), 9 in OnlyGetitem())
try:
    1 in 5
except TypeError as e:
    print(e)

# __contains__ = None makes a class not a container, even when it is iterable.
class ByContains:
    def __contains__(self, other):
        return False


class Blocked(ByContains):
    def __iter__(self):
        return iter([0, 1])

    __contains__ = None


class Iterable:
    def __iter__(self):
        return iter([0, 1])


print(0 in ByContains(), 0 in Iterable(), list(Blocked()))
for item in (0, 5):
    try:
        print(item in Blocked())
    except TypeError as e:
        print("TypeError", e)
try:
    print(0 not in Blocked())
except TypeError as e:
    print("TypeError", e)

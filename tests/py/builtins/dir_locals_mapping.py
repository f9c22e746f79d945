# dir() without arguments lists the keys of the locals mapping: an exact dict's keys, else the
# mapping's keys() (a dict subclass's too); dir(traceback) is its four attributes.


class M:
    def __getitem__(self, key):
        if key == 'a':
            return 12
        raise KeyError(key)

    def keys(self):
        return list('zyx')


class D(dict):
    def __getitem__(self, key):
        if key == 'a':
            return 12
        return dict.__getitem__(self, key)

    def keys(self):
        return ('q', 'p')


class NotIterableKeys:
    def __getitem__(self, item):
        raise KeyError(item)

    def keys(self):
        return 1


g = globals()
print(eval('a', g, M()), eval('dir()', g, M()))
print(eval('a', g, D()), eval('dir()', g, D()), type(eval('dir()', g, D())).__name__)
print(eval('dir()', g, {'b': 1, 'a': 2}))
try:
    eval('dir()', g, NotIterableKeys())
except TypeError as e:
    print("TypeError", e)
try:
    eval('b', g, M())
except NameError as e:
    print("NameError", e)
m = M()
print(eval('locals()', g, m) is m, eval('globals()', g, m) is g)


def f():
    local_var = 1
    other = 2
    return dir(), sorted(vars())


print(f())


class Body:
    x = 1
    names = dir()


print(Body.names)

try:
    raise IndexError
except IndexError as e:
    print(dir(e.__traceback__), e.__traceback__.__dir__())

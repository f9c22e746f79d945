# A dict whose keys change during iteration while its size stays the same: the forward iterators
# raise "dictionary keys changed during iteration" once they find more items than the dict had
# (the reverse iterators do not notice, as in CPython); replacing values is allowed.


def run(make, mutate):
    d = {i: i for i in range(4)}
    seen = []
    try:
        for x in make(d):
            seen.append(x)
            if len(seen) == 2:
                mutate(d)
        print("done", seen)
    except RuntimeError as e:
        print("RuntimeError", e, seen)


def swap_key(d):
    del d[0]
    d[10] = 10


def swap_two(d):
    del d[0]
    del d[1]
    d[10] = 10
    d[11] = 11


def replace_values(d):
    for k in d:
        d[k] = -k


for make in [iter, lambda d: iter(d.values()), lambda d: iter(d.items()), reversed,
             lambda d: reversed(d.items())]:
    for mutate in [swap_key, swap_two, replace_values]:
        run(make, mutate)

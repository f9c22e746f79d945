# pystm-env: PYSTM_STM=engaged PYSTM_STM_CHAOS=5
# pystm.last_abort_info() names the kind of an abort and the source location of the access
# that met it. With the STM engaged and an abort forced at one barrier in five, a loop on one
# source line aborts many times, and every abort must name that line and function.
# CPython has no pystm: there the test prints what pystm must print.
try:
    import pystm
except ImportError:
    pystm = None


class Cell:
    def __init__(self):
        self.v = 0


cells = [Cell() for _ in range(300)]
infos = []
before = pystm.last_abort_info() if pystm else None


def f():
    for c in cells: c.v += 1; infos.append(pystm.last_abort_info() if pystm else None)


f()
site = f.__code__.co_firstlineno + 1
if pystm is None:
    print(300, True, ["explicit"], [True], [None], True)
else:
    seen = [i for i in infos if i is not None and i != before]
    print(sum(c.v for c in cells), len(seen) > 10, sorted({i["kind"] for i in seen}),
          sorted({i["location"] == (__file__, site, "f") for i in seen}),
          sorted({i["other_location"] for i in seen}),
          all(i["time_lost"] >= 0 for i in seen))

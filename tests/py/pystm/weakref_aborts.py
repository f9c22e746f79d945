# pystm-env: PYSTM_STM=engaged PYSTM_STM_CHAOS=3
# Weak references made by transaction attempts that abort (forced here at one barrier in three)
# are not counted or returned afterwards (WEAK-2): the collector's table of weak references is
# C++ state, which an abort does not roll back, so the next attempt drops what the aborted one
# registered. Each round makes references and then prints, and printing (I/O) makes the
# transaction inevitable, which is where a forced abort re-runs the round. CPython has no pystm
# and no aborts; the output must be the same.
import weakref


class Target:
    pass


# Objects made before the rounds: writing them takes the barriers' slow paths, where the forced
# aborts happen (what an attempt allocated itself it writes on the fast path).
shared = [Target() for _ in range(20)]


def round_(k):
    target = Target()
    basic = weakref.ref(target)
    refs = [weakref.ref(target, lambda r: None) for _ in range(k)]
    for s in shared:
        s.n = k
    print(k, weakref.getweakrefcount(target), len(weakref.getweakrefs(target)),
          basic is weakref.ref(target),
          sorted(map(id, weakref.getweakrefs(target))) == sorted(map(id, refs + [basic])))
    return target, refs


kept = [round_(k) for k in range(12)]

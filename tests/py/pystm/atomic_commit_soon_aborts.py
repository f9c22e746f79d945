# pystm-env: PYSTM_STM=engaged PYSTM_STM_CHAOS=1
# Atomic blocks that ask to commit soon (a request that cannot act inside the block) and are
# aborted (forced here at a barrier slow path of every attempt that can re-run): each block
# runs again from its restart point, the with statement, and every block's writes count once.
# CPython has no pystm: there the test prints what pystm must print.
try:
    import pystm
except ImportError:
    pystm = None


class Cell:
    v = 0


shared = [Cell() for _ in range(30)]
for k in range(20):
    if pystm:
        with pystm.atomic:
            pystm.hint_commit_soon()  # cannot act inside the block
            for c in shared:
                c.v += 1
    else:
        for c in shared:
            c.v += 1
print([c.v for c in shared] == [20] * 30)

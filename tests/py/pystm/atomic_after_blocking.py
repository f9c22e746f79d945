# pystm-env: PYSTM_STM=engaged PYSTM_STM_CHAOS=2
# An atomic block right after a blocking call (time.sleep here). A blocking call leaves the
# thread in an inevitable transaction until its next restart point, and the with statement is
# one (CLI-1), so the block runs as an ordinary transaction: the forced aborts of
# PYSTM_STM_CHAOS hit it, and every re-run must leave each cell incremented exactly once.
# CPython has no pystm: there the test prints what pystm must print.
import threading
import time

try:
    import pystm
except ImportError:
    pystm = None


class Cell:
    def __init__(self):
        self.v = 0


cells = [Cell() for _ in range(40)]


def aborts():
    return pystm.statistics()["aborts"] if pystm else 0


result = {}


def worker():
    before = aborts()  # the main thread waits in join() meanwhile: no transactions of its own
    time.sleep(0.01)
    with (pystm.atomic if pystm else threading.Lock()):
        for c in cells:
            c.v += 1
        after = aborts()  # read by the attempt that commits: counts the block's aborts
    result["aborted"] = after > before if pystm else True


t = threading.Thread(target=worker)
t.start()
t.join()
print("block re-run after forced aborts:", result["aborted"])
print("each cell once:", [c.v for c in cells] == [1] * len(cells))

# pystm-env: PYSTM_STM=engaged
# An attempt that becomes inevitable first applies the changes it queued (DICT-10). When one of
# them resizes a big striped dict, that resize makes the attempt inevitable itself (DICT-14), in
# the middle of the first request: the first request must then find the attempt inevitable, not
# wait for the inevitable slot that the attempt already holds (STM-8). Here a deque append (no
# undo record, so it needs inevitability) follows insertions queued by an atomic block.
# CPython has no pystm: there the test prints what pystm must print.
import collections
import contextlib
import time

try:
    import pystm
    from pystm import stmdict
except ImportError:
    pystm = None
    stmdict = dict

d = stmdict()
for i in range(20_000):
    d[i] = i
dq = collections.deque()
time.sleep(0.01)  # ends the transaction that created d and dq: both are shared from now on

with (pystm.atomic if pystm else contextlib.nullcontext()):
    for i in range(20_000, 22_500):  # past the table's room: applying them resizes
        d[i] = -i
    dq.append("done")

print(len(d), all(d[i] == (i if i < 20_000 else -i) for i in range(22_500)), list(dq))

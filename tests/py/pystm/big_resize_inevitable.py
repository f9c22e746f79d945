# pystm-env: PYSTM_STM=engaged PYSTM_STM_CHAOS=0
# A transaction that resizes a striped dict of 8,192 entries or more becomes inevitable first
# (DICT-14): the resize locks every stripe, and as an ordinary attempt it would be aborted over
# and over by the threads that use the dict. A smaller dict resizes in an ordinary attempt.
# Here the insertions that force the resize are queued by an atomic block and applied at its
# commit (DICT-10). Forced aborts are off: enough of them in a row make any attempt inevitable
# (STM-9). CPython has no pystm: there the test prints what pystm must print.
import contextlib

try:
    import pystm
    from pystm import stmdict
except ImportError:
    pystm = None
    stmdict = dict


def inevitable_commits():
    return pystm.statistics().get("inevitable_commits", 0) if pystm else 0


def resize_runs_inevitably(n):
    """Fills a stmdict with n keys, then adds keys in one atomic block until it must resize.
    Returns whether the block's commit was inevitable, and whether every key is there."""
    d = stmdict()
    for i in range(n):
        d[i] = i
    extra = n  # more than the room left: at least one resize
    before = inevitable_commits()
    with (pystm.atomic if pystm else contextlib.nullcontext()):
        for i in range(n, n + extra):
            d[i] = -i
    after = inevitable_commits()
    ok = len(d) == n + extra and all(d[i] == (i if i < n else -i) for i in range(n + extra))
    return (after > before) if pystm else n >= 8192, ok


print("20,000 entries: inevitable, contents:", resize_runs_inevitably(20_000))
print("1,000 entries: inevitable, contents:", resize_runs_inevitably(1_000))

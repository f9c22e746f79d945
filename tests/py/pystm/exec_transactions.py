# pystm-env: PYSTM_STM=engaged
# Code run by exec() (as runpy and other tools run scripts) runs in its caller's interpreter
# activation, so its polls end transactions as the caller's do (CLI-1): a long loop inside
# exec() commits many transactions instead of running as one that turns inevitable.
# CPython has no pystm: there the test prints what pystm must print.
try:
    import pystm
except ImportError:
    pystm = None


def stats():
    if pystm is None:
        return 0, 0
    s = pystm.statistics()
    return s["commits"], s.get("inevitable_commits", 0)


ns = {"total": 0}
before = stats()
exec("for i in range(200000):\n    total += i % 7\n", ns)
after = stats()
commits = after[0] - before[0]
inevitable = after[1] - before[1]
print("total:", ns["total"])
print("several transactions:", commits > 3 if pystm else True)
print("mostly ordinary:", inevitable * 2 < commits if pystm else True)

# os.posix_spawn's resetids and setsid flags take integers only.
import os

for kw in [dict(resetids=None), dict(resetids=1.0), dict(resetids="x"), dict(setsid=None),
           dict(setpgroup="x"), dict(setsid=1.0), dict(resetids=0, setsid=True), dict(setsid=1)]:
    try:
        pid = os.posix_spawn("/bin/true", ["true"], os.environ, **kw)
        print("exit", os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
    except Exception as e:
        print(type(e).__name__, e)

# os process functions: system, popen, fork/waitpid, exec, spawn, posix_spawn, at-fork callbacks.
import os
import shutil
import signal
import sys

sys.stdout.flush()
status = os.system("echo from system")
print(status, os.waitstatus_to_exitcode(status))
status = os.system("exit 3")
print(status, os.WIFEXITED(status), os.WEXITSTATUS(status))
print(os.system("kill -TERM $$") , "signalled")

with os.popen("echo popen; echo line2") as f:
    print(repr(f.read()))
f = os.popen("exit 2")
print(f.read(), f.close())
with os.popen("cat > /dev/null", "w") as f:
    f.write("ignored")
print(os.popen("/bin/true").close())

events = []
os.register_at_fork(before=lambda: events.append("before1"), after_in_parent=lambda: events.append("parent1"))
os.register_at_fork(before=lambda: events.append("before2"), after_in_parent=lambda: events.append("parent2"),
                    after_in_child=lambda: events.append("child"))
try:
    os.register_at_fork()
except TypeError as e:
    print(e)
try:
    os.register_at_fork(before=1)
except TypeError as e:
    print(e)

sys.stdout.flush()
pid = os.fork()
if pid == 0:
    print("in child", events)
    sys.stdout.flush()
    os._exit(7)
wpid, status = os.waitpid(pid, 0)
print(wpid == pid, os.WIFEXITED(status), os.WEXITSTATUS(status), events)
events.clear()

r, w = os.pipe()
sys.stdout.flush()
pid = os.fork()
if pid == 0:
    os.close(r)
    os.write(w, b"data from the child")
    os._exit(0)
os.close(w)
print(os.read(r, 100))
os.close(r)
print(os.waitpid(pid, 0)[1])
print(os.waitpid(-1, os.WNOHANG) if False else "no children left")
try:
    os.waitpid(-1, 0)
except ChildProcessError as e:
    print(type(e).__name__, e.errno)
try:
    os.wait()
except ChildProcessError as e:
    print(type(e).__name__)

# A child killed by a signal; WNOHANG polling.
sys.stdout.flush()
pid = os.fork()
if pid == 0:
    import time
    time.sleep(30)
    os._exit(0)
print(os.waitpid(pid, os.WNOHANG))
os.kill(pid, signal.SIGKILL)
wpid, status = os.wait()
print(wpid == pid, os.WIFSIGNALED(status), os.WTERMSIG(status), os.waitstatus_to_exitcode(status))

# exec in a forked child.
sys.stdout.flush()
pid = os.fork()
if pid == 0:
    os.execv("/bin/sh", ["sh", "-c", "echo execd $0; exit 4"])
print(os.WEXITSTATUS(os.waitpid(pid, 0)[1]))
sys.stdout.flush()
pid = os.fork()
if pid == 0:
    os.execve("/bin/sh", ["sh", "-c", "echo $GREETING"], {"GREETING": "hi from execve"})
print(os.waitpid(pid, 0)[1])
for bad in [("/bin/sh", "sh"), ("/bin/sh", []), ("/bin/sh", [""])]:
    try:
        os.execv(*bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    os.execv("/no/such/file", ["x"])
except OSError as e:
    print(type(e).__name__, e)
try:
    os.execve("/no/such/file", ["x"], {})
except OSError as e:
    print(type(e).__name__, e)
for env in ([], 3):
    try:
        os.execve("/bin/sh", ["sh"], env)
    except (TypeError, AttributeError) as e:
        print(type(e).__name__, e)

# The spawn* family of os.py.
print(os.spawnv(os.P_WAIT, "/bin/sh", ["sh", "-c", "exit 6"]))
print(os.spawnlp(os.P_WAIT, "sh", "sh", "-c", "exit 2"))
pid = os.spawnl(os.P_NOWAIT, "/bin/sh", "sh", "-c", "exit 1")
print(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
print(os.spawnve(os.P_WAIT, "/bin/sh", ["sh", "-c", "exit $CODE"], {"CODE": "11"}))

# posix_spawn.
sys.stdout.flush()
pid = os.posix_spawn("/bin/sh", ["sh", "-c", "echo spawned $X"], {"X": "with env"})
print(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
r, w = os.pipe()
pid = os.posix_spawnp("sh", ["sh", "-c", "echo to the pipe"], os.environ,
                      file_actions=[(os.POSIX_SPAWN_DUP2, w, 1), (os.POSIX_SPAWN_CLOSE, r)])
os.close(w)
print(os.read(r, 100))
os.close(r)
print(os.waitpid(pid, 0)[1])
try:
    os.posix_spawn("/no/such/program", ["x"], {})
except FileNotFoundError as e:
    print(e)
try:
    os.posix_spawn("/bin/sh", [], {})
except ValueError as e:
    print(e)
try:
    os.posix_spawn("/bin/sh", "sh", {})
except TypeError as e:
    print(e)
print(os.POSIX_SPAWN_OPEN, os.POSIX_SPAWN_CLOSE, os.POSIX_SPAWN_DUP2)

# Process groups, descriptors and configuration.
print(os.getpgid(0) == os.getpgrp(), os.getsid(0) > 0, os.getppid() > 0)
r, w = os.pipe2(os.O_NONBLOCK | os.O_CLOEXEC)
print(os.get_blocking(r), os.get_inheritable(w))
os.set_blocking(r, True)
os.set_inheritable(w, True)
print(os.get_blocking(r), os.get_inheritable(w))
try:
    os.read(os.pipe2(os.O_NONBLOCK)[0], 1)
except BlockingIOError as e:
    print(type(e).__name__, e.errno)
print(os.confstr("CS_PATH") is not None, "CS_GNU_LIBC_VERSION" in os.confstr_names)
try:
    os.confstr("nothing")
except ValueError as e:
    print(e)
print(shutil.which("sh") is not None, shutil.which("no-such-program-pystm"))
print(os.EX_OK, os.EX_USAGE, os.EX_SOFTWARE)

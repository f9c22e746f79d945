# subprocess.Popen: pipes, communicate, poll/wait, signals and the context manager.
import signal
import subprocess
import sys

p = subprocess.Popen(["/bin/cat"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
out, err = p.communicate(b"through cat\n")
print(out, err, p.returncode)

p = subprocess.Popen(["/bin/sh", "-c", "read x; echo got $x; echo oops >&2"], stdin=subprocess.PIPE,
                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
print(p.communicate("line\n"), p.returncode)

with subprocess.Popen(["/bin/sh", "-c", "printf 'one\\ntwo\\nthree\\n'"], stdout=subprocess.PIPE) as p:
    lines = [line for line in p.stdout]
print(lines, p.returncode)

p = subprocess.Popen(["/bin/echo", "readline"], stdout=subprocess.PIPE, text=True)
print(repr(p.stdout.readline()), p.wait(), p.poll())
p.stdout.close()

p = subprocess.Popen(["/bin/sleep", "30"])
print(p.poll())
p.kill()
print(p.wait(), p.returncode == -signal.SIGKILL)
p = subprocess.Popen(["/bin/sleep", "30"])
p.terminate()
print(p.wait())
p = subprocess.Popen(["/bin/sh", "-c", "kill -INT $$"])
print(p.wait())
p = subprocess.Popen([sys.executable, "-c", "import os, signal; os.kill(os.getpid(), signal.SIGTERM)"])
print(p.wait())
p = subprocess.Popen(["/bin/sleep", "30"])
p.send_signal(signal.SIGUSR1)
print(p.wait())

p = subprocess.Popen(["/bin/sh", "-c", "exit 12"])
print(p.wait(), p.args)
print(p.stdin, p.stdout, p.stderr)

# Pipe a process into another.
p1 = subprocess.Popen(["/bin/echo", "b\na\nc"], stdout=subprocess.PIPE)
p2 = subprocess.Popen(["/usr/bin/sort"], stdin=p1.stdout, stdout=subprocess.PIPE)
p1.stdout.close()
print(p2.communicate()[0], p1.wait(), p2.returncode)

# pass_fds and close_fds.
import os
r, w = os.pipe()
p = subprocess.Popen([sys.executable, "-c", f"import os; os.write({w}, b'via pass_fds')"], pass_fds=(w,))
p.wait()
os.close(w)
print(os.read(r, 100), p.returncode)
os.close(r)
r, w = os.pipe()
os.set_inheritable(w, True)
p = subprocess.Popen([sys.executable, "-c", f"import os\ntry:\n    os.write({w}, b'x')\nexcept OSError as e:\n    print(type(e).__name__)"],
                     stdout=subprocess.PIPE, text=True)
print(p.communicate()[0].strip())
os.close(w)
os.close(r)
# preexec_fn and start_new_session run in the child before exec.
out = subprocess.check_output([sys.executable, "-c", "import os; print(os.getpgrp() == os.getpid())"],
                              start_new_session=True)
print(out)
out = subprocess.check_output(["/bin/sh", "-c", "echo $PRE"], preexec_fn=lambda: os.environ.__setitem__("PRE", "set in child"))
print(out)
try:
    subprocess.run(["/bin/true"], preexec_fn=lambda: 1 / 0)
except subprocess.SubprocessError as e:
    print(type(e).__name__, e)
print("PRE" in os.environ)
out = subprocess.check_output(["/bin/sh", "-c", "umask"], umask=0o27)
print(out)

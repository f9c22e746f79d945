# subprocess: environment, working directory, timeouts and the errors of a failed start.
import os
import subprocess
import sys
import tempfile

r = subprocess.run(["/bin/sh", "-c", "echo $FOO-$BAR"], env={"FOO": "foo", "PATH": "/bin:/usr/bin"},
                   capture_output=True, text=True)
print(repr(r.stdout))
r = subprocess.run(["env"], env={"ONLY": "this"}, capture_output=True, text=True)
print(repr(r.stdout))
r = subprocess.run(["/bin/sh", "-c", "echo $HOME_SET"], env=dict(os.environ, HOME_SET="inherited+"),
                   capture_output=True, text=True)
print(repr(r.stdout))
r = subprocess.run(["pwd"], cwd="/", capture_output=True, text=True)
print(repr(r.stdout))
with tempfile.TemporaryDirectory() as d:
    r = subprocess.run([sys.executable, "-c", "import os; print(os.listdir('.'))"], cwd=d, capture_output=True,
                       text=True)
    print(r.stdout.strip())
    script = os.path.join(d, "script.sh")
    with open(script, "w") as f:
        f.write("#!/bin/sh\necho from script $1\n")
    try:
        subprocess.run([script, "x"])
    except PermissionError as e:
        print(type(e).__name__, e.errno, e.strerror, e.filename == script)
    os.chmod(script, 0o755)
    print(subprocess.run([script, "x"], capture_output=True).stdout)
    try:
        subprocess.run(["/bin/true"], cwd=os.path.join(d, "missing"))
    except FileNotFoundError as e:
        print(type(e).__name__, e.errno, e.filename == os.path.join(d, "missing"))
    try:
        subprocess.run([d])
    except PermissionError as e:
        print(type(e).__name__, e.errno)

try:
    subprocess.run(["no-such-program-pystm"])
except FileNotFoundError as e:
    print(e)
    print(e.errno, e.strerror, e.filename)
try:
    subprocess.run(["/no/such/dir/prog"], capture_output=True)
except FileNotFoundError as e:
    print(e)
try:
    subprocess.Popen(["echo", 1])
except TypeError as e:
    print(e)
try:
    subprocess.run(["/bin/echo", "a\0b"])
except ValueError as e:
    print(e)
try:
    subprocess.run(["/bin/true"], env={"A=B": "x"})
except ValueError as e:
    print(e)

try:
    subprocess.run(["/bin/sleep", "10"], timeout=0.2)
except subprocess.TimeoutExpired as e:
    print(type(e).__name__, e.cmd, 0 < e.timeout <= 0.2)
try:
    subprocess.run(["/bin/sh", "-c", "echo early; exec sleep 10"], timeout=0.5, capture_output=True)
except subprocess.TimeoutExpired as e:
    print(e, e.output)
p = subprocess.Popen(["/bin/sleep", "10"])
try:
    p.wait(timeout=0.1)
except subprocess.TimeoutExpired as e:
    print(e)
p.kill()
print(p.wait())
p = subprocess.Popen(["/bin/sh", "-c", "sleep 10"], stdout=subprocess.PIPE)
try:
    p.communicate(timeout=0.1)
except subprocess.TimeoutExpired as e:
    print(type(e).__name__)
p.kill()
print(p.communicate(), p.returncode)

# subprocess.run and the helpers built on it: captured output, exit codes, input, text mode.
import subprocess
import sys

r = subprocess.run(["/bin/echo", "hello", "world"], capture_output=True)
print(r.returncode, r.stdout, r.stderr)
print(r)
r = subprocess.run(["/bin/sh", "-c", "echo out; echo err >&2; exit 3"], capture_output=True)
print(r.returncode, r.stdout, r.stderr)
r = subprocess.run(["/bin/sh", "-c", "echo out; echo err >&2"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
print(r.stdout, r.stderr)
r = subprocess.run(["/bin/cat"], input=b"piped input\n", capture_output=True)
print(r.stdout)
r = subprocess.run(["/bin/cat"], input="text input\n", capture_output=True, text=True)
print(repr(r.stdout), type(r.stdout).__name__)
r = subprocess.run("echo $((6 * 7))", shell=True, capture_output=True, text=True)
print(repr(r.stdout))
r = subprocess.run(["/bin/true"])
print(r.returncode, r.stdout)
r = subprocess.run(["/bin/false"], stdout=subprocess.DEVNULL)
print(r.returncode)
try:
    subprocess.run(["/bin/false"], check=True)
except subprocess.CalledProcessError as e:
    print(type(e).__name__, e.returncode, e.cmd, e)
try:
    subprocess.run(["/bin/sh", "-c", "echo partial; exit 7"], check=True, capture_output=True)
except subprocess.CalledProcessError as e:
    print(e, e.output, e.stdout, e.stderr)
print(subprocess.call(["/bin/sh", "-c", "exit 5"]))
print(subprocess.check_call(["/bin/true"]))
print(subprocess.check_output(["/bin/echo", "checked"]))
print(repr(subprocess.check_output("printf 'a\\nb\\n'", shell=True, text=True)))
print(subprocess.getoutput("echo getoutput; exit 1"))
print(subprocess.getstatusoutput("echo status; exit 4"))
print(subprocess.getstatusoutput("/bin/true"))

# A Python child: sys.executable is the running interpreter.
r = subprocess.run([sys.executable, "-c", "import sys; print(sum(range(10))); sys.exit(9)"],
                   capture_output=True, text=True)
print(r.returncode, repr(r.stdout))
r = subprocess.run([sys.executable, "-c", "import sys; sys.stdout.write(sys.stdin.read().upper())"],
                   input="from the parent", capture_output=True, text=True)
print(repr(r.stdout))
r = subprocess.run([sys.executable, "-c", "raise SystemExit('bye')"], capture_output=True, text=True)
print(r.returncode, repr(r.stderr))
big = b"x" * 200000
r = subprocess.run(["/bin/cat"], input=big, capture_output=True)
print(len(r.stdout), r.stdout == big)
# Without close_fds (and with a path), subprocess starts the child with os.posix_spawn.
print(subprocess._USE_POSIX_SPAWN)
r = subprocess.run(["/bin/sh", "-c", "echo spawned; echo e >&2; exit 2"], close_fds=False, capture_output=True)
print(r)
print(subprocess.list2cmdline(["a b", "c"]))

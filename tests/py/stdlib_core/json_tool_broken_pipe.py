# SIGPIPE is ignored, as in CPython: a program writing to a closed pipe gets BrokenPipeError
# (json.tool exits with EPIPE) instead of being killed by the signal.
import errno
import subprocess
import sys

proc = subprocess.Popen([sys.executable, "-m", "json.tool"], stdout=subprocess.PIPE, stdin=subprocess.PIPE)
proc.stdout.close()
proc.communicate(b'"{}"')
print(proc.returncode == errno.EPIPE)

code = "import sys\ntry:\n    sys.stdout.write('x' * 1000000); sys.stdout.flush()\nexcept BrokenPipeError:\n    sys.stderr.close(); sys.exit(7)\n"
proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
proc.stdout.close()
proc.wait()
print(proc.returncode)

# os.openpty, ttyname, ctermid, tcgetpgrp/tcsetpgrp, and pty.fork (which falls back on openpty,
# fork and ttyname where os.forkpty is missing).
import os
import pty
import sys
import tty


def t(f, *a):
    try:
        r = f(*a)
        print(type(r).__name__)
    except Exception as e:
        print(type(e).__name__, e)


m, s = os.openpty()
print(os.isatty(m), os.isatty(s), os.get_inheritable(m), os.get_inheritable(s))
print(os.ttyname(s).startswith("/dev/pts/"))
t(os.openpty, 1)
r, w = os.pipe()
t(os.ttyname, r)
t(os.ttyname, 999)
t(os.ttyname, "x")
t(os.ttyname)
print(os.ctermid())
t(os.ctermid, 1)
t(os.tcgetpgrp, r)
t(os.tcgetpgrp)
t(os.tcsetpgrp, r, os.getpgrp())
t(os.tcsetpgrp, r)
t(os.login_tty, 999)
mode = tty.tcgetattr(s)
tty.setraw(s)
raw = tty.tcgetattr(s)
print(raw[3] & tty.ICANON, raw[3] & tty.ECHO, raw[6][tty.VMIN], raw[6][tty.VTIME])
tty.tcsetattr(s, tty.TCSANOW, mode)
tty.setcbreak(s)
cb = tty.tcgetattr(s)
print(cb[3] & tty.ICANON, cb[3] & tty.ECHO)
m2, s2 = pty.openpty()
print(os.isatty(s2))
sys.stdout.flush()

pid, fd = pty.fork()
if pid == 0:
    print("child", os.isatty(0), os.isatty(1), os.getsid(0) == os.getpid())
    sys.stdout.flush()
    os._exit(3)
data = b""
while True:
    try:
        chunk = os.read(fd, 1024)
    except OSError:
        break
    if not chunk:
        break
    data += chunk
_, status = os.waitpid(pid, 0)
print(data.replace(b"\r\n", b"\n").decode().strip(), os.waitstatus_to_exitcode(status))

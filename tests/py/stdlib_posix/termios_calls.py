# termios on a pseudo-terminal: tcgetattr/tcsetattr round trips, window sizes and errors.
import os
import pty
import termios


def t(f, *a):
    try:
        r = f(*a)
        print(type(r).__name__, r if not isinstance(r, list) else [type(x).__name__ for x in r])
    except Exception as e:
        print(type(e).__name__, e, e.args)


r, w = os.pipe()
t(termios.tcgetattr, r)
t(termios.tcgetattr, -1)
t(termios.tcgetattr, "x")
t(termios.tcgetattr, 1.0)
m, s = pty.openpty()
a = termios.tcgetattr(s)
print(len(a), [type(x).__name__ for x in a], len(a[6]), set(type(x).__name__ for x in a[6]))
t(termios.tcsetattr, s, termios.TCSANOW, a)
print(termios.tcgetattr(s) == a)
t(termios.tcsetattr, s, termios.TCSANOW, tuple(a))
t(termios.tcsetattr, s, termios.TCSANOW, a[:6])
t(termios.tcsetattr, s, termios.TCSANOW, a[:6] + [a[6][:5]])
t(termios.tcsetattr, s, termios.TCSANOW, a[:6] + [[b"\x01" * 2] * len(a[6])])
t(termios.tcsetattr, s, termios.TCSANOW, a[:6] + [[1.0] * len(a[6])])
t(termios.tcsetattr, s, termios.TCSANOW, a[:6] + [tuple(a[6])])
t(termios.tcsetattr, s, termios.TCSANOW, ["a"] + a[1:])
t(termios.tcsetattr, s, termios.TCSANOW, [2**70] + a[1:])
t(termios.tcsetattr, s, 999, a)
t(termios.tcsetattr, r, termios.TCSANOW, a)
t(termios.tcsetattr, s, termios.TCSANOW)
t(lambda: termios.tcsetattr(fd=s, when=0, attributes=a))
b = termios.tcgetattr(s)
b[3] &= ~(termios.ICANON | termios.ECHO)
b[6][termios.VMIN] = 1
b[6][termios.VTIME] = 0
t(termios.tcsetattr, s, termios.TCSAFLUSH, b)
c = termios.tcgetattr(s)
print(c[3] & termios.ICANON, c[3] & termios.ECHO, c[6][termios.VMIN], c[6][termios.VTIME], c[6][termios.VINTR])
t(termios.tcsetattr, s, termios.TCSANOW, a)
print(termios.tcgetattr(s) == a)
t(termios.tcsendbreak, s, 0)
t(termios.tcsendbreak, r, 0)
t(termios.tcsendbreak, s)
t(termios.tcdrain, s)
t(termios.tcdrain, r)
t(termios.tcdrain)
t(termios.tcflush, s, termios.TCIFLUSH)
t(termios.tcflush, s, 99)
t(termios.tcflow, s, termios.TCOON)
t(termios.tcflow, s, 99)
t(termios.tcgetwinsize, r)
t(termios.tcsetwinsize, s, (24, 80))
t(termios.tcgetwinsize, s)
t(termios.tcsetwinsize, s, [25, 81])
t(termios.tcgetwinsize, s)
print(os.get_terminal_size(s))
t(termios.tcsetwinsize, s, (1,))
t(termios.tcsetwinsize, s, 5)
t(termios.tcsetwinsize, s, {0: 1, 1: 2})
t(termios.tcsetwinsize, s, (1.0, 2))
t(termios.tcsetwinsize, s, (2**40, 2))
t(termios.tcsetwinsize, s, (-1, 2))
t(termios.tcsetwinsize, s, (70000, 2))
t(termios.tcgetwinsize, s)
t(termios.tcsetwinsize, r, (1, 2))


class F:
    def fileno(self):
        return s


t(termios.tcgetwinsize, F())
t(termios.tcgetattr)
t(lambda: termios.tcgetattr(fd=s))
print(termios.error, termios.error.__mro__, termios.error.__module__)
try:
    termios.tcgetattr(r)
except termios.error as e:
    print(len(e.args), e.args[0] == 25)

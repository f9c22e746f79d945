# A signal whose handler raises interrupts socket.sendall() on a blocked socket: send() returns a
# partial count rather than EINTR, and the handler must still run before the next send.
import signal
import socket


def raising_handler(*args):
    1 // 0


c, s = socket.socketpair()
old = signal.signal(signal.SIGALRM, raising_handler)
try:
    signal.setitimer(signal.ITIMER_REAL, 0.2)
    c.sendall(b"x" * (64 * 1024 * 1024))
    print("sent everything")
except ZeroDivisionError:
    print("ZeroDivisionError from the handler")
finally:
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, old)
    c.close()
    s.close()

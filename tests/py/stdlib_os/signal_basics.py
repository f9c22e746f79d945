# signal: handlers, getsignal, default_int_handler, SIGINT -> KeyboardInterrupt, alarm.
import os
import signal

print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)
print(signal.SIGINT == 2, int(signal.SIGTERM), signal.Signals.SIGINT.name, signal.SIG_DFL, signal.SIG_IGN)
got = []
old = signal.signal(signal.SIGUSR1, lambda signum, frame: got.append(signum))
print(old == signal.SIG_DFL)
os.kill(os.getpid(), signal.SIGUSR1)
for _ in range(1000):
    if got:
        break
print(got)
print(signal.signal(signal.SIGUSR1, signal.SIG_DFL) is not None)
try:
    os.kill(os.getpid(), signal.SIGINT)
    for _ in range(100000):
        pass
    print("no interrupt")
except KeyboardInterrupt:
    print("KeyboardInterrupt")
print(signal.SIGKILL in signal.valid_signals())
for bad in [lambda: signal.signal(signal.SIGKILL, signal.SIG_IGN), lambda: signal.signal(0, signal.SIG_IGN),
            lambda: signal.signal(signal.SIGINT, 42)]:
    try:
        bad()
    except (OSError, ValueError, TypeError) as e:
        print(type(e).__name__, e)
print(signal.alarm(0))

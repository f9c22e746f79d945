# _thread.interrupt_main() and signal.raise_signal(): the main thread's handler runs once, right
# after the call that made the signal pending returns, wherever the call was made.
import _thread
import signal
import threading
import time


def raises(what, f, *args):
    try:
        f(*args)
        for _ in range(100):
            pass
        print(what, "no exception")
    except BaseException as e:
        print(what, type(e).__name__)


# In the main thread: KeyboardInterrupt at once, from the call itself.
raises("main", _thread.interrupt_main)

# From another thread while the main thread waits in join(): raised once the wait ends, with
# the lock taken, so the rest of join() (and Condition.wait) stays consistent. The thread waits
# until the main thread is past start(): a KeyboardInterrupt between the statements of
# Condition.wait (which start() runs) leaves its lock released, in CPython as well.
past_start = []


def interrupt_after_start():
    while not past_start:
        time.sleep(0.001)
    time.sleep(0.01)
    _thread.interrupt_main()


for _ in range(5):
    past_start.clear()
    t = threading.Thread(target=interrupt_after_start)
    try:
        t.start()
        past_start.append(True)
        t.join()
        print("sub-thread: no exception")
    except KeyboardInterrupt:
        print("sub-thread: KeyboardInterrupt")
    t.join()
    print("alive after join:", t.is_alive())

# A Python handler runs in the main thread, once per call.
calls = []


def handler(signum, frame):
    calls.append((signal.Signals(signum).name, threading.current_thread() is threading.main_thread()))
    if len(calls) == 1:
        1 / 0


for signum in (signal.SIGINT, signal.SIGTERM):
    old = signal.signal(signum, handler)
    raises("handler raising", _thread.interrupt_main, signum)
    raises("handler", _thread.interrupt_main, signum)
    t = threading.Thread(target=_thread.interrupt_main, args=(signum,))
    t.start()
    t.join()
    for _ in range(100):
        pass
    signal.signal(signum, old)
print(calls)

# SIG_IGN and SIG_DFL: nothing is simulated (SIGTERM's default would end the process).
for signum in (signal.SIGINT, signal.SIGTERM):
    old = signal.signal(signum, signal.SIG_IGN)
    raises("ignored", _thread.interrupt_main, signum)
    signal.signal(signum, signal.SIG_DFL)
    raises("default", _thread.interrupt_main, signum)
    signal.signal(signum, old)

for bad in (-1, signal.NSIG, 1000000):
    raises(f"signum {bad}", _thread.interrupt_main, bad)

# signal.raise_signal() from another thread: the handler runs in the main thread.
seen = []
old = signal.signal(signal.SIGUSR1, lambda s, f: seen.append(threading.current_thread().name))
t = threading.Thread(target=signal.raise_signal, args=(signal.SIGUSR1,), name="raiser")
t.start()
t.join()
import time

for _ in range(500):  # a sanitizer's runtime may deliver the signal late: wait for it
    if seen:
        break
    time.sleep(0.01)
signal.signal(signal.SIGUSR1, old)
print("raise_signal from a thread:", seen)
raises("raise_signal in main", signal.raise_signal, signal.SIGINT)

# os.kill() to this process: the handler has run when kill() returns.
got = []
old = signal.signal(signal.SIGUSR2, lambda s, f: got.append(signal.Signals(s).name))
import os
os.kill(os.getpid(), signal.SIGUSR2)
print("after os.kill:", got)
signal.signal(signal.SIGUSR2, old)
raises("os.kill SIGINT", os.kill, os.getpid(), signal.SIGINT)

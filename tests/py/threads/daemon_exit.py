# At exit the interpreter waits for non-daemon threads (threading._shutdown) but not for
# daemon ones: a daemon thread blocked forever (or looping) does not keep the program alive,
# and atexit handlers still run.
import atexit
import threading
import time

atexit.register(print, "atexit handler ran")
forever = threading.Event()
started = threading.Semaphore(0)


def blocked():
    started.release()
    forever.wait()
    print("never printed")


def spinning():
    started.release()
    while True:
        time.sleep(0.001)


def late_writer():
    started.release()
    time.sleep(0.1)
    print("non-daemon thread finished before exit")


for target in (blocked, spinning):
    threading.Thread(target=target, daemon=True).start()
threading.Thread(target=late_writer).start()
for _ in range(3):
    started.acquire()
print("daemon threads alive:", sum(t.daemon and t.is_alive() for t in threading.enumerate()))
print("main thread ends")

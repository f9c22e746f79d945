# A thread that waits in fcntl.flock or fcntl.lockf lets the other threads run: the holder
# releases the lock from its own thread and the waiter then gets it.
import fcntl
import os
import tempfile
import threading
import time

events = []
with tempfile.NamedTemporaryFile() as f:
    holder = os.open(f.name, os.O_RDWR)
    waiter = os.open(f.name, os.O_RDWR)
    fcntl.flock(holder, fcntl.LOCK_EX)

    def wait():
        fcntl.flock(waiter, fcntl.LOCK_EX)
        events.append("waiter locked")
        fcntl.flock(waiter, fcntl.LOCK_UN)

    t = threading.Thread(target=wait)
    t.start()
    time.sleep(0.2)
    events.append("holder releases")
    fcntl.flock(holder, fcntl.LOCK_UN)
    t.join()
    print(events)
    try:
        fcntl.flock(waiter, fcntl.LOCK_EX | fcntl.LOCK_NB)
        fcntl.flock(holder, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError as e:
        print("BlockingIOError", e.errno)
    fcntl.flock(waiter, fcntl.LOCK_UN)

    # lockf locks belong to the process: a child process waits for the parent's.
    fcntl.lockf(holder, fcntl.LOCK_EX)
    pid = os.fork()
    if pid == 0:
        try:
            fcntl.lockf(waiter, fcntl.LOCK_EX | fcntl.LOCK_NB)
            os._exit(1)
        except OSError:
            pass
        fcntl.lockf(waiter, fcntl.LOCK_EX)
        os._exit(7)
    time.sleep(0.2)
    fcntl.lockf(holder, fcntl.LOCK_UN)
    _, status = os.waitpid(pid, 0)
    print(os.waitstatus_to_exitcode(status))
    os.close(holder)
    os.close(waiter)

# Non-daemon threads still running when the main thread's code ends are joined before exit,
# before atexit handlers run; sys.exit() in the main thread waits for them too and keeps its
# exit status.
import atexit
import sys
import threading
import time

results = []
lock = threading.Lock()
atexit.register(lambda: print("atexit sees", sorted(results)))


def worker(i):
    time.sleep(0.02 * (i % 3))
    with lock:
        results.append(i)


for i in range(6):
    threading.Thread(target=worker, args=(i,)).start()


def chained():
    time.sleep(0.03)
    # A thread started by a non-daemon thread during shutdown is waited for as well.
    threading.Thread(target=worker, args=(100,)).start()


threading.Thread(target=chained).start()
print("main thread ends with", threading.active_count() > 1)
sys.exit(3)

# threads
# A thread that busy-waits inside natively driven code (a map() callback) after a blocking call,
# for a flag that another thread sets, finishes. Its transaction is inevitable there and cannot
# restart; it hands the inevitable slot over to the threads waiting for it (STM-16). Each thread
# releases the next one, so every handover happens while the others wait.
import sys
import threading
import time

NTHREADS = int(sys.argv[1])
flags = [False] * NTHREADS
done = [0] * NTHREADS


def spin(i):
    time.sleep(0.001)  # a blocking call: what follows in this activation runs inevitably
    while not flags[i]:
        pass
    return i


def worker(i):
    total = sum(map(spin, [i]))
    flags[(i + 1) % NTHREADS] = True
    done[i] = total + 1


def main():
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(NTHREADS)]
    for t in threads:
        t.start()
    flags[0] = True
    for t in threads:
        t.join()
    # The main thread, too, waits inside a callback for a flag a worker sets.
    ready = [False]

    def setter():
        time.sleep(0.01)
        ready[0] = True

    def wait_ready(_):
        time.sleep(0.001)
        while not ready[0]:
            pass
        return 1

    t = threading.Thread(target=setter)
    t.start()
    waited = list(map(wait_ready, [0]))
    t.join()
    print(NTHREADS, sum(done) == sum(range(NTHREADS)) + NTHREADS, waited)


main()

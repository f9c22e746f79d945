# threads
# Attribute lookups on a shared instance while another thread replaces its __dict__ or deletes
# it and sets the attributes again. Each atomic block that reads sees one consistent state of
# the instance: its two attributes cancel out, and the dict is one that was committed whole.
# Prints only order-independent results.
import sys
import threading

try:
    from pystm import atomic
except ImportError:
    atomic = threading.RLock()

NTHREADS = int(sys.argv[1])
ROUNDS = 6000


class A:
    pass


o = A()
o.__dict__ = {"x": 0, "y": 0}
bad = []
reads = [0] * NTHREADS


def swapper(rounds):
    for k in range(1, rounds + 1):
        with atomic:
            if k % 5 == 0:
                del o.__dict__  # the next assignment makes a fresh dict
                o.x = k
                o.y = -k
            elif k % 5 == 1:
                vars(o).update(x=k, y=-k)  # the same dict, changed in place
            else:
                o.__dict__ = {"x": k, "y": -k}


def reader(t, rounds):
    n = 0
    for _ in range(rounds):
        with atomic:
            s = o.x + o.y
            keys = len(o.__dict__)
        if s != 0 or keys != 2:
            bad.append((s, keys))
        n += 1
    reads[t] = n


def main():
    if NTHREADS == 1:
        swapper(ROUNDS)
        reader(0, ROUNDS)
    else:
        threads = [threading.Thread(target=swapper, args=(ROUNDS,))]
        threads += [threading.Thread(target=reader, args=(t, ROUNDS)) for t in range(1, NTHREADS)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
    print("inconsistent reads:", len(bad), bad[:3])
    print("reads:", sum(reads) == ROUNDS * max(1, NTHREADS - 1))
    print("final:", o.x, o.y, sorted(vars(o)))


main()

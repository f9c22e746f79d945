# threads
# Half of the threads rewrite shared lists in place (clear, slice deletion and assignment, growth,
# sort, *=, reverse) while the others copy them whole (slices, +, list(), sorted(), slice
# assignment from the list, tuple(); and iterate over them). A reader that read a list in place while a
# writer replaced its storage once read through a null or torn buffer and crashed; now each copy
# reads one storage block only, bounded by its own capacity (LIST-4), and validates (STM-5).
# Every copy any reader makes must be a whole state of the list between two of a writer's
# operations: empty, 0..63 in some order, 0..199, or 0..63 three times.
import sys
import threading

NTHREADS = int(sys.argv[1])
ROUNDS = 48000 // NTHREADS
BASE = list(range(64))
shared = [list(BASE) for _ in range(4)]
bad = []


def writer(tid):
    l = shared[(tid // 2) % 4]  # one writer per list (up to 8 threads): its states are known
    for i in range(ROUNDS):
        k = i % 7
        if k == 0:
            l.clear()
            l.extend(BASE)
        elif k == 1:
            del l[:]
            l += BASE
        elif k == 2:
            l[:] = BASE
        elif k == 3:
            l.extend(range(64, 200))
            del l[64:]
        elif k == 4:
            l.sort(reverse=True)
            l.sort()
        elif k == 5:
            l *= 3
            del l[64:]
        else:
            l.reverse()
            l.reverse()


STATES = ([], BASE, list(range(200)), sorted(BASE * 3))


def whole(c):
    return sorted(c) in STATES


def reader(tid):
    for i in range(ROUNDS):
        l = shared[(i + tid) % 4]
        k = i % 8
        if k == 0:
            c = l[:]
        elif k == 1:
            c = l + l
            c = c[:len(c) // 2]
        elif k == 2:
            c = list(l)
        elif k == 3:
            c = sorted(l)
        elif k == 4:
            m = [0] * 8
            m[2:5] = l
            c = m[2:-3]
        elif k == 5:
            c = tuple(l)
        elif k == 6:
            c = l[::-1]
        else:
            # Iteration spans many transactions, so it may mix states (as with a GIL): only
            # its items are checked.
            if not all(type(x) is int and 0 <= x < 200 for x in l):
                bad.append((k, -1))
            continue
        if not whole(c):
            bad.append((k, len(c)))


threads = [threading.Thread(target=writer if t % 2 == 0 else reader, args=(t,))
           for t in range(max(2, NTHREADS))]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("torn copies:", len(bad))
print("final lists whole:", [sorted(l) == BASE for l in shared])

# threads
# Half of the threads change shared deques (growth at both ends, pops, rotation, reversal,
# clear, *=) while the others read them (copies, indexing, iteration, searches). Writers of a
# deque run inevitably (it keeps no undo record), and once freed the segments of its storage
# under readers that had just passed the read barrier; now every read stays inside one block
# of its ring buffer (DEQUE-1) and is validated before its value is used (STM-5).
# Every copy a reader makes must be a whole state of the deque between two of a writer's calls.
import sys
import threading
from collections import deque

NTHREADS = int(sys.argv[1])
ROUNDS = 24000 // NTHREADS
BASE = list(range(64))
shared = [deque(BASE) for _ in range(4)]
bad = []

GROWN = list(range(600))
LEFT = list(range(-300, 64))
TRIPLE = BASE * 3
STATES = {(): True, tuple(BASE): True, tuple(BASE[-17:] + BASE[:-17]): True,
          tuple(reversed(BASE)): True}


def whole(c):
    if tuple(c) in STATES:
        return True
    n = len(c)
    return n >= 64 and (c == GROWN[:n] or c == LEFT[len(LEFT) - n:] or c == TRIPLE[:n])


def writer(tid):
    d = shared[(tid // 2) % 4]  # one writer per deque (up to 8 threads): its states are known
    for i in range(ROUNDS):
        k = i % 6
        if k == 0:
            d.clear()
            d.extend(BASE)
        elif k == 1:
            d.extend(range(64, 600))
            for _ in range(600 - 64):
                d.pop()
        elif k == 2:
            d.rotate(17)
            d.rotate(-17)
        elif k == 3:
            d.extendleft(range(-1, -301, -1))
            for _ in range(300):
                d.popleft()
        elif k == 4:
            d.reverse()
            d.reverse()
        else:
            d *= 3
            for _ in range(128):
                d.pop()


def reader(tid):
    for i in range(ROUNDS):
        d = shared[(i + tid) % 4]
        k = i % 6
        try:
            if k == 0:
                c = list(d)
            elif k == 1:
                c = d.copy()
                c = list(c)
            elif k == 2:
                c = list(reversed(d))[::-1]
            elif k == 3:
                # Indexing spans several transactions (as with a GIL): only its items count.
                n = len(d)
                if not all(type(d[j]) is int for j in range(0, n, 7)):
                    bad.append((k, -1))
                continue
            elif k == 4:
                if (63 in d) + d.count(5) < 0 or -1000 in d:
                    bad.append((k, -1))
                continue
            else:
                c = list(d + deque())
        except (IndexError, RuntimeError):
            continue  # the deque changed between two calls, as it may in CPython
        if not whole(c):
            bad.append((k, len(c)))


threads = [threading.Thread(target=writer if t % 2 == 0 else reader, args=(t,))
           for t in range(max(2, NTHREADS))]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("torn copies:", bad[:5], len(bad))
print("final states whole:", [list(d) == BASE for d in shared])

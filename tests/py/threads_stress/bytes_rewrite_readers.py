# threads
# Half of the threads change shared bytearrays and array.arrays (growth to 16 KB, shrinking,
# clear, slice assignment, repetition) while the others read them (copies, indexing, len,
# searches, iteration). The bytes used to be a std::string, whose buffer a writer freed at once
# under readers that had just passed the read barrier; now every reader stays inside one block
# that is retired, not freed (BYTES-1), and validates what it read before using it (STM-5).
# Every byte of every state a writer leaves is the same, so a copy with two different bytes is
# torn.
import sys
import threading
from array import array

NTHREADS = int(sys.argv[1])
ROUNDS = 2400 // NTHREADS
BIG = 16_000  # bytes
shared_b = [bytearray(b"a" * 64) for _ in range(4)]
shared_a = [array("d", [1.0] * 64) for _ in range(4)]
bad = []


def same(c):
    return len(c) == 0 or c.count(c[0]) == len(c)


def writer(tid):
    k = (tid // 2) % 4  # one writer per container (up to 8 threads): its states are known
    b, a = shared_b[k], shared_a[k]
    for i in range(ROUNDS):
        v = 97 + i % 26
        f = float(i % 26)
        step = i % 6
        if step == 0:
            b[:] = bytes([v]) * BIG
            a[:] = array("d", [f]) * (BIG // 8)
        elif step == 1:
            b[:] = bytes([v]) * 64
            a[:] = array("d", [f]) * 64
        elif step == 2:
            b.clear()
            b.extend(bytes([v]) * 1000)
            del a[:]
            a.extend([f] * 1000)
        elif step == 3:
            b[:] = bytes([v]) * (len(b) + 5000)
            a[:] = array("d", [f]) * (len(a) + 5000)
        elif step == 4:
            b *= 2
            a *= 2
        else:
            b[:] = bytes([v]) * 300
            a[:] = array("d", [f]) * 300


def reader(tid):
    for i in range(ROUNDS):
        b = shared_b[(i + tid) % 4]
        a = shared_a[(i + tid) % 4]
        step = i % 5
        try:
            if step == 0:
                c, d = bytes(b), a.tolist()
            elif step == 1:
                c, d = b[:], a[:]
            elif step == 2:
                # Indexing spans several transactions (as with a GIL): only its items count.
                if not all(97 <= b[j] <= 122 for j in range(0, len(b), 997)) or not all(
                        0.0 <= a[j] <= 25.0 for j in range(0, len(a), 997)):
                    bad.append((step, -1))
                continue
            elif step == 3:
                if b.find(b"\x00") != -1 or a.count(-1.0):
                    bad.append((step, -1))
                continue
            else:
                c, d = bytes(iter(b)), list(iter(a))
        except IndexError:
            continue  # the container shrank between two calls, as it may in CPython
        if not same(c) or not same(list(d)):
            bad.append((step, len(c), len(d)))


threads = [threading.Thread(target=writer if t % 2 == 0 else reader, args=(t,))
           for t in range(max(2, NTHREADS))]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("torn copies:", bad[:5], len(bad))
print("final states uniform:", [same(b) and same(a.tolist()) for b, a in zip(shared_b, shared_a)])

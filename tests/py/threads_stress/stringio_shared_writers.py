# threads
# Threads write to one io.StringIO and one io.BytesIO while others read them. CPython's are C
# code whose methods run whole under the GIL; pystm's are Python, each method an atomic block,
# so nothing written is lost or torn: a write appended while getvalue() joins the pending
# chunks, or two writes at the same position, must never drop one.
import io
import sys
import threading

NTHREADS = int(sys.argv[1])
PER_THREAD = 4000 // NTHREADS
text = io.StringIO()
data = io.BytesIO()
done = threading.Event()
bad_reads = []


def writer(tid):
    for i in range(PER_THREAD):
        line = f"{tid}:{i}\n"
        text.write(line)
        data.write(line.encode())
        if i % 50 == 0:
            # getvalue() joins the chunks written since the last one: the race it must not lose
            text.getvalue()
            data.getvalue()


def reader():
    bad = 0
    while not done.is_set():
        for value in (text.getvalue(), data.getvalue().decode()):
            if value and not value.endswith("\n"):
                bad += 1  # a reader saw half a write
    bad_reads.append(bad)


r = threading.Thread(target=reader)
r.start()
threads = [threading.Thread(target=writer, args=(t,)) for t in range(NTHREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
done.set()
r.join()


def check(lines):
    per = {}
    for line in lines:
        tid, i = line.split(":")
        per.setdefault(int(tid), []).append(int(i))
    return sorted(per) == list(range(NTHREADS)) and all(
        v == list(range(PER_THREAD)) for v in per.values())


print("torn reads:", sum(bad_reads))
s = text.getvalue()
print("StringIO lines:", len(s.splitlines()) == NTHREADS * PER_THREAD, check(s.splitlines()))
b = data.getvalue().decode()
print("BytesIO lines:", len(b.splitlines()) == NTHREADS * PER_THREAD, check(b.splitlines()))
print("positions:", text.tell() == len(s), data.tell() == len(b.encode()))

# pystm-env: PYSTM_STM=parallel PYSTM_DICT_STRIPES= PYSTM_STM_CHAOS=50
# With one thread the STM is off (TX-5): it is engaged when a second thread starts, and goes
# off again once the threads are back to one, so the code that runs after them pays no
# barriers and commits no transactions. Threads started later engage it again, and the
# containers that the STM gave per-key stripes keep working, with and without it. The
# statistics keep counting what the threads' transactions did (forced aborts included).
# CPython has no pystm: there the test prints what pystm must print.
import threading
import time

try:
    import pystm
except ImportError:
    pystm = None


def commits():
    return pystm.statistics()["commits"] if pystm else 0


def spin(n):
    s = 0
    for i in range(n):
        s += i
    return s


shared = {}
members = set()


def writer(k):
    for i in range(2000):
        shared[k, i] = i
        shared[f"s{k}.{i}"] = i
        members.add(k * 10000 + i)
    for i in range(0, 2000, 2):
        del shared[f"s{k}.{i}"]
        members.discard(k * 10000 + i)


start = commits()
spin(200000)
print("one thread, no transactions:", commits() - start)

for round in range(3):
    threads = [threading.Thread(target=writer, args=(round * 4 + k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # join() returns when a thread's function has returned; the thread's last commit may still
    # be under way. The STM goes off at the main thread's next transaction boundary after it.
    time.sleep(0.05)
    spin(1000)
    engaged = commits() > start
    before = commits()
    spin(500000)  # thousands of polls
    for i in range(2000):  # the containers, after the threads, without the STM
        shared["x", i] = i
        shared.pop(("x", i - 1), None)
        members.add(-i)
    print("round", round, "threads committed:", engaged or pystm is None,
          "commits after them:", commits() - before)

print(len(shared), sum(v for k, v in shared.items() if isinstance(k, str)), len(members))
stats = pystm.statistics() if pystm else {"aborts": 1, "time_committed": 1.0}
print("aborts counted:", stats["aborts"] > 0, "time committed:", stats["time_committed"] > 0)

# Memory stress test, run by pystm only (scripts/run-tests): allocates garbage of every common
# kind (lists, dicts, instances, closures, strings, big ints, cycles) in a loop for about ten
# seconds and checks that the collector keeps the peak resident set flat: VmHWM (from
# /proc/self/status) after the first quarter of the run may grow by at most a small margin
# by the end. Prints "ok" or exits 1 with the numbers.
#
# Usage: pystm tests/stress/gc_flat_rss.py [seconds]
import sys
import time

DURATION = float(sys.argv[1]) if len(sys.argv) > 1 else 10.0
# Allowed growth of the peak after the warm-up quarter: 10% of it plus 16 MiB of slack for
# allocator fragmentation and heap-size rounding.
RELATIVE_MARGIN = 0.10
ABSOLUTE_MARGIN_KB = 16 * 1024


def peak_rss_kb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc/self/status")


class Node:
    def __init__(self, value, parent=None):
        self.value = value
        self.parent = parent
        self.children = []


def make_closure(n):
    captured = [n] * 8

    def inner(x):
        return captured[0] + x

    return inner


def churn(i):
    # Short-lived garbage of each kind; nothing survives the call.
    lst = [j * i for j in range(200)]
    d = {str(j): lst[j] for j in range(0, 200, 4)}
    root = Node(i)
    for j in range(20):
        child = Node(j, root)  # parent <-> child cycles
        root.children.append(child)
    closures = [make_closure(j) for j in range(20)]
    s = "-".join(str(x) for x in lst[:50]) * 3
    big = (1 << (512 + i % 512)) * 12345678901234567890 + i
    t = tuple(lst[:30])
    return len(lst) + len(d) + len(root.children) + closures[3](1) + len(s) + (big & 0xFF) + len(t)


def main():
    start = time.monotonic()
    quarter_peak = None
    checksum = 0
    i = 0
    while True:
        checksum += churn(i)
        i += 1
        elapsed = time.monotonic() - start
        if quarter_peak is None and elapsed >= DURATION / 4:
            quarter_peak = peak_rss_kb()
        if elapsed >= DURATION:
            break
    final_peak = peak_rss_kb()
    if quarter_peak is None:
        quarter_peak = final_peak
    allowed = quarter_peak * (1 + RELATIVE_MARGIN) + ABSOLUTE_MARGIN_KB
    if final_peak > allowed:
        print(f"FAIL: peak RSS grew from {quarter_peak} kB after the first quarter to {final_peak} kB "
              f"(allowed {int(allowed)} kB) over {i} iterations")
        sys.exit(1)
    print("ok")


main()

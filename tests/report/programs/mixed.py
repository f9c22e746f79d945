# Two threads hammer a shared counter at one marked line and a shared dict at another: the
# report must name both lines, and no other line of this program.
import threading

N = 1_000_000


def work(start, counts, table, me):
    start.wait()
    for i in range(N):
        counts[0] += 1  # CONFLICT
        if i % 4 == 0:
            table[me * N + i] = i  # CONFLICT


def main():
    counts = [0]
    table = {}
    start = threading.Barrier(2)
    threads = [threading.Thread(target=work, args=(start, counts, table, k)) for k in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(counts[0] == 2 * N, len(table) == N // 2)


main()

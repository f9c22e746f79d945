# Two threads write different keys of one shared dict: the writes conflict at the marked line.
import threading

N = 300_000


def work(start, table, me):
    start.wait()
    for i in range(N):
        table[me * N + i] = i  # CONFLICT


def main():
    table = {}
    start = threading.Barrier(2)
    threads = [threading.Thread(target=work, args=(start, table, k)) for k in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(len(table) == 2 * N)


main()

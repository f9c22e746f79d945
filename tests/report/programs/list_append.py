# Two threads append to one shared list: the appends conflict at the marked line.
import threading

N = 2_000_000


def work(start, items):
    start.wait()
    for i in range(N):
        items.append(i)  # CONFLICT


def main():
    items = []
    start = threading.Barrier(2)
    threads = [threading.Thread(target=work, args=(start, items,)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(len(items) == 2 * N)


main()

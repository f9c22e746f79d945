# Two threads increment one shared counter: the increments conflict at the marked line.
import threading

N = 2_000_000


def work(start, counter):
    start.wait()
    for _ in range(N):
        counter[0] += 1  # CONFLICT


def main():
    counter = [0]
    start = threading.Barrier(2)
    threads = [threading.Thread(target=work, args=(start, counter,)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(counter[0] == 2 * N)


main()

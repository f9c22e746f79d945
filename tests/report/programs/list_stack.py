# Two threads use one shared list as a stack. A push alone would rarely conflict (pystm applies
# appends to a shared list when the transaction commits), but the pop takes the list, so the two
# threads conflict at both marked lines (a transaction that keeps aborting runs inevitably, and
# then its pushes take the list too).
import threading

N = 300_000


def work(start, items):
    start.wait()
    for i in range(N):
        items.append(i)  # CONFLICT
        items.pop()  # CONFLICT


def main():
    items = []
    start = threading.Barrier(2)
    threads = [threading.Thread(target=work, args=(start, items,)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(items == [])


main()

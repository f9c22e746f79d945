# threading.stack_size(): threads started with a small requested stack run ordinary Python code,
# and the setting is returned and validated as in CPython.
import _thread
import threading

print(threading.stack_size())
results = []


def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)


def work(size):
    results.append((size, threading.stack_size(), depth(200), sorted({i % 7 for i in range(1000)})))


for size in (32768, 65536, 262144, 1 << 20, 0):
    print("set", size, "old", threading.stack_size(size))
    t = threading.Thread(target=work, args=(size,))
    t.start()
    t.join()
print(results)

for bad in (-1, 4096, 32767):
    try:
        threading.stack_size(bad)
    except ValueError as e:
        print(bad, "ValueError", e)
print(_thread.stack_size(), threading.stack_size())

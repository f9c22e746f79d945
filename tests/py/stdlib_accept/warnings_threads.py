# threads
# warnings from several threads at once: each thread warns with its own texts through the
# "default" action (once per registry key), the "once" action (once per process) and explicit
# registries; the recorded messages are counted after the join, so the output is order-free.
import sys
import threading
import warnings

n = int(sys.argv[1]) if len(sys.argv) > 1 else 2
shown = []
warnings.showwarning = lambda message, category, filename, lineno, file=None, line=None: \
    shown.append((str(message), category.__name__))
warnings.filterwarnings("once", message="shared")
registries = [{} for _ in range(n)]

def work(i):
    for k in range(200):
        warnings.warn(f"thread {i} text {k % 5}", UserWarning)
        warnings.warn("shared", RuntimeWarning)
        warnings.warn_explicit(f"explicit {k % 3}", UserWarning, f"t{i}.py", k % 7 + 1,
                               registry=registries[i])

threads = [threading.Thread(target=work, args=(i,)) for i in range(n)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(len(shown), len(set(shown)), shown.count(("shared", "RuntimeWarning")))
print(sorted(len(r) for r in registries) == [1 + 21] * n)

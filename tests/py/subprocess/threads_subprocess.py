# threads
# subprocess from several threads at once: every child's output and exit status arrive.
import subprocess
import sys
import threading

n = int(sys.argv[1]) if len(sys.argv) > 1 else 2
results = [None] * n


def work(i):
    out = []
    for j in range(3):
        r = subprocess.run(["/bin/sh", "-c", f"echo {i}-{j}; exit {j}"], capture_output=True, text=True)
        out.append((r.stdout.strip(), r.returncode))
    p = subprocess.Popen([sys.executable, "-c", "import sys; print(len(sys.stdin.read()))"],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    out.append(p.communicate("x" * (1000 * (i + 1)))[0].strip())
    p = subprocess.Popen(["/bin/sleep", "30"])
    p.terminate()  # the child must not inherit the thread's blocked signals
    out.append(p.wait())
    results[i] = out


threads = [threading.Thread(target=work, args=(i,)) for i in range(n)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(all(r is not None for r in results))
for i, r in enumerate(results):
    assert r == [(f"{i}-0", 0), (f"{i}-1", 1), (f"{i}-2", 2), str(1000 * (i + 1)), -15], r
print("ok", n)

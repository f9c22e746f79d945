# select.select and select.poll on a pipe.
import os
import select

r, w = os.pipe()
print(select.select([r], [w], [], 0) == ([], [w], []))
os.write(w, b"ping")
rl, wl, xl = select.select([r], [], [], 1.0)
print(rl == [r], wl, xl)
p = select.poll()
p.register(r, select.POLLIN)
p.register(w, select.POLLOUT)
print(sorted(p.poll(0)) == sorted([(r, select.POLLIN), (w, select.POLLOUT)]))
print(os.read(r, 4))
p.modify(w, select.POLLIN)
print(p.poll(0))
p.unregister(w)
try:
    p.unregister(w)
except KeyError as e:
    print("KeyError", e.args == (w,))


class Wrapped:
    def fileno(self):
        return r


os.write(w, b"x")
print(len(select.select([Wrapped()], [], [], 0)[0]))
for bad in [lambda: select.select([-1], [], [], 0), lambda: select.select(["x"], [], [], 0),
            lambda: select.select([], [], [], -1)]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
os.close(r)
os.close(w)
print(select.error is OSError, select.POLLIN, select.POLLOUT)

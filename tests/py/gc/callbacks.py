# gc.callbacks: each callback is called with ("start", info) before and ("stop", info) after
# every collection, gc.collect() and automatic ones alike; info has the keys generation,
# collected and uncollectable; an exception in a callback is reported as unraisable (on stderr)
# and the collection goes on. Counts differ between collectors, so only their types print.
import gc

seen = []


def record(phase, info):
    seen.append((phase, sorted(info), type(info["collected"]).__name__))


def bad(phase, info):
    raise ValueError("callback failed: " + phase)


gc.callbacks.append(bad)
gc.callbacks.append(record)
print(gc.collect() >= 0)
print(seen)
gc.callbacks.remove(bad)

# Automatic collections: allocate until at least one has run.
seen.clear()
keep = []
for i in range(3_000_000):
    keep.append([i, i, i])  # kept a while: CPython counts objects that stay alive
    if len(keep) == 10_000:
        keep = []
    if len(seen) >= 2:
        break
phases = [p for p, _, _ in seen]
print("automatic:", len(phases) >= 2, phases[:2])
print("paired:", all(phases[k] == ("start" if k % 2 == 0 else "stop") for k in range(len(phases) - len(phases) % 2)))
gc.callbacks.clear()
print(gc.callbacks)

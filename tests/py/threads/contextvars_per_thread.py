# Each thread starts in a new, empty contextvars context (as CPython): context variables and
# decimal contexts set in one thread are not seen by another, and Context.run works per thread.
import contextvars
import decimal
import threading

var = contextvars.ContextVar("var", default="default")
var.set("main")
decimal.getcontext().prec = 5
results = {}


def work(n):
    seen = [var.get(), decimal.getcontext().prec, len(contextvars.copy_context())]
    var.set(f"thread {n}")
    decimal.getcontext().prec = 10 + n
    third = decimal.Decimal(1) / decimal.Decimal(3)
    ctx = contextvars.copy_context()
    inner = ctx.run(lambda: (var.set("inner"), var.get())[1])
    seen += [var.get(), str(third), inner, ctx[var], decimal.getcontext().prec]
    results[n] = seen


threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for n in sorted(results):
    print(n, results[n])
print("main", var.get(), decimal.getcontext().prec, str(decimal.Decimal(1) / decimal.Decimal(3)))

# A context can be entered by one thread at a time; the main thread's context is its own.
ctx = contextvars.copy_context()
errors = []


def enter_twice():
    try:
        ctx.run(lambda: None)
    except RuntimeError as e:
        errors.append(str(e).split(":")[0])


def hold():
    t = threading.Thread(target=enter_twice)
    t.start()
    t.join()


ctx.run(hold)
print(errors, ctx[var])

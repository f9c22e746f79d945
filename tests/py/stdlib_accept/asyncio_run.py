# asyncio: asyncio.run with tasks, gather (results and return_exceptions), sleep(0), Queue with
# workers and join, Event, Lock, wait_for timeouts, cancellation, async generators closed at
# shutdown (sys.set_asyncgen_hooks' firstiter), call_soon ordering and run_until_complete.
import asyncio
import sys

async def worker(name, q, out):
    while True:
        item = await q.get()
        if item is None:
            q.task_done()
            break
        await asyncio.sleep(0)
        out.append((name, item * 2))
        q.task_done()

async def compute(x):
    await asyncio.sleep(0)
    if x == 3:
        raise ValueError("three")
    return x * x

async def ticker(log):
    try:
        for i in range(100):
            log.append(i)
            yield i
    finally:
        log.append("ticker closed")

async def main():
    q = asyncio.Queue(maxsize=2)
    out = []
    ws = [asyncio.create_task(worker(f"w{i}", q, out)) for i in range(3)]
    for i in range(8):
        await q.put(i)
    for _ in ws:
        await q.put(None)
    await q.join()
    await asyncio.gather(*ws)
    print(sorted(v for _, v in out), q.empty(), q.qsize())

    print(await asyncio.gather(*(compute(i) for i in range(3))))
    res = await asyncio.gather(*(compute(i) for i in range(5)), return_exceptions=True)
    print([type(r).__name__ if isinstance(r, Exception) else r for r in res])
    try:
        await asyncio.gather(compute(3))
    except ValueError as e:
        print("gather raised", e)

    try:
        await asyncio.wait_for(asyncio.sleep(10), 0.01)
    except asyncio.TimeoutError:
        print("timeout")

    ev = asyncio.Event()
    async def setter():
        await asyncio.sleep(0)
        ev.set()
    t = asyncio.create_task(setter())
    await ev.wait()
    await t
    print("event", ev.is_set(), t.done(), t.result())

    lock = asyncio.Lock()
    order = []
    async def locked(n):
        async with lock:
            order.append(("in", n))
            await asyncio.sleep(0)
            order.append(("out", n))
    await asyncio.gather(*(locked(n) for n in range(3)))
    print(order)

    async def forever():
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            print("cancelled inside")
            raise
    t = asyncio.create_task(forever())
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("cancelled", t.cancelled())

    loop = asyncio.get_running_loop()
    calls = []
    loop.call_soon(calls.append, 1)
    loop.call_soon(calls.append, 2)
    fut = loop.create_future()
    loop.call_soon(fut.set_result, "fut done")
    print(await fut, calls)

    log = []
    agen = ticker(log)
    print(await agen.__anext__(), await agen.__anext__())
    hooks = sys.get_asyncgen_hooks()
    print(type(hooks).__name__, hooks.firstiter is not None, hooks.finalizer is not None)
    main.agen = agen  # still open when main returns: asyncio.run closes it
    main.log = log
    async for v in ticker(log):
        if v == 1:
            break
    return 42

print(asyncio.run(main()))
print(main.log, main.agen.ag_running)
print(sys.get_asyncgen_hooks())

loop = asyncio.new_event_loop()
print(loop.run_until_complete(compute(4)))
loop.close()
print(loop.is_closed())

# sys.set_coroutine_origin_tracking_depth() / get_...(): cr_origin records the creating frames,
# per thread; asyncio's debug mode turns it on.
import sys
async def f(): pass
def make():
    return f()
sys.set_coroutine_origin_tracking_depth(2)
c = make(); print(c.cr_origin); c.close()
sys.set_coroutine_origin_tracking_depth(10)
c = make(); print(c.cr_origin); c.close()
print(sys.get_coroutine_origin_tracking_depth())
for a in [(), ('x',), (1.5,), (2**70,), (-1,), (True,)]:
    try: print(sys.set_coroutine_origin_tracking_depth(*a))
    except Exception as e: print(type(e).__name__, e)
try: sys.set_coroutine_origin_tracking_depth(depth=3); print(sys.get_coroutine_origin_tracking_depth())
except Exception as e: print(type(e).__name__, e)
try: sys.get_coroutine_origin_tracking_depth(1)
except Exception as e: print(type(e).__name__, e)
sys.set_coroutine_origin_tracking_depth(0)
c = make(); print(c.cr_origin); c.close()
def gen(): yield 1
print(hasattr(gen(), "cr_origin"))
import threading
sys.set_coroutine_origin_tracking_depth(5)
out = []
t = threading.Thread(target=lambda: out.append(sys.get_coroutine_origin_tracking_depth()))
t.start(); t.join()
print("other thread:", out, "this thread:", sys.get_coroutine_origin_tracking_depth())
sys.set_coroutine_origin_tracking_depth(0)
import asyncio
async def main():
    await asyncio.sleep(0)
    return 5
print(asyncio.run(main(), debug=True))
print(sys.set_coroutine_origin_tracking_depth.__doc__)

# Objects that one collection finds unreachable are finalized in the order they were made, as
# CPython finalizes a list of cycles made in a loop.
import gc
class D:
    def __init__(self, n): self.n = n
    def __del__(self): print("del", self.n)
def make():
    for i in range(5):
        d = D(i); d.me = d
make()
gc.collect()
print("end")

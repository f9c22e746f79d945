# Objects still alive when the program ends are finalized, with their globals intact, after the
# atexit callbacks; sys.stdout is back to the original stream.
import atexit
import io
import sys


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name, len(registry), file=sys.stdout)


registry = [1, 2, 3]
holder = {"x": Noisy("in a dict")}
atexit.register(lambda: print("atexit callback"))
sys.stdout = io.StringIO()
print("hidden")

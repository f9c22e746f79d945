# input() writes the prompt to sys.stdout and flushes it when it can: a stdout without flush(),
# or whose flush() raises, is no error. Lost streams raise RuntimeError.
import io
import sys


class BitBucket:
    def __init__(self):
        self.written = []

    def write(self, s):
        self.written.append(s)


class BadFlush(BitBucket):
    def flush(self):
        raise OSError("cannot flush")


saved_in, saved_out = sys.stdin, sys.stdout
try:
    out = BitBucket()
    sys.stdout = out
    sys.stdin = io.StringIO("1+1\nsecond line\n    'whitespace'\nNULL\0\n")
    results = [input(), input('prompt\n'), input(), input(42)]
    bad = BadFlush()
    sys.stdout = bad
    results.append(input.__name__)
    try:
        input('p2')
    except EOFError as e:
        results.append("EOFError " + str(e))
    try:
        input(1, 2)
    except TypeError as e:
        results.append("TypeError " + str(e))
    del sys.stdout
    try:
        input('prompt')
    except RuntimeError as e:
        results.append("RuntimeError " + str(e))
    sys.stdout = out
    del sys.stdin
    try:
        input('prompt')
    except RuntimeError as e:
        results.append("RuntimeError " + str(e))
finally:
    sys.stdin, sys.stdout = saved_in, saved_out
print(results)
print(out.written, bad.written)

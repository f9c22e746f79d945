# read(size) and readline(size) of buffered and text files: None or an integer, with CPython's TypeErrors.
import io
for f in (io.BufferedReader(io.BytesIO(b'abc')), io.BytesIO(b'x')):
  try: f.read(1.0)
  except Exception as e: print(type(e).__name__, e)
f=io.TextIOWrapper(io.BytesIO(b'abc'))
for m in (f.read, f.readline):
  try: m(1.0)
  except Exception as e: print(type(e).__name__, e)
print(f.read(None), io.BufferedReader(io.BytesIO(b'abc')).read(None), io.BufferedReader(io.BytesIO(b'abc')).read(True))

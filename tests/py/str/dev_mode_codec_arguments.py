# Development mode (-X dev) looks the encoding and the error handler up before any data needs
# them; normally an unknown name only matters when it is used, and empty bytes decode to ''
# without a codec lookup.
import subprocess
import sys

CODE = r'''
import sys
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)
B = 'Boom'
print(sys.flags.dev_mode, sys.warnoptions)
for data in (b'', b'short'):
    show(lambda: str(data, encoding=B))
    show(lambda: str(data, errors=B))
    show(lambda: str(memoryview(data), errors=B))
    for enc in ('ascii', 'utf8', 'latin1', 'utf-16'):
        show(lambda: str(data, enc, errors=B))
        show(lambda: data.decode(enc, errors=B))
        show(lambda: bytearray(data).decode(enc, errors=B))
    show(lambda: data.decode(B))
    show(lambda: data.decode(errors=B))
    show(lambda: data.decode(errors='surrogateescape'))
for data in ('', 'short'):
    show(lambda: data.encode(B))
    show(lambda: data.encode(errors=B))
    for enc in ('ascii', 'utf8', 'latin1'):
        show(lambda: data.encode(enc, errors=B))
        show(lambda: bytes(data, enc, errors=B))
        show(lambda: bytearray(data, enc, errors=B))
'''

for flags in ([], ['-X', 'dev']):
    r = subprocess.run([sys.executable, *flags, '-c', CODE], capture_output=True, text=True)
    print(r.returncode)
    print(r.stdout, end='')
    print(r.stderr, end='')

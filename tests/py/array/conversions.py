# array.array conversions: bytes, lists, unicode and files.
import array
import os
import tempfile


def err(f, *args):
    try:
        print(f(*args))
    except Exception as e:
        print(type(e).__name__, e)

a = array.array('h', [1, -2, 300])
print(a.tobytes(), a.tolist())
b = array.array('h')
b.frombytes(a.tobytes())
b.frombytes(bytearray(b'\x05\x00'))
b.frombytes(memoryview(b'\x06\x00'))
b.frombytes(array.array('b', [7, 0]))
b.fromlist([8, 9])
print(b)
err(b.frombytes, b'x')
err(b.frombytes, 'xx')
err(b.frombytes, 5)
err(b.fromlist, (1,))
err(b.fromlist, [1, 'x'])
print(b)
u = array.array('u', 'h\xe9\u20ac')
print(u.tobytes(), u.tolist(), u.tounicode())

d = tempfile.mkdtemp()
path = os.path.join(d, 'arr')
with open(path, 'wb') as f:
    a.tofile(f)
    f.write(array.array('i', [7]))
with open(path, 'rb') as f:
    c = array.array('h')
    c.fromfile(f, 2)
    print(c)
    err(c.fromfile, f, 10)
    print(c)
with open(path, 'rb') as f:
    r = array.array('h', [0, 0, 0])
    print(f.readinto(r), r)
with open(path, 'wb') as f:
    err(c.fromfile, f, 1)
err(c.fromfile, None, -1)
err(c.tofile, 5)
os.remove(path)
os.rmdir(d)

# recv_into and recvfrom_into fill any writable buffer (bytearray, array.array, writable
# memoryviews and their slices) by bytes, and refuse read-only and non-buffer arguments.
import socket, array
c, s = socket.socketpair()
s.setblocking(False)
for buf in (bytearray(8), array.array('i', [0, 0]), memoryview(bytearray(6)), memoryview(bytearray(6))[1:4]):
    c.send(b'abcdefgh')
    n = s.recv_into(buf)
    try:
        rest = s.recv(100)
    except BlockingIOError:
        rest = b''
    print(n, bytes(buf), rest)
c.send(b'xyz')
buf = bytearray(10)
print(s.recv_into(buf, 2), buf, s.recvfrom_into(buf)[0], buf)
for bad in (b'xx', memoryview(b'xx'), 'str', 5):
    try: s.recv_into(bad)
    except TypeError as e: print(e)
    try: s.recvfrom_into(bad)
    except TypeError as e: print(e)

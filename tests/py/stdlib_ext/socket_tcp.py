# socket: a TCP echo on 127.0.0.1 within one thread (listen, connect, accept, sendall, recv,
# shutdown), names, options, timeouts and non-blocking errors.
import socket, errno

srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
print(srv.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR) != 0)
srv.bind(('127.0.0.1', 0))
srv.listen()
host, port = srv.getsockname()
print(host, 0 < port < 65536, srv.family, srv.type, srv.proto)
print(srv.family is socket.AF_INET, repr(srv.type))

cli = socket.create_connection((host, port), timeout=5)
conn, addr = srv.accept()
print(addr[0], addr[1] == cli.getsockname()[1], conn.getpeername() == cli.getsockname())
print(cli.gettimeout(), conn.gettimeout(), conn.getblocking())

cli.sendall(b'hello ' * 1000)
got = b''
while len(got) < 6000:
    got += conn.recv(4096)
conn.sendall(got.upper())
back = b''
while len(back) < 6000:
    back += cli.recv(65536)
print(len(back), back[:12])

conn.settimeout(0.05)
try:
    conn.recv(10)
except socket.timeout as e:
    print('timeout', type(e).__name__, e)
conn.setblocking(False)
print(conn.gettimeout(), conn.getblocking())
try:
    conn.recv(10)
except BlockingIOError as e:
    print('BlockingIOError', e.errno == errno.EAGAIN)

buf = bytearray(8)
cli.send(b'abc')
conn.setblocking(True)
n = conn.recv_into(buf)
print(n, buf)

cli.shutdown(socket.SHUT_WR)
print(conn.recv(10))
for s in (cli, conn, srv):
    s.close()
print(srv.fileno(), repr(srv)[:30])
try:
    srv.getsockname()
except OSError as e:
    print('OSError', e.errno == errno.EBADF)

with socket.socket() as s:
    try:
        s.connect(('127.0.0.1', port))
    except ConnectionRefusedError as e:
        print('refused', e.errno == errno.ECONNREFUSED)
for bad in [lambda: socket.socket().bind(('127.0.0.1', 70000)), lambda: socket.socket().bind('x')]:
    try:
        bad()
    except (OverflowError, TypeError) as e:
        print(type(e).__name__, e)

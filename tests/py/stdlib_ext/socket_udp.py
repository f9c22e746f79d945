# socket: UDP on loopback (sendto/recvfrom), socketpair, and the module helpers (inet_*, byte
# order, getaddrinfo for localhost, constants, exception classes).
import socket

a = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
b = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
a.bind(('127.0.0.1', 0))
b.bind(('127.0.0.1', 0))
b.sendto(b'ping', a.getsockname())
data, addr = a.recvfrom(100)
print(data, addr == b.getsockname())
a.sendto(b'pong', addr)
print(b.recv(100))
a.close(); b.close()

x, y = socket.socketpair()
print(x.family == socket.AF_UNIX, x.type == socket.SOCK_STREAM)
x.sendall(b'over the pair')
print(y.recv(100))
y.send(b'back')
print(x.recv(2), x.recv(2))
x.close(); y.close()

print(socket.inet_aton('127.0.0.1'), socket.inet_ntoa(b'\x0a\x00\x00\x01'))
print(socket.inet_pton(socket.AF_INET6, '::1'), socket.inet_ntop(socket.AF_INET6, b'\x00' * 15 + b'\x01'))
print(socket.htons(1), socket.ntohs(256), socket.htonl(1), socket.ntohl(16777216))
print(socket.gethostbyname('localhost'), socket.gethostbyname('127.0.0.1'))
infos = socket.getaddrinfo('127.0.0.1', 80, socket.AF_INET, socket.SOCK_STREAM)
print([(f, t, sa) for f, t, p, c, sa in infos])
print(isinstance(socket.gethostname(), str))
print(socket.timeout is TimeoutError, socket.error is OSError, issubclass(socket.gaierror, OSError))
print(socket.AF_INET, socket.SOCK_DGRAM, socket.SOL_SOCKET, socket.SHUT_RDWR, socket.IPPROTO_TCP)
print(socket.getdefaulttimeout())
socket.setdefaulttimeout(2.5)
s = socket.socket()
print(s.gettimeout())
s.close()
socket.setdefaulttimeout(None)
try:
    socket.inet_aton('not an ip')
except OSError as e:
    print('OSError', e)
try:
    socket.getaddrinfo('no-such-host.invalid', 80)
except socket.gaierror as e:
    print('gaierror', type(e).__name__)

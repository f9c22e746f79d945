# The netdb look-ups of the socket module: host names and addresses (of the local host only, so
# that the test needs no network), name info, services, protocols and interfaces, with CPython's
# errors for bad arguments.
import socket

print(socket.gethostbyname_ex("localhost")[0], "127.0.0.1" in socket.gethostbyname_ex("localhost")[2])
print(socket.gethostbyname_ex("127.0.0.1"))
name, aliases, addresses = socket.gethostbyaddr("127.0.0.1")
print(type(name).__name__, type(aliases).__name__, addresses)
print(socket.getnameinfo(("127.0.0.1", 80), socket.NI_NUMERICHOST | socket.NI_NUMERICSERV))
print(socket.getnameinfo(("127.0.0.1", 80), socket.NI_NUMERICHOST))
print(socket.getprotobyname("tcp"), socket.getprotobyname("udp"))
print(socket.getservbyname("http"), socket.getservbyname("http", "tcp"), socket.getservbyname("domain", "udp"))
print(socket.getservbyport(80), socket.getservbyport(53, "udp"), socket.getservbyport(22, "tcp"))
index = socket.if_nametoindex("lo")
print(socket.if_indextoname(index), (index, "lo") in socket.if_nameindex())
print(socket.getfqdn("127.0.0.1") == socket.gethostbyaddr("127.0.0.1")[0])

cases = [
    (socket.getprotobyname, ("no-such-protocol",)),
    (socket.getservbyname, ("no-such-service",)),
    (socket.getservbyname, ("http", "no-such-protocol")),
    (socket.getservbyport, (70000,)),
    (socket.getservbyport, (-1,)),
    (socket.getservbyport, (1, "no-such-protocol")),
    (socket.getservbyport, ("80",)),
    (socket.if_nametoindex, ("no-such-interface",)),
    (socket.if_indextoname, (99999,)),
    (socket.if_indextoname, ("lo",)),
    (socket.getnameinfo, ([1], 0)),
    (socket.getnameinfo, (("127.0.0.1",), 0)),
    (socket.getnameinfo, (("127.0.0.1", 80, 0), 0)),
    (socket.getnameinfo, (("::1", 80, 0x100000, 0), 0)),
    (socket.gethostbyaddr, (1,)),
    (socket.gethostbyname_ex, (None,)),
]
for f, args in cases:
    try:
        print(f.__name__, f(*args))
    except Exception as e:
        print(f.__name__, type(e).__name__, e)

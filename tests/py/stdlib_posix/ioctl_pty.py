# fcntl.ioctl on a pseudo-terminal: window sizes through immutable, mutable and large buffers,
# and request codes given signed or unsigned.
import array
import fcntl
import os
import struct
import termios

m, s = os.openpty()
fcntl.ioctl(s, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
print(struct.unpack("HHHH", fcntl.ioctl(s, termios.TIOCGWINSZ, b"\0" * 8)))
print(struct.unpack("HHHH", fcntl.ioctl(s, termios.TIOCGWINSZ, "\0" * 8)))
buf = bytearray(8)
print(fcntl.ioctl(s, termios.TIOCGWINSZ, buf), struct.unpack("HHHH", buf))
buf = bytearray(8)
print(struct.unpack("HHHH", fcntl.ioctl(s, termios.TIOCGWINSZ, buf, False)), bytes(buf))
big = array.array("H", [0] * 1024)
print(fcntl.ioctl(s, termios.TIOCGWINSZ, big), big[:4].tolist(), big[4:].count(0))
# A request code with the high bit set, as an unsigned and as a signed int.
code = termios.TIOCSWINSZ | 0x80000000
for c in (code, code - 2**32):
    try:
        fcntl.ioctl(s, c, struct.pack("HHHH", 1, 2, 0, 0))
    except OSError as e:
        print(type(e).__name__, e.errno)
print(termios.tcgetwinsize(s))
pgrp = array.array("i", [0])
try:
    fcntl.ioctl(m, termios.TIOCGPGRP, pgrp)
    print("pgrp", type(pgrp[0]).__name__)
except OSError as e:
    print(type(e).__name__, e.errno)
os.close(m)
os.close(s)

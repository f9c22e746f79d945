# The names and values of fcntl's constants, and its functions.
import fcntl

print(sorted(n for n in dir(fcntl) if not n.startswith("__")))
for n in sorted(dir(fcntl)):
    if n.isupper():
        print(n, getattr(fcntl, n))
print(type(fcntl.fcntl).__name__, fcntl.fcntl.__name__, fcntl.ioctl.__module__)
print(fcntl.__doc__.splitlines()[0])

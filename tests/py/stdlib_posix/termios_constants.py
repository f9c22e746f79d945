# The names and values of termios's constants.
import termios

print(sorted(n for n in dir(termios) if not n.startswith("__") and not n.isupper()))
for n in sorted(dir(termios)):
    if n.isupper():
        print(n, getattr(termios, n))
print(termios.__doc__.splitlines()[0])

# pwd: struct_passwd entries, round trips between getpwuid, getpwnam and getpwall, errors, and the
# standard-library functions built on it.
import getpass
import os
import pathlib
import pwd


def t(f, *a):
    try:
        r = f(*a)
        print(type(r).__name__, len(r))
    except Exception as e:
        print(type(e).__name__, e)


p = pwd.getpwuid(0)
print(type(p).__name__, len(p), p.n_fields, p.n_sequence_fields, [type(x).__name__ for x in p])
print(p.pw_uid == p[2] == 0, pwd.getpwnam(p.pw_name) == p)
print(repr(p).startswith("pwd.struct_passwd(pw_name="), pwd.struct_passwd.__module__)
print(pwd.struct_passwd.__doc__.splitlines()[0])
print(sorted(n for n in dir(pwd) if not n.startswith("__")))
entries = pwd.getpwall()
print(type(entries).__name__, len(entries) > 0, all(type(e) is pwd.struct_passwd for e in entries))
print(all(pwd.getpwnam(e.pw_name).pw_name == e.pw_name for e in entries))
print(all(pwd.getpwuid(e.pw_uid).pw_uid == e.pw_uid for e in entries))
for v in (2**31 - 7, 2**32 - 1, 2**32, 2**63, -1, -2, -2**70, 1.0, "0"):
    t(pwd.getpwuid, v)
t(pwd.getpwnam, "nosuchuserxx")
t(pwd.getpwnam, "a\0b")
t(pwd.getpwnam, b"root")
t(pwd.getpwnam)
t(pwd.getpwall, 1)
t(pwd.getpwuid)
t(lambda: pwd.getpwuid(uid=0))
t(lambda: pwd.getpwnam(name="root"))

me = pwd.getpwuid(os.getuid())
os.environ.pop("LOGNAME", None)
os.environ.pop("USER", None)
os.environ.pop("LNAME", None)
os.environ.pop("USERNAME", None)
print(getpass.getuser() == me.pw_name)
print(pathlib.Path(__file__).owner() == pwd.getpwuid(os.stat(__file__).st_uid).pw_name)
home = os.environ.pop("HOME", None)
print(os.path.expanduser("~") == me.pw_dir)
print(os.path.expanduser("~" + p.pw_name) == p.pw_dir)

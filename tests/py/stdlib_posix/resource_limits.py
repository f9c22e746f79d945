# resource: getrlimit/setrlimit/prlimit round trips and errors, getrusage, constants.
import resource


def t(f, *a):
    try:
        r = f(*a)
        print(type(r).__name__, r if r is None or type(r) is int and r < 100 else "")
    except Exception as e:
        print(type(e).__name__, e)


print(sorted(n for n in dir(resource) if not n.startswith("__")))
for n in sorted(dir(resource)):
    if n.isupper():
        print(n, getattr(resource, n))
print(resource.error is OSError)
soft, hard = resource.getrlimit(resource.RLIMIT_CORE)
print(type(soft), type(hard), resource.getrlimit(resource.RLIMIT_CORE) == (soft, hard))
t(resource.getrlimit, -1)
t(resource.getrlimit, 99)
t(resource.getrlimit, 1.0)
t(resource.getrlimit, 2**40)
t(resource.getrlimit)
t(resource.getrlimit, 1, 2)
t(lambda: resource.getrlimit(resource=1))
t(resource.setrlimit, resource.RLIMIT_CORE, (soft, hard))
t(resource.setrlimit, resource.RLIMIT_CORE, [soft, hard])
print(resource.getrlimit(resource.RLIMIT_CORE) == (soft, hard))
t(resource.setrlimit, resource.RLIMIT_CORE, (soft,))
t(resource.setrlimit, resource.RLIMIT_CORE, (1, 2, 3))
t(resource.setrlimit, resource.RLIMIT_CORE, 5)
t(resource.setrlimit, resource.RLIMIT_CORE, (1.5, 2))
t(resource.setrlimit, resource.RLIMIT_CORE, ("a", 2))
t(resource.setrlimit, resource.RLIMIT_CORE, (2**70, 2))
t(resource.setrlimit, -1, (1, 2))
t(resource.setrlimit, 99, (1, 2))
t(resource.setrlimit, resource.RLIMIT_CORE)
if hard != resource.RLIM_INFINITY:
    t(resource.setrlimit, resource.RLIMIT_CORE, (hard, hard + 1))
else:
    print("ValueError not allowed to raise maximum limit")
t(resource.setrlimit, resource.RLIMIT_CORE, (1, 0))
# Lower the soft limit and restore it.
t(resource.setrlimit, resource.RLIMIT_CORE, (0, hard))
print(resource.getrlimit(resource.RLIMIT_CORE) == (0, hard))
t(resource.setrlimit, resource.RLIMIT_CORE, (soft, hard))
print(resource.prlimit(0, resource.RLIMIT_CORE) == (soft, hard))
print(resource.prlimit(0, resource.RLIMIT_CORE, (soft, hard)) == (soft, hard))
t(resource.prlimit, 0, 99)
t(resource.prlimit, 0, -1)
t(resource.prlimit, 0, resource.RLIMIT_CORE, (1,))
t(resource.prlimit, 0, resource.RLIMIT_CORE, None)
t(resource.prlimit, 0, resource.RLIMIT_CORE, (1, 0))
t(resource.prlimit, 0)
t(resource.prlimit, 0, 1, (1, 2), 4)
t(lambda: resource.prlimit(pid=0, resource=1))

r = resource.getrusage(resource.RUSAGE_SELF)
print(type(r).__name__, len(r), r.n_fields, r.n_sequence_fields)
print([type(x).__name__ for x in r])
print(r.ru_utime == r[0], r.ru_nivcsw == r[15], r.ru_maxrss > 0)
print(repr(r).startswith("resource.struct_rusage(ru_utime="))
print(type(resource.getrusage(resource.RUSAGE_CHILDREN)).__name__)
print(type(resource.getrusage(resource.RUSAGE_THREAD)).__name__)
t(resource.getrusage, 99)
t(resource.getrusage, 1.0)
t(resource.getrusage)
t(lambda: resource.getrusage(who=0))
print(resource.struct_rusage, resource.struct_rusage.__doc__.splitlines()[0])
print(resource.getpagesize() > 0, resource.getpagesize() % 1024)
t(resource.getpagesize, 1)

# grp: struct_group entries, round trips between getgrgid, getgrnam and getgrall, and errors.
import grp


def t(f, *a):
    try:
        r = f(*a)
        print(type(r).__name__, len(r))
    except Exception as e:
        print(type(e).__name__, e)


g = grp.getgrgid(0)
print(type(g).__name__, len(g), g.n_fields, g.n_sequence_fields, g.n_unnamed_fields)
print(type(g.gr_name), type(g.gr_passwd), type(g.gr_gid), type(g.gr_mem))
print(g[0] == g.gr_name, g[2] == g.gr_gid == 0, g[3] == g.gr_mem)
print(grp.getgrnam(g.gr_name) == g)
print(repr(g).startswith("grp.struct_group(gr_name="))
print(grp.struct_group, grp.struct_group.__module__)
print(grp.struct_group.__doc__.splitlines()[0])
all_groups = grp.getgrall()
print(type(all_groups).__name__, len(all_groups) > 0, all(type(e) is grp.struct_group for e in all_groups))
print(all(grp.getgrgid(e.gr_gid).gr_gid == e.gr_gid for e in all_groups))
print(all(grp.getgrnam(e.gr_name).gr_name == e.gr_name for e in all_groups))
print(all(all(type(m) is str for m in e.gr_mem) for e in all_groups))
s = grp.struct_group(("a", "x", 5, ["b"]))
print(s, s.gr_mem)

t(grp.getgrgid, 2**31 - 7)
for v in (2**32 - 1, 2**32, 2**40, 2**63, 2**70, -1, -2, -2**40, -2**70):
    t(grp.getgrgid, v)
t(grp.getgrgid, 1.0)
t(grp.getgrgid, "0")
t(grp.getgrgid, True)


class I:
    def __index__(self):
        return 0


t(grp.getgrgid, I())
t(grp.getgrnam, "nosuchgroupxx")
t(grp.getgrnam, "a\0b")
t(grp.getgrnam, b"root")
t(grp.getgrnam, "\udcff")
t(grp.getgrnam)
t(grp.getgrall, 1)
t(lambda: grp.getgrgid(id=0))
t(lambda: grp.getgrgid(gid=0))
t(lambda: grp.getgrnam(name=g.gr_name))

# os.getgroups, getgrouplist, setgroups and initgroups: types, round trips with grp and pwd, and
# argument errors.
import grp
import os
import pwd

groups = os.getgroups()
print(type(groups).__name__, all(type(g) is int for g in groups))
me = pwd.getpwuid(os.getuid())
listed = os.getgrouplist(me.pw_name, me.pw_gid)
print(me.pw_gid in listed, all(type(g) is int for g in listed))
print(all(type(grp.getgrgid(g)) is grp.struct_group for g in listed))
print(os.getgrouplist("nosuchuserx", 5))
for f, a in [(os.getgroups, (1,)), (os.getgrouplist, ("root",)), (os.getgrouplist, (b"root", 0)),
             (os.getgrouplist, ("root", "x")), (os.getgrouplist, ("root", 2**70)),
             (os.getgrouplist, ("a\0b", 0)), (os.setgroups, (5,)), (os.setgroups, ([1.0],)),
             (os.setgroups, ({0: 1},)), (os.setgroups, (list(range(100000)),)),
             (os.initgroups, (1, 0)), (os.initgroups, ("root", 1.0))]:
    try:
        print(f(*a))
    except Exception as e:
        print(type(e).__name__, e)
try:
    os.setgroups(os.getgroups())
    print("same groups", sorted(os.getgroups()) == sorted(groups))
except PermissionError as e:
    print("same groups", True)

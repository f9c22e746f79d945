# __class__ assignment needs the same layout: the same base below the classes that added
# slots, the same slots, __dict__ and weak-reference support.
import types


def tryset(x, cls):
    try:
        x.__class__ = cls
        return "ok"
    except TypeError:
        return "TypeError"


class G:
    __slots__ = ["a", "b"]


class H:
    __slots__ = ["b", "a"]


class I:
    __slots__ = ["a", "b"]


class J:
    __slots__ = ["c", "b"]


class L(H):
    __slots__ = ["e"]


class M(I):
    __slots__ = ["e"]


class N(J):
    __slots__ = ["__weakref__"]


class P(J):
    __slots__ = ["__dict__"]


class K(J):
    __slots__ = ["__dict__"]


class R(J):
    __slots__ = ["__dict__", "__weakref__"]


print(tryset(G(), H), tryset(H(), I), tryset(L(), M), tryset(J(), N), tryset(N(), P))
print(tryset(K(), P), tryset(P(), R))


class SubMod(types.ModuleType):
    pass


m = types.ModuleType("m")
print(tryset(m, SubMod), type(m).__name__)
print(tryset(m, types.ModuleType), type(m).__name__)

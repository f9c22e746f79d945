# Names ending in two underscores are never mangled inside a class body, "___" included.
___ = "module-level"


class C:
    def f(self):
        return ___

    def g(self):
        __x = 1
        return locals()

    _ = ___


print(C().f(), C._, sorted(C().g()))


class D:
    ___ = 1
    __y__ = 2
    __z = 3


print(sorted(k for k in vars(D) if not k.startswith("__") or k in ("___", "__y__")))

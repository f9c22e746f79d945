# A __builtins__ (or globals for LOAD_GLOBAL) that is a dict subclass is read through its
# __getitem__, so __missing__ and a raising __getitem__ are seen; exact dicts as before.


def attempt(label, src, g):
    try:
        exec(compile(src, "test", "exec"), g)
        print(label, "ok")
    except Exception as e:
        print(label, type(e).__name__, e)


class SetOnlyError(Exception):
    pass


class SetOnly(dict):
    def __getitem__(self, key):
        raise SetOnlyError(key)


class Missing(dict):
    def __missing__(self, key):
        return "missing:" + key


class Plain(dict):
    pass


attempt("globals getitem", "globalname", SetOnly({'globalname': 1}))
attempt("builtins getitem", "superglobal", {'__builtins__': SetOnly({'superglobal': 1})})
attempt("plain subclass", "print(superglobal)", {'__builtins__': Plain({'superglobal': 1, 'print': print})})
attempt("plain subclass missing", "superglobal", {'__builtins__': Plain()})
attempt("empty dict", "print('x')", {'__builtins__': {}})
attempt("__missing__ (LOAD_NAME)", "print(superglobal)", {'__builtins__': Missing(print=print)})
attempt("__missing__ (LOAD_GLOBAL)", "def f(): return superglobal\nprint(f())",
        {'__builtins__': Missing(print=print)})
attempt("class without __build_class__", "class A: pass", {'__builtins__': Plain()})
attempt("class with __missing__", "class A: pass", {'__builtins__': Missing()})
attempt("class with SetOnly", "class A: pass", {'__builtins__': SetOnly()})


class Counting(dict):
    hits = 0

    def __getitem__(self, key):
        Counting.hits += 1
        return dict.__getitem__(self, key)


g = Counting({'x': 5, '__builtins__': {'print': print, 'range': range}})
exec("def f():\n    t = 0\n    for i in range(3):\n        t += x\n    return t\nprint(f())", g)
print(Counting.hits)

# warnings: catch_warnings (record=True, nested, restoring filters and showwarning),
# stacklevel, warn_explicit (registry, module, module_globals, errors), formatwarning,
# showwarning replaced, the WarningMessage record, and _filters_mutated resetting registries.
import sys
sys.stderr = sys.stdout
import warnings

with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("always")
    warnings.warn("one")
    warnings.warn("two", DeprecationWarning)
    warnings.warn(RuntimeWarning("three"))
for w in log:
    print(w.category.__name__, w.message, type(w.message).__name__, w.filename == __file__,
          w.lineno, w.line, w.file, w.source)
print(str(log[0]).replace(__file__, "FILE"))
print(warnings.filters[:2], len(warnings.filters))

saved = list(warnings.filters)
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    warnings.warn("silenced")
    with warnings.catch_warnings(record=True) as inner:
        warnings.simplefilter("always")
        warnings.warn("inner")
    print([str(w.message) for w in inner])
print(warnings.filters == saved)

def lib(level):
    warnings.warn("from lib", UserWarning, stacklevel=level)
def caller(level):
    lib(level)
with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("always")
    for level in [0, 1, 2, 3, 4, 50, -1]:
        caller(level)
for w in log:
    print(w.lineno, w.filename == __file__, w.filename.endswith("warnings.py"), w.filename)

calls = []
def my_show(message, category, filename, lineno, file=None, line=None):
    calls.append((str(message), category.__name__, filename, lineno, file, line))
old = warnings.showwarning
warnings.showwarning = my_show
warnings.simplefilter("always")
warnings.warn("custom shown")
warnings.warn_explicit("explicit", UserWarning, "somefile.py", 12)
warnings.showwarning = old
for c in calls:
    print(c[0], c[1], c[2] == __file__ or c[2], c[3], c[4], c[5])

print(repr(warnings.formatwarning("msg", UserWarning, "f.py", 3)))
print(repr(warnings.formatwarning("msg", DeprecationWarning, "f.py", 3, line="  code()  ")))
print(repr(warnings.formatwarning(UserWarning("inst"), UserWarning, "f.py", 3, line="")))
old_format = warnings.formatwarning
warnings.formatwarning = lambda m, c, f, l, line=None: f"[{c.__name__}] {m} @{l}\n"
warnings.warn("formatted")
warnings.formatwarning = old_format

warnings.resetwarnings()
reg = {}
for i in range(2):
    warnings.warn_explicit("expl", UserWarning, "mod.py", 5, registry=reg)
print(sorted((k, v) for k, v in reg.items() if k != "version"))
warnings.warn_explicit("expl", UserWarning, "mod.py", 6, module="custom", registry=reg)
warnings.warn_explicit("no registry", RuntimeWarning, "x.py", 1)
warnings.warn_explicit(UserWarning("inst msg"), None, "x.py", 2)
warnings.warn_explicit("module None", UserWarning, "x.py", 3, module=None)
warnings.warn_explicit("with globals", UserWarning, "fake.py", 2,
                       module_globals={"__name__": "fake"})
for bad in [lambda: warnings.warn_explicit("m", UserWarning, 3, 1),
            lambda: warnings.warn_explicit("m", UserWarning, "f.py", "x"),
            lambda: warnings.warn_explicit("m", UserWarning, "f.py", 1, registry=[]),
            lambda: warnings.warn_explicit("m", UserWarning, "f.py", 1, module_globals=3),
            lambda: warnings.warn_explicit("m", UserWarning)]:
    try:
        bad()
    except TypeError as e:
        print("TypeError", e)

# Changing the filters resets what registries remember.
warnings.resetwarnings()
def again():
    warnings.warn("again")
again(); again()
warnings.simplefilter("default")
again()
warnings.filterwarnings("ignore", "nothing")
again()

with warnings.catch_warnings(record=True, action="ignore") if sys.version_info >= (3, 12) else warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("error")
    try:
        warnings.warn("in catch")
    except UserWarning as e:
        print("error inside catch_warnings", e)
print(len(log))
import _warnings
print(sorted(n for n in dir(_warnings) if not n.startswith("__")))
print(warnings.warn is _warnings.warn, warnings.filters is _warnings.filters)
print("done")

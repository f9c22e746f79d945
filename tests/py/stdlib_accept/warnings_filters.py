# warnings: warn() with categories and Warning instances, the filter actions (ignore, error,
# always, once, default, module), the default filters, registries, filterwarnings with message
# and module patterns, simplefilter, resetwarnings, and category errors. Output goes to stderr,
# which is redirected to stdout so the order is deterministic.
import sys
sys.stderr = sys.stdout
import warnings

print(warnings.filters[:5])
print(warnings.defaultaction, warnings.onceregistry)

def emit(msg="hello", cat=UserWarning):
    warnings.warn(msg, cat)

emit()
emit()  # same line: shown once by the "default" action
for i in range(3):
    warnings.warn("loop", RuntimeWarning)
warnings.warn(DeprecationWarning("dep from __main__"))
warnings.warn("pending", PendingDeprecationWarning)  # ignored by default
warnings.warn("import", ImportWarning)
warnings.warn("res", ResourceWarning)
warnings.warn("bytes", BytesWarning)
warnings.warn("future", FutureWarning)
warnings.warn("syntax", SyntaxWarning)
warnings.warn("unicode", UnicodeWarning)
warnings.warn(Warning("plain"))
class MyWarning(UserWarning):
    pass
warnings.warn("mine", MyWarning)
warnings.warn(MyWarning("mine", "extra"))
reg = {k: v for k, v in __warningregistry__.items() if k != "version"}
print(len(reg), sorted((k[0], k[1].__name__) for k in reg))

warnings.simplefilter("error")
for cat in [UserWarning, DeprecationWarning, MyWarning]:
    try:
        warnings.warn("boom", cat)
    except Warning as e:
        print("raised", type(e).__name__, e.args)
try:
    warnings.warn(MyWarning("inst", 2))
except MyWarning as e:
    print("raised instance", e.args)

warnings.resetwarnings()
print(warnings.filters)
warnings.simplefilter("always")
for i in range(2):
    emit("always")
warnings.simplefilter("ignore", UserWarning)
emit("ignored")
warnings.warn("not a user warning", RuntimeWarning)

warnings.resetwarnings()
warnings.simplefilter("once")
for i in range(2):
    warnings.warn("once-a")
    warnings.warn("once-b")
emit("once-a")  # another line, same text: still once
print(sorted((k[0], k[1].__name__) for k in warnings.onceregistry))

warnings.resetwarnings()
warnings.simplefilter("module")
for i in range(2):
    emit("mod-1")
    warnings.warn("mod-1")
warnings.resetwarnings()

warnings.filterwarnings("error", message="bad.*", category=UserWarning)
warnings.filterwarnings("ignore", message="quiet")
warnings.filterwarnings("always", module="__main__", lineno=0)
for text in ["bad thing", "quiet please", "Bad case", "fine"]:
    try:
        warnings.warn(text)
        print("passed", text)
    except UserWarning as e:
        print("error", e)
warnings.resetwarnings()
warnings.filterwarnings("error", module="other")
warnings.warn("module pattern does not match", UserWarning)
warnings.resetwarnings()
warnings.filterwarnings("ignore", lineno=10**6)
warnings.filterwarnings("error", append=True)
try:
    warnings.warn("appended error")
except UserWarning as e:
    print("appended", e)
print([f[0] for f in warnings.filters])
warnings.resetwarnings()

for bad in [lambda: warnings.warn("x", 5), lambda: warnings.warn("x", str),
            lambda: warnings.warn("x", int), lambda: warnings.simplefilter("bogus"),
            lambda: warnings.filterwarnings("error", message=3),
            lambda: warnings.warn(), lambda: warnings.warn("x", UserWarning, "1")]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
warnings.filters.insert(0, ("nonsense", None, Warning, None, 0))
try:
    warnings.warn("unknown action")
except RuntimeError as e:
    print("RuntimeError", str(e).splitlines()[0])
warnings.resetwarnings()
warnings.warn("non-str message", UserWarning)
warnings.warn(42)
warnings.warn(("tuple", 1), UserWarning)
warnings.warn("None category", None)
print("done")

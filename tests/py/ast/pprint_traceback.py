# pprint (which imports dataclasses) and traceback's formatting of exceptions and stacks.
import pprint
import traceback

data = {"numbers": list(range(25)), "nested": {"b": [("x", 1), ("y", 2)], "a": "z" * 60},
        "set": {3, 1, 2}}
pprint.pprint(data)
pprint.pprint(data, width=40, depth=2)
print(pprint.pformat([1, [2, [3, [4]]]], depth=2), pprint.isreadable(data), pprint.saferepr([1, 2]))


def inner():
    return {}["missing"]


def outer():
    return inner()


try:
    outer()
except KeyError:
    text = traceback.format_exc()
    print("\n".join(line for line in text.splitlines() if "File" not in line))
    exc = traceback.TracebackException.from_exception(__import__("sys").exc_info()[1])
    print([f.name for f in exc.stack])
print("".join(traceback.format_exception_only(ValueError, ValueError("bad"))), end="")
print([f.name for f in traceback.extract_stack()][-1:])

# NotImplemented in a boolean context is still true in 3.11, with a DeprecationWarning.
import warnings

with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    print(bool(NotImplemented), not NotImplemented)
    if NotImplemented:
        print("truthy")
    print(NotImplemented or 5)
print([(x.category.__name__, str(x.message), x.lineno) for x in w])
with warnings.catch_warnings():
    warnings.simplefilter("error")
    try:
        bool(NotImplemented)
    except DeprecationWarning as e:
        print("DeprecationWarning", e)
print(NotImplemented.__bool__(), NotImplemented.__bool__.__doc__)

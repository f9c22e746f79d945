import sys
try:
    import _bad.raises
except ValueError as e:
    print("first", e)
print("_bad.raises" in sys.modules)
try:
    import _bad.raises
except ValueError as e:
    print("second", e)

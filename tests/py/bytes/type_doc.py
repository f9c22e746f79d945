# bytes and bytearray carry CPython's class docstrings.
print(bytes.__doc__)
print(bytearray.__doc__)

import sys
print(type(sys).__name__, sys.__name__, repr(sys), "sys" in sys.modules, sys.version_info[:2], sys.version_info.major, sys.implementation.name == "pystm" or sys.implementation.name == "cpython")

import _helper_mod
print(_helper_mod.__name__, _helper_mod.__file__.endswith("_helper_mod.py"), type(_helper_mod).__name__, "greet" in dir(_helper_mod))
print(repr(_helper_mod).startswith("<module '_helper_mod' from "))

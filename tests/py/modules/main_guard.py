import _helper_mod
print(__name__, _helper_mod.MAIN_CHECK)

import _helper_mod
from _helper_mod import greet, VALUE as V
print(_helper_mod.VALUE, greet("x"), V, _helper_mod.__name__)

from _helper_mod import *
print(VALUE, greet("y"))
import _pkg.sub as renamed
print(renamed.func())

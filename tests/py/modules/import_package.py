import _pkg.sub
from _pkg import sub as s2
from _pkg.sub import func
print(_pkg.sub.func(), s2 is _pkg.sub, func(), _pkg.PKG_NAME)

from .. import VALUE as _V
DOUBLE = 2 * _V

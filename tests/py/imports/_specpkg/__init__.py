VALUE = 42
from . import sub

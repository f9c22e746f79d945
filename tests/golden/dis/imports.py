import os
import os.path
import a.b.c as d
from . import sibling
from ..pkg import name as alias, other
from collections import *
def f():
    import json
    from sys import argv
    return json, argv

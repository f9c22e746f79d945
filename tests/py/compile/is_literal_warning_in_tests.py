# The '"is" with a literal' SyntaxWarning is issued once per compilation of the comparison when
# it is the test of an if, an assert or a while (whose test CPython 3.11 compiles twice).
import warnings

for src in ("if x is 1: pass", "assert x is 1", "while x is 1: pass", "y = x is 1",
            "assert x is 1 is y", "if 1 is None: pass", "if x is not 'a': pass",
            "if x is None: pass", "assert (x is 1) or y"):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        compile(src, "<w>", "exec")
    print(src, [str(x.message) for x in w])

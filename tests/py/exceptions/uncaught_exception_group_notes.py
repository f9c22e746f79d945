# Notes on a group and on its members (multi-line ones too) and a BaseExceptionGroup with a
# non-Exception member, raised with a cause that is itself a group.
inner = ValueError("v")
inner.add_note("note on member")
inner.add_note("two\nlines")
cause = ExceptionGroup("the cause", [TypeError("t")])
g = BaseExceptionGroup("base", [inner, KeyboardInterrupt()])
g.add_note("note on group")
try:
    raise g from cause
except BaseExceptionGroup as e:
    print(type(e).__name__, len(e.exceptions))
    raise

# An uncaught exception group containing a nested group, raised from a function: the nested
# box layout, the "Exception Group Traceback" headers and the member tracebacks.
def fail(exc):
    raise exc


def collect():
    errors = []
    for e in (ValueError("bad value"), KeyError("k")):
        try:
            fail(e)
        except Exception as caught:
            errors.append(caught)
    inner = []
    try:
        raise OSError(2, "inner os error")
    except OSError as caught:
        inner.append(caught)
    inner.append(ZeroDivisionError("zero"))
    try:
        raise ExceptionGroup("inner", inner)
    except ExceptionGroup as g:
        errors.append(g)
    raise ExceptionGroup("outer", errors)


print("before")
collect()

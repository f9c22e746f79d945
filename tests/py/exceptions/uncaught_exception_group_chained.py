# A group whose members have causes and contexts, itself raised while handling another
# exception: the chain separators are printed inside the boxes with the "| " margin.
def member(n):
    try:
        raise KeyError(n)
    except KeyError as k:
        raise ValueError(f"member {n}") from k


def context_member():
    try:
        1 / 0
    except ZeroDivisionError:
        raise TypeError("while handling")


errors = []
for f in (lambda: member(1), context_member):
    try:
        f()
    except Exception as e:
        errors.append(e)
try:
    raise RuntimeError("first")
except RuntimeError:
    raise ExceptionGroup("chained", errors)

eg = ExceptionGroup("many", [ValueError(1), TypeError(2), ValueError(3)])
print(repr(eg), str(eg), len(eg.exceptions))
match, rest = eg.split(ValueError)
print(match.exceptions, rest.exceptions)
print(eg.subgroup(TypeError).exceptions)
try:
    raise eg
except* ValueError as g:
    print("values", g.exceptions)
except* TypeError as g:
    print("types", g.exceptions)

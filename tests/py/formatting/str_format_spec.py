for spec in ("", "10", "<10", ">10", "^10", "*^11", ".2", "10.3"):
    print(repr(format("hello", spec)))
try:
    format("x", "d")
except ValueError as e:
    print(e)

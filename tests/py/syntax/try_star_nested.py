try:
    raise ExceptionGroup("eg", [ValueError("a"), KeyError("b")])
except* ValueError as e:
    print("V", [str(x) for x in e.exceptions])
except* KeyError as e:
    print("K", [repr(x) for x in e.exceptions])

try:
    try:
        {}["missing"]
    except KeyError as e:
        raise ValueError("converted") from e
except ValueError as e:
    print(e, repr(e.__cause__), e.__suppress_context__)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("ctx") from None
except ValueError as e:
    print(e.__cause__, e.__suppress_context__, type(e.__context__).__name__)

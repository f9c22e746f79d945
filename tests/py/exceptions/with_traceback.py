try:
    raise ValueError("tb")
except ValueError as e:
    tb = e.__traceback__
    print(tb.tb_lineno, tb.tb_frame.f_code.co_name)
    e2 = RuntimeError("x").with_traceback(tb)
    print(e2.__traceback__ is tb)

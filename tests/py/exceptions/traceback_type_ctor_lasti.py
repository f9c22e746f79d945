import sys, types
def get_tb():
    try: raise OSError()
    except OSError as e: return e.__traceback__
other_tb = get_tb()
frame = sys._getframe()
tb = types.TracebackType(other_tb, frame, 1, 2)
print(tb.tb_next is other_tb, tb.tb_frame is frame, tb.tb_lasti, tb.tb_lineno)
tb = types.TracebackType(None, frame, 7, 9)
print(tb.tb_next, tb.tb_lasti, tb.tb_lineno)
for args in [("no", frame, 1, 2), (other_tb, "no", 1, 2), (other_tb, frame, "no", 2), (other_tb, frame, 1, "nuh-uh")]:
    try: types.TracebackType(*args)
    except TypeError as e: print("TypeError", e)

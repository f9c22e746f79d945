# Misuse of threading.Thread: start twice, join before start, join self, daemon after start,
# bad arguments.
import threading


def attempt(label, fn):
    try:
        fn()
    except Exception as e:
        print(label, type(e).__name__, e)
    else:
        print(label, "ok")


t = threading.Thread(target=lambda: None)
attempt("join before start", t.join)
attempt("is_alive before start", lambda: print(t.is_alive()))
t.start()
attempt("start twice", t.start)
t.join()
attempt("start after finish", t.start)
attempt("set daemon after start", lambda: setattr(t, "daemon", True))
attempt("join again", t.join)

attempt("join current thread", threading.current_thread().join)
attempt("join main thread", threading.main_thread().join)

out = []


def join_self():
    try:
        threading.current_thread().join()
    except RuntimeError as e:
        out.append(str(e))


s = threading.Thread(target=join_self)
s.start()
s.join()
print(out)

attempt("daemon before init", lambda: threading.Thread.__new__(threading.Thread).daemon)
attempt("bad target call", lambda: threading.Thread(target=1, args=()))
attempt("args not iterable", lambda: threading.Thread(target=print, args=5).run())
attempt("unknown keyword", lambda: threading.Thread(bogus=1))
attempt("main thread daemon", lambda: setattr(threading.main_thread(), "daemon", True))

class NoInit(threading.Thread):
    def __init__(self):
        pass


attempt("subclass without Thread.__init__", lambda: NoInit().start())
attempt("repr without init", lambda: print(repr(NoInit())))

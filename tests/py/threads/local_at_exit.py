# At interpreter exit the finalizer of an object that only a module global keeps alive runs, and
# still sees the module's globals and a threading.local's attributes (bpo-19466).
import threading


class Atexit:
    def __del__(self):
        print("thread_dict.atexit = %r" % thread_dict.atexit)
        print("main thread:", threading.current_thread() is threading.main_thread())


thread_dict = threading.local()
thread_dict.atexit = "value"

atexit = Atexit()
print("end of program")

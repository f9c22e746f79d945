# A reference cycle left at exit is finalized on the main thread, which threading still reports
# as the current and only thread (bpo-31516).
import gc
import threading

main_thread = threading.current_thread()


class RefCycle:
    def __init__(self, tag):
        self.tag = tag
        self.cycle = self

    def __del__(self):
        print("GC:", self.tag,
              threading.current_thread() is main_thread,
              threading.main_thread() is main_thread,
              threading.enumerate() == [main_thread])


RefCycle("collected")
gc.collect()
x = RefCycle("at exit")
worker = threading.Thread(target=lambda: None)
worker.start()
worker.join()
print("end of program")

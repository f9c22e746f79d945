import gc


class Resource:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("finalized", self.name)


class Faulty:
    def __del__(self):
        raise ValueError("from __del__")


def make_garbage():
    r = Resource("temp")
    r.self_ref = r  # a cycle: reclaimed only by the collector
    Faulty()


make_garbage()
gc.collect()
gc.collect()
print("done")

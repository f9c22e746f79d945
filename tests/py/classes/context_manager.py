class CM:
    def __init__(self, name): self.name = name
    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()
    def __exit__(self, et, ev, tb):
        print("exit", self.name, et.__name__ if et else None)
        return self.name == "swallow"
with CM("a") as v, CM("b") as w:
    print("body", v, w)
with CM("swallow"):
    raise ValueError("hidden")
try:
    with CM("leak"):
        raise KeyError("k")
except KeyError as e:
    print("propagated", e)

class L:
    def __getattribute__(self, name):
        if name == "secret":
            raise AttributeError(name)
        return object.__getattribute__(self, name)
    def __getattr__(self, name):
        return "fallback " + name
l = L(); l.x = 1
print(l.x, l.secret)

class Outer:
    class Inner:
        def method(self):
            def local():
                pass
            return local

def func():
    class Local:
        pass
    return Local

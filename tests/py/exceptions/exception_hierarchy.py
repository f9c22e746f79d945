for cls in (ZeroDivisionError, KeyError, IndexError, FileNotFoundError, RecursionError, ModuleNotFoundError, UnicodeDecodeError, TabError, StopAsyncIteration, GeneratorExit, KeyboardInterrupt):
    print(cls.__name__, [c.__name__ for c in cls.__mro__])

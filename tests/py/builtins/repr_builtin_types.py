print(repr(int), repr(len), repr(None), repr(...), repr(NotImplemented), type(len).__name__, type(print).__name__)
print(repr([].append)[:30], type([].append).__name__)

x = a is not None

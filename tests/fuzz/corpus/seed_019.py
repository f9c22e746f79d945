del (x, y), [z]

x = not not x

del x.y, x[0]

x.y = 1

x = --x

if x: a; b

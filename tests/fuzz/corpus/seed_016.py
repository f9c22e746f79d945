x[0]: int = 1

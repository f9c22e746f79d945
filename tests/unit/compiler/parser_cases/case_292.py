case = 3

x = [lambda: i for i in range(3)]

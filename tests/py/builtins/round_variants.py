print(round(0.5), round(1.5), round(2.675, 2), round(-1.5), round(1e20), round(7, -1), round(25, -1), type(round(2.5)).__name__, round(2.5, 0))

print([round(x / 2) for x in range(-5, 6)], round(0.125, 2), round(0.375, 2), round(1.005, 2))

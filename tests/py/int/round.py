print(round(1234, -2), round(1250, -2), round(1350, -2), round(-1250, -2), round(5), round(15, -1))

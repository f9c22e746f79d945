print(0_0, 00, 0e0, 1_0j, .0, 0.e1, 1if 1else 2)

print(True + True + True, sum([True, False, True]), True / 2, 5 * False, -False)

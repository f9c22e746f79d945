print({1, 1.0, True}, {0, False, 0.0}, {"a", "a"}, {(1, 2), (1, 2)}, {None, None})

{a, b}

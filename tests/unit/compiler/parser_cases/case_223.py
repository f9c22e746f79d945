a + b - c

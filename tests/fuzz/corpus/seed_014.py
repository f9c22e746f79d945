(x): int = 5

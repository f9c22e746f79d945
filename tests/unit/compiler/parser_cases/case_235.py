a == b != c

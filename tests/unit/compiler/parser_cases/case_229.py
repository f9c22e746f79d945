a and b and c

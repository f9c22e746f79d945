ñame = 2

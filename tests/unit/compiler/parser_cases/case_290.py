match.x = 2

ℌello = 3

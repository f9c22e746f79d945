print(*args, sep="")

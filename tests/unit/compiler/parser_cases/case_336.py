print("a", "b", sep="")

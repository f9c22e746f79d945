café = "coffee"
Ω = 3
print(café, Ω * 2)

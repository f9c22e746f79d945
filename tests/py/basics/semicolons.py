a = 1; b = 2; print(a + b)
if a: print("inline if")
for i in range(2): print("inline for", i)

s = "hello.py"
print(s.endswith((".py", ".txt")), s.startswith(("x", "he"), 0, 3), s.endswith("py", 0, 5))

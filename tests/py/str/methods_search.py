s = "the cat sat on the mat"
print(s.find("at"), s.find("at", 6), s.rfind("at"), s.index("sat"), s.count("at"), s.count(""), s.find("dog"))
print(s.startswith("the"), s.endswith(("mat", "hat")), s.startswith("cat", 4))
try:
    s.index("dog")
except ValueError as e:
    print(e)

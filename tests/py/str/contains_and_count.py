s = "mississippi"
print("ss" in s, s.count("ss"), s.count("i", 5), s.replace("ss", "SS", 1), s.rindex("i"), s.find("i", -3))

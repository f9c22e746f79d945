s = ("implicitly "
     "joined "
     "strings")
t = "backslash \
continued"
print(s, t)

for s in ("plain", "it's", 'say "hi"', "both ' and \"", "tab\t", "nl\n", "\x00\x7f", "é", "\u200b", "😀", "\\"):
    print(repr(s))
print(ascii("héllo 😀"))

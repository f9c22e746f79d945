print("aaa".replace("a", "b"), "aaa".replace("a", "b", 2), "abc".replace("", "-"))
t = str.maketrans("abc", "xyz", "d")
print("abcd".translate(t), "hello".translate({ord("l"): None}))

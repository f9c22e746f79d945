print(repr("  hi  ".strip()), repr("xxhixx".strip("x")), repr("  hi".lstrip()), repr("hi  ".rstrip()))
print("hi".center(10, "*"), "hi".ljust(5) + "|", "hi".rjust(5), "42".zfill(5), "-42".zfill(6))
print("prefix_body".removeprefix("prefix_"), "body.txt".removesuffix(".txt"), "a\tb".expandtabs(4))

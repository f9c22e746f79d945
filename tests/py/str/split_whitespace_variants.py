print("a\tb\nc  d\x0be\x0cf\x1cg".split(), " x ".split(" "), "".split(), "".split(","), "a".split(","))

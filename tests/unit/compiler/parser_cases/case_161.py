b"abc"

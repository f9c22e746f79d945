U"abc"

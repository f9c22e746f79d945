B"abc"

a is b

lambda x: x

(lambda: (yield))

r"\n"

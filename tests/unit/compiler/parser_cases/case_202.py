rf"\n{x}"

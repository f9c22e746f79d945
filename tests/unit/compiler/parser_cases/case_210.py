f"{x if y else z}"

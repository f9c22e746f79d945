f"{x!a}"

f"{x!r}"

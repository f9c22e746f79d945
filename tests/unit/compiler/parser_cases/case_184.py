f"{x!s}"

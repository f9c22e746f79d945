x = f"{a!r}" f"{b!s}"

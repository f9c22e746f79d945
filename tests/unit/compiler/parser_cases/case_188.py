f"{x:{w}.{p}f}"

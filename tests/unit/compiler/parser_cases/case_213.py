f"{a}{b}{c}"

f"abc"

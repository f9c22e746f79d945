text = """
    first
      second
    third
"""
print([line.strip() for line in text.splitlines() if line.strip()])

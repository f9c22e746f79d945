d = {"key": "value"}
items = ["a", "b"]
print(f"{d['key']} {items[-1]!r} {len(items):03d} {'-'.join(items)} {3.14159:{'.2f'}}")
print(f"{'{'}braces{'}'}", f"{1 + 1 = }", f"{'x' * 3:>{2 + 3}}")

# Repeats whose single-character item is not a plain literal or set run the item as a nested
# match; deep nesting of such repeats must give CPython's results.
import re

patterns = [r"(?:(?<=a)b)*", r"(?:a(?=b))*", r"(?:\b\w)*", r"(?:(?!x).)*y", r"((?:[ab](?=[ab]))*)c",
            r"(?:(?:a|b)(?<=[ab]))+", r"(?:.(?<!z))*z?", r"(?i)(?:[a-c](?=.))*", r"((?:(?<=x)y)*z)+"]
texts = ["abababab" * 20 + "c", "ab" * 50, "xyxyz" * 30, "hello world " * 10 + "y", "aabbcc" * 40]
for p in patterns:
    rx = re.compile(p)
    for t in texts:
        m = rx.search(t)
        print(p, len(t), m.span() if m else None, len(rx.findall(t)))

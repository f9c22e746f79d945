class Three:
    def __iter__(self):
        yield from (3, 1, 2)
t = Three()
print(sorted(t), list(t), tuple(t), set(t), sum(t), max(t), min(t), any(t), all(t), dict.fromkeys(t), " ".join(map(str, t)))

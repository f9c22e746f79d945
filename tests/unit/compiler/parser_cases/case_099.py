lambda *a, **k: 0

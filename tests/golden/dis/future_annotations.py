from __future__ import annotations

def f(a: dict[str, int], b: A | None = None) -> list[int]:
    x: Undefined = 1
    return x

y: Other[int] = 2

def f(a, b):
    return (a + b, a - b, a * b, a / b, a // b, a % b, a ** b, a @ b,
            a << b, a >> b, a & b, a | b, a ^ b, -a, +a, ~a, not a)

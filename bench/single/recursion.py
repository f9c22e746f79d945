"""Recursion-heavy work: naive Fibonacci, Ackermann and a recursive tree build and walk."""
import sys


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def ack(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ack(m - 1, 1)
    return ack(m - 1, ack(m, n - 1))


def make_tree(depth):
    if depth == 0:
        return None
    return (make_tree(depth - 1), depth, make_tree(depth - 1))


def tree_sum(t):
    if t is None:
        return 0
    left, v, right = t
    return tree_sum(left) + v + tree_sum(right)


def main(n):
    print(fib(n), ack(2, 200), tree_sum(make_tree(min(n - 8, 18))))


main(int(sys.argv[1]) if len(sys.argv) > 1 else 29)

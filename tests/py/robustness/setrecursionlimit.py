import sys
sys.setrecursionlimit(200)
def d(n): return d(n + 1) if n < 10**6 else n
try:
    d(0)
except RecursionError:
    print("limited")
sys.setrecursionlimit(5000)
def e(n): return n if n == 0 else 1 + e(n - 1)
print(e(3000))
try:
    sys.setrecursionlimit(0)
except ValueError as err:
    print(err)

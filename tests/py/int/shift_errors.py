try:
    1 << -1
except ValueError as e:
    print(e)
print(1 >> 1000, -1 >> 1000, 0 << 10000)

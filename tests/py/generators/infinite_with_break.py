def count(start):
    while True:
        yield start
        start += 1
for n in count(10):
    if n > 13:
        break
    print(n)

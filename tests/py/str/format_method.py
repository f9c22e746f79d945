print("{} {}".format(1, 2), "{1} {0}".format("a", "b"), "{name}!".format(name="x"))
print("{0[1]} {1.real}".format([5, 6], 3), "{:>6}|{:^6}|{:<6}|".format("a", "b", "c"))
print("{!r:>8}".format("q"), "{:,.2f}".format(1234567.891), "{{}} {}".format(0))
print("{0}{1}{0}".format("ab", "-"))
try:
    "{} {}".format(1)
except IndexError as e:
    print(e)

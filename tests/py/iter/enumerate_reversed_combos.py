print(list(reversed(list(enumerate("abc")))), dict(enumerate("xy")), list(zip(range(3), reversed(range(3)))))

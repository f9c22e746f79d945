a[b, c]

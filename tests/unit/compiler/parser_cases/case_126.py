a[b, *c]

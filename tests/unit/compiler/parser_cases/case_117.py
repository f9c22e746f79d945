a[b:c]

a[b:c:d]

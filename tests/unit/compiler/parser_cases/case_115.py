a[b][c]

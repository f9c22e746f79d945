1e5j

raise ValueError("import-time failure")

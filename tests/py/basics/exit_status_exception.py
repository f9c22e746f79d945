print("partial output")
raise RuntimeError("boom")

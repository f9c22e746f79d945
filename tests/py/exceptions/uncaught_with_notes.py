e = RuntimeError("main")
e.add_note("extra context")
raise e

raise ExceptionGroup("problems", [ValueError("v"), TypeError("t")])

ns = {}
exec("a = 1\nb = a + 1", ns)
print(ns["a"], ns["b"], eval("a * 10", ns), eval("x + y", {"x": 1}, {"y": 2}))
code = compile("3 + 4", "<expr>", "eval")
print(eval(code))
exec(compile("print('compiled exec')", "<s>", "exec"))

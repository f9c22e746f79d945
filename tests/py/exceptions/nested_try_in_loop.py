results = []
for i in range(5):
    try:
        try:
            if i % 2:
                raise ValueError(i)
            results.append(("ok", i))
        finally:
            results.append(("fin", i))
    except ValueError as e:
        results.append(("err", e.args[0]))
print(results)

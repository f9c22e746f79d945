data = [1, 5, 9, 2]
if (n := len(data)) > 3:
    print("long", n)
print([y for x in data if (y := x * 2) > 4])
while (chunk := data.pop()) != 5:
    print("chunk", chunk)
print(y)

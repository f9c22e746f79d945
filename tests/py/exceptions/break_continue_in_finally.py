for i in range(3):
    try:
        if i == 1:
            continue
        print("body", i)
    finally:
        print("finally", i)
while True:
    try:
        break
    finally:
        print("break finally")

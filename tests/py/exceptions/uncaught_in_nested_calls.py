def level3():
    raise LookupError("deep")
def level2():
    level3()
def level1():
    try:
        level2()
    finally:
        print("cleanup level1")
level1()

g = 0
def outer():
    def inner():
        global g
        g = 10
    inner()
print(g); outer(); print(g)

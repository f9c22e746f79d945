counter = 0
def bump():
    global counter
    counter += 1
    del counter

def outer():
    x = 1
    def inner():
        nonlocal x
        del x
    return inner

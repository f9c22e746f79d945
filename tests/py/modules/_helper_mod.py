VALUE = 42
MAIN_CHECK = __name__ == "__main__"


def greet(name):
    return "hello " + name

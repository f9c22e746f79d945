def f():
    try:
        g()
    except* ValueError as eg:
        print(eg)
    except* TypeError:
        pass

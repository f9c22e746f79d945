def f(x):
    try:
        return x()
    finally:
        print('done')

def g(x):
    try:
        x()
    except Exception as e:
        print(e)
    finally:
        x = None
    return x

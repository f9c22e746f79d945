def f(x):
    try:
        x()
    except ValueError:
        return 1
    except (TypeError, KeyError) as e:
        return e
    except:
        raise
    else:
        return 2

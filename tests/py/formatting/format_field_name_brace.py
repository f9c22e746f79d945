# A '{' inside a replacement field's name is an error, not part of a key.
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


show(lambda: "{a{}b}".format(42))
show(lambda: "{a{b}".format(42))
show(lambda: "{[}".format(42))
show(lambda: "{0[{]}".format({'{': 'brace'}))
show(lambda: "{a{".format(a=1))
show(lambda: "{!r".format(1))

# atexit: callbacks run last-registered first at exit, with their arguments; unregister.
import atexit


def show(*args, **kwargs):
    print('show', args, sorted(kwargs.items()))


def never():
    print('never')


@atexit.register
def first():
    print('first registered, runs last')


atexit.register(show, 1, 2, key='v')
atexit.register(never)
atexit.register(never)
atexit.unregister(never)
atexit.register(print, 'print runs first')
print('body done')

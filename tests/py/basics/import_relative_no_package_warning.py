# A relative import from globals with neither __package__ nor __spec__ falls back on __name__
# (and __path__) with an ImportWarning.
import warnings

for g in ({'__package__': None, '__spec__': None, '__name__': '__main__'}, {'__name__': '__main__'},
          {'__name__': 'pkg.mod', '__package__': None}):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        try:
            __import__('', g, {}, ('foo',), 1)
        except ImportError as e:
            print(type(e).__name__, e)
    print([(x.category.__name__, str(x.message)) for x in w])

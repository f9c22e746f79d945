# warnings: warn with filters (ignore, error, always, once, default), categories, stacklevel,
# catch_warnings(record=True), and the stderr format.
import warnings

def f():
    warnings.warn('deprecated thing', DeprecationWarning, stacklevel=2)

with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter('always')
    f()
    warnings.warn('user one')
    warnings.warn(RuntimeWarning('as instance'))
    print([(str(x.message), x.category.__name__, x.lineno) for x in w])

with warnings.catch_warnings():
    warnings.simplefilter('error', UserWarning)
    try:
        warnings.warn('now an error')
    except UserWarning as e:
        print('raised', e)

with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter('ignore')
    warnings.filterwarnings('always', message='keep.*')
    warnings.warn('drop me')
    warnings.warn('keep me')
    print([str(x.message) for x in w])

with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter('once')
    for i in range(3):
        warnings.warn('only once')
    print(len(w))

print(warnings.formatwarning('msg', UserWarning, 'file.py', 10, 'line of code'))
warnings.warn('to stderr', UserWarning)
warnings.warn_explicit('explicit', SyntaxWarning, 'somefile.py', 42)

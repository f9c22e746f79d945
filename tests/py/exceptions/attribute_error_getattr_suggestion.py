# An AttributeError raised by a __getattr__ (or __getattribute__) written in Python gets the
# name and object of the failed lookup, so that the traceback still offers a suggestion.
# UnboundLocalError has no name, and never gets a suggestion.
import sys

sys.stderr = sys.stdout


class NoArgs:
    blech = None

    def __getattr__(self, attr):
        raise AttributeError()


class IntArg:
    blech = None

    def __getattr__(self, attr):
        raise AttributeError(23)


class Named:
    blech = None

    def __getattr__(self, attr):
        raise AttributeError("own", name="other", obj=None)


class Getattribute:
    blech = None

    def __getattribute__(self, attr):
        raise AttributeError("nope")


for cls in (NoArgs, IntArg, Named, Getattribute):
    try:
        cls().bluch
    except AttributeError as e:
        print(cls.__name__, repr(e.name), type(e.obj).__name__)
        sys.__excepthook__(*sys.exc_info())
    try:
        getattr(cls(), "bluch")
    except AttributeError as e:
        print(cls.__name__, repr(e.name), type(e.obj).__name__)


def unbound():
    something = 3
    print(somethong)
    somethong = 3


try:
    unbound()
except UnboundLocalError as e:
    print(repr(e.name))
    sys.__excepthook__(*sys.exc_info())

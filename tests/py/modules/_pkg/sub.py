from . import helper


def func():
    return "sub.func " + helper.NAME

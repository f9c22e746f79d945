try:
    {[1]: 2}
except TypeError as e:
    print(e)
try:
    {}.get({})
except TypeError as e:
    print(e)

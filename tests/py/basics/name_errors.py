try:
    undefined_name
except NameError as e:
    print(e)
def f():
    print(local_later)
    local_later = 1
try:
    f()
except UnboundLocalError as e:
    print(e)

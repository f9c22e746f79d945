class A: pass
try:
    A().missing
except AttributeError as e:
    print(e)
try:
    A.missing
except AttributeError as e:
    print(e)
try:
    (1).foo
except AttributeError as e:
    print(e)
try:
    object().x = 1
except AttributeError as e:
    print(e)

try:
    {}.popitem()
except KeyError as e:
    print("KeyError", e)

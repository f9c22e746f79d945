try:
    pass
finally:
z

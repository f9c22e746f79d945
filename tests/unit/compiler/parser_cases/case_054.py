try:
    pass
except* E:
    pass
except* (F, G) as e:
    pass

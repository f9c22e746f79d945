try:
    pass
except E:
    pass
except (E, F) as e:
    pass
else:
    pass
finally:
    pass

try:
    pass
except E as e:
    raise Y from None

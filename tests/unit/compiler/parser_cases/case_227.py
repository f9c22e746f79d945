a << b >> c

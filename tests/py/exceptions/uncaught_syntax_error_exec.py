exec("print('ok')\nx = (")

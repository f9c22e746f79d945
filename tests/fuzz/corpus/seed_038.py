raise X

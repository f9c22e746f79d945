raise X from Y

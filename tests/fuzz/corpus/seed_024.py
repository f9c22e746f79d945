import a as b, c.d as e

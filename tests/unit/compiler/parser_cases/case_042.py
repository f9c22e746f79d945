while x: pass

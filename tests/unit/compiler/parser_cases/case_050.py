for x.a in y: pass

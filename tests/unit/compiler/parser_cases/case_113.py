f(a)[b].c

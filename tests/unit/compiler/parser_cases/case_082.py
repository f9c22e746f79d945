class C: pass

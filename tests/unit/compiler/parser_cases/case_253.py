{a: b}

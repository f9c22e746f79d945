lambda *, x: x

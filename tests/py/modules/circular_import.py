import _circ.a
import _circ.b
print(_circ.a.use_b(), _circ.b.use_a())

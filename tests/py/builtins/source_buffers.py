# compile(), exec() and eval() take their source from any buffer: bytes, bytearray, memoryview,
# array.array; hex / oct / bin keep CPython's docstring examples.
import array

print(eval(memoryview(b'1+2')), eval(bytearray(b'3 * 3')), eval(array.array('b', b'7')))
exec(memoryview(b'print("exec", 5)'))
exec(compile(memoryview(b"print('compiled', 6)"), "name", "exec"))
print(compile(memoryview(b"x + 1"), "name", "eval").co_names)
try:
    exec(42)
except TypeError as e:
    print("TypeError", e)
print(hex.__doc__)
print(oct.__doc__)
print(bin.__doc__)

# copy, types, keyword, numbers.
import copy, types, keyword, numbers
a = [1, [2, 3], {'k': [4]}]
b = copy.copy(a); c = copy.deepcopy(a)
a[1].append(9)
print(b, c, b[1] is a[1], c[1] is a[1])
class K:
    def __init__(self): self.x = [1]
    def __deepcopy__(self, memo): print('deepcopy hook'); return K()
copy.deepcopy(K())
class R:
    def __init__(self, v): self.v = v
    def __reduce__(self): return (R, (self.v * 2,))
print(copy.copy(R(2)).v)
ns = types.SimpleNamespace(a=1, b=2)
print(ns, ns.a, types.SimpleNamespace(x=1) == types.SimpleNamespace(x=1))
print(types.FunctionType, types.MethodType, types.ModuleType('m'), isinstance(len, types.BuiltinFunctionType))
mp = types.MappingProxyType({'a': 1})
print(mp['a'], type(mp).__name__)
print(keyword.iskeyword('for'), keyword.iskeyword('match'), keyword.issoftkeyword('match'), len(keyword.kwlist))
print(isinstance(1, numbers.Integral), isinstance(1.0, numbers.Real), isinstance(1j, numbers.Complex), isinstance(1.5, numbers.Integral))



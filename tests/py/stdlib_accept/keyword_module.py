# keyword: kwlist, softkwlist, iskeyword, issoftkeyword on keywords, soft keywords, builtins,
# non-strings and unhashable arguments.
import keyword

print(len(keyword.kwlist), keyword.kwlist)
print(keyword.softkwlist)
print(keyword.kwlist == sorted(keyword.kwlist))
for w in ["if", "True", "None", "async", "await", "match", "case", "_", "print", "self", "", "IF",
          "nonlocal", "type", "exec", 3, None, b"if"]:
    print(repr(w), keyword.iskeyword(w), keyword.issoftkeyword(w))
for w in keyword.kwlist:
    try:
        compile(f"{w} = 1", "<k>", "exec")
        print("assignable", w)
    except SyntaxError:
        pass
for w in keyword.softkwlist:
    compile(f"{w} = 1", "<k>", "exec")
print("soft ok")
for bad in [[], {}]:
    try:
        keyword.iskeyword(bad)
    except TypeError as e:
        print("TypeError", e)
print(keyword.__all__)

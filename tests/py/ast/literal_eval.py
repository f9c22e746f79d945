# ast.literal_eval: the literals it accepts, and its errors.
import ast

for src in ["1", "-2.5", "1+2j", "-1-2j", "'s'", "b'b'", "(1, [2, {3: 4}], {5})", "None",
            "True", "set()", "{'a': (1,)}", "  42", "[...]", "0x10", "1_000_000", "-(1)"]:
    try:
        print(repr(ast.literal_eval(src)))
    except Exception as e:
        print(src, type(e).__name__, e)

for src in ["x", "1 + x", "f()", "[i for i in x]", "{**d}", "a.b", "'a' + 'b'", "1 +", "-'s'"]:
    try:
        print(repr(ast.literal_eval(src)))
    except Exception as e:
        # The message names the node with its address: keep the part before it.
        print(src, type(e).__name__, str(e).split(" at 0x")[0])

print(ast.literal_eval(ast.parse("(1, 2)", mode="eval")))
print(ast.literal_eval(ast.Constant(value=7)))

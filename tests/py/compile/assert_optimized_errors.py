# Under -O an assert produces no code, so the errors CPython's code generator finds in it (await
# or yield where they are not allowed) are not raised; errors of the parser and of dead
# `if __debug__:` blocks still are.
cases = ["def f():\n    assert await x\n",
         "def f():\n    assert [await y for y in x]\n",
         "assert (yield)\n",
         "if __debug__:\n    return 1\n",
         "if not __debug__:\n    break\n",
         "def f():\n    assert x, (await y)\n",
         "assert f(**{}, *[])\n",
         "class C:\n    assert __class__\n",
         "def f():\n    assert [x async for x in y]\n",
         "assert (lambda: await x)\n",
         "def f():\n    if __debug__:\n        await x\n",
]
for src in cases:
    for level in (0, 1):
        try:
            compile(src, "<e>", "exec", optimize=level)
            print(level, "ok")
        except SyntaxError as e:
            print(level, e.msg, e.lineno)

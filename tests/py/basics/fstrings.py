name = "world"; n = 42; pi = 3.14159
print(f"hello {name}!")
print(f"{n:5d}|{n:<5}|{n:^7}|{n:>4}|{n:x}|{n:#b}")
print(f"{pi:.2f} {pi:10.3f} {pi:e} {pi:%}")
print(f"{name!r} {name!s} {'é'!a}")
print(f"{n=} {pi=:.1f} {name = }")
print(f"{{literal}} {n + 1} {[1, 2][0]} {'nested ' + f'{n}'}")
width = 8
print(f"{name:>{width}}|{pi:{width}.{2}f}|")
print(f"""{
    n * 2
}""")

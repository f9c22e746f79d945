s = "abcdefgh"
print(s[0], s[-1], s[2:5], s[:3], s[5:], s[::2], s[::-1], s[-3:-1], s[10:], s[1:7:3])
try:
    s[20]
except IndexError as e:
    print(e)
u = "héllo wörld 😀"
print(len(u), u[1], u[-1], u[6:11], u[::-1])

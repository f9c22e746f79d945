# str's predicates and repr() follow Unicode 14.0, CPython 3.11's version: code points that
# Unicode 15.0 assigned are unassigned there (no letter, digit or numeric, not printable, not in
# identifiers), and repr() escapes them.
for cp in [0x0CF3, 0x0ECE, 0x1123F, 0x11F02, 0x1D2C0, 0x1E4F0, 0x1F6DC, 0x1FAE8, 0x2B739,
           0x31350, 0x323AF, 0x0CF2, 0x1F6DB, 0x2B738, 0x4E00, 0x0378]:
    ch = chr(cp)
    print(hex(cp), ch.isprintable(), ch.isalpha(), ch.isalnum(), ch.isdecimal(), ch.isdigit(),
          ch.isnumeric(), ch.isidentifier(), ("a" + ch).isidentifier(), ascii(repr("a" + ch)))

# \N{NAME} escapes in str literals: names, case-insensitive matching, aliases, Hangul and CJK
# algorithmic names, f-strings, and the SyntaxError of unknown or malformed names.
print(ascii("\N{LATIN SMALL LETTER A}\N{latin capital letter a with grave}"))
print(ascii("\N{EM DASH}\N{BEL}\N{NBSP}\N{LATIN CAPITAL LETTER GHA}"))
print(ascii("\N{HANGUL SYLLABLE GAG}\N{HANGUL SYLLABLE PWILH}\N{CJK UNIFIED IDEOGRAPH-4E00}"))
print(ascii("\N{GRINNING FACE}"), len("\N{GRINNING FACE}"))
x = 5
print(ascii(f"\N{DIGIT ONE}{x}\N{DIGIT TWO}"))
print(rb"\N{DIGIT ONE}", b"\N{DIGIT ONE}", r"\N{DIGIT ONE}")

for src in ['"\\N{NO SUCH NAME}"', '"ab\\N{"', '"\\N"', '"x\\N{}"', '"\\Nab"',
            '"\\N{KEYCAP NUMBER SIGN}"', '"\\N{cjk unified ideograph-4e00}"',
            '"\\N{CJK UNIFIED IDEOGRAPH-31350}"']:
    try:
        print(ascii(eval(src)))
    except SyntaxError as e:
        print(src, "->", e.msg)

# textwrap: wrap/fill/shorten/dedent/indent and TextWrapper's options (width, indents, tabs,
# whitespace, sentence endings, long words, hyphens, max_lines, placeholder) and its errors.
import textwrap

text = ("The quick brown fox jumps over the lazy dog.  Pack my box with five dozen liquor jugs! "
        "Sphinx of black quartz, judge my vow?  Extraordinarily-long-hyphenated-compound-words "
        "are split\tat hyphens,\nand\ttabs expand.")
for w in [10, 20, 35, 80]:
    print(w, textwrap.wrap(text, w))
print(textwrap.fill(text, 30, initial_indent="* ", subsequent_indent="  "))
print(textwrap.wrap(text, 25, break_long_words=False, break_on_hyphens=False))
print(textwrap.wrap(text, 25, expand_tabs=False, replace_whitespace=False))
print(textwrap.wrap(text, 25, tabsize=2, drop_whitespace=False))
print(textwrap.wrap(text, 30, fix_sentence_endings=True))
print(textwrap.wrap(text, 30, max_lines=3))
print(textwrap.wrap(text, 30, max_lines=2, placeholder=" (...)"))
print(textwrap.wrap("", 10), textwrap.wrap("   ", 10), textwrap.fill("", 5) == "")
print(textwrap.wrap("abcdefghijklmnopqrstuvwxyz", 5))
print(textwrap.wrap("a-b-c-d-e-f-g-h", 4), textwrap.wrap("--option-name --other", 8))
print(textwrap.wrap("Hello there, how are you this fine day?", 10, initial_indent="--> "))
print(textwrap.shorten("Hello  world!", width=12), textwrap.shorten("Hello world!", width=11))
print(textwrap.shorten("Hello world", width=10, placeholder="..."))
print(textwrap.shorten("  lots   of    spaces   here ", 15))
print(repr(textwrap.shorten("Supercalifragilistic", 10)))

print(repr(textwrap.dedent("    a\n      b\n    c\n")))
print(repr(textwrap.dedent("  a\n\n   \n  b\n")))
print(repr(textwrap.dedent("\ta\n\tb\n")), repr(textwrap.dedent(" \ta\n\t b\n")))
print(repr(textwrap.dedent("no indent\n  x\n")), repr(textwrap.dedent("")))
print(repr(textwrap.indent("a\nb\n\nc", "> ")))
print(repr(textwrap.indent("a\n  \nb\n", "+", lambda line: True)))
print(repr(textwrap.indent("x\r\ny\r\n", "# ")))

tw = textwrap.TextWrapper(width=15, initial_indent="1) ", subsequent_indent="   ")
print(tw.wrap("one two three four five six seven eight nine ten"))
tw.width = 25
print(tw.fill("one two three four five six seven eight nine ten"))
print(tw.width, tw.expand_tabs, tw.tabsize, tw.replace_whitespace, tw.fix_sentence_endings,
      tw.break_long_words, tw.drop_whitespace, tw.break_on_hyphens, tw.max_lines, repr(tw.placeholder))
for bad in [dict(width=0), dict(width=-3), dict(width=5, max_lines=2, initial_indent="abcd"),
            dict(width=4, max_lines=1, placeholder="[...........]")]:
    try:
        print(textwrap.wrap("some words to wrap here", **bad))
    except ValueError as e:
        print("ValueError", e)
try:
    textwrap.wrap(None)
except Exception as e:
    print(type(e).__name__)
print(textwrap.__all__)

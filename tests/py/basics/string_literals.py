print('single', "double", '''triple
quoted''', """also
triple""")
print('tab\there', "nl\\n", r'raw\n', 'quote\'s', "dq\"s")
print('\x41\u00e9\U0001F600\101')
print('a' 'b' "c")
print(b'bytes', rb'raw\x', B"\x00\xff")
print(len('\N{LATIN SMALL LETTER E WITH ACUTE}'))

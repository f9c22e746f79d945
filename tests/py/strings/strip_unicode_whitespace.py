print(repr("\u3000 x \u2003\n".strip()), repr("\xa0y\xa0".strip()))

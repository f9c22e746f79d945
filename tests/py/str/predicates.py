for s in ("abc", "123", "a1", "", " ", "½", "٣", "Ab", "_id", "1a"):
    print(repr(s), s.isalpha(), s.isdigit(), s.isdecimal(), s.isnumeric(), s.isalnum(), s.isspace(), s.isidentifier(), s.isascii(), s.isprintable())

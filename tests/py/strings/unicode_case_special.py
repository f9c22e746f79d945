print("ß".upper(), "ﬁ".upper(), "İ".lower(), len("İ".lower()), "ǆ".title(), "Σ".lower(), "ΑΣ".lower())

a & b | c ^ d

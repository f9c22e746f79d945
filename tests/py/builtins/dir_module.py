import sys
print("argv" in dir(sys), "path" in dir(sys))

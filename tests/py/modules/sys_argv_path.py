import sys
print(sys.argv[0], len(sys.argv), sys.path[0] == __file__.rsplit("/", 1)[0])

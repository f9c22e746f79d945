match = 5
case = 6
print(match, case)
match match:
    case 5: print("five")

match x:
    case 1 | 2 | 3:
        pass
    case "a" "b":
        pass
    case -1:
        pass
    case 1.5 + 2j:
        pass
    case -1 - 2j:
        pass

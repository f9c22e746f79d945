match
case

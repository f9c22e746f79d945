import sys
print(sys.get_int_max_str_digits())
sys.set_int_max_str_digits(6000)
print(len(str(10 ** 5500)))
sys.set_int_max_str_digits(0)
print(len(str(10 ** 10000)))

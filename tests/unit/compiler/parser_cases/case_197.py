"a" f"{b}" "c"

f"{x}" "y" f"{z}"

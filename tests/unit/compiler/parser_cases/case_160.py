R"\d"

from .... import c

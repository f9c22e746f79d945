for spec in ("", "10", ".3", ".3f", "e", ".0e", "g", ".2g", "#g", "%", "+.1f", "012.3f", ",.2f", "_.1f", "=10.1f", "^12.4"):
    print(spec, repr(format(1234.5678, spec)), repr(format(-0.000123, spec)))

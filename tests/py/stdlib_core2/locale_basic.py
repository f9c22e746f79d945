# locale on top of _locale: setlocale, localeconv, nl_langinfo, formatting with the C locale.
import locale
print(locale.setlocale(locale.LC_ALL, None), locale.setlocale(locale.LC_NUMERIC, 'C'))
conv = locale.localeconv()
print(sorted(conv.items()))
print(locale.nl_langinfo(locale.CODESET) in ('ANSI_X3.4-1968', 'UTF-8'), locale.nl_langinfo(locale.DAY_1), locale.nl_langinfo(locale.ABMON_12))
print(locale.format_string('%.2f', 1234.567, grouping=True), locale.str(1.5), locale.atof('3.25'), locale.atoi('42'))
print(locale.strcoll('a', 'b') < 0, locale.strxfrm('abc'), locale.getencoding(), locale.currency(5, symbol=False) if conv['frac_digits'] != 127 else 'nocurrency')
try:
    locale.setlocale(locale.LC_ALL, 'xx_NOPE')
except locale.Error as e:
    print('Error', e)
print(locale.normalize('en_US'), locale.getlocale(locale.LC_NUMERIC))

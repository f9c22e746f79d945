# logging: basicConfig to a stream with a fixed format, levels, named loggers and propagation,
# handlers with formatters, exception logging, LoggerAdapter, and the default stderr output.
import logging, io, sys
stream = io.StringIO()
logging.basicConfig(stream=stream, level=logging.INFO, format='%(levelname)s:%(name)s:%(message)s')
log = logging.getLogger('app')
log.debug('hidden')
log.info('info %d', 1)
log.warning('warn %s', 'x')
child = logging.getLogger('app.db')
child.error('child error')
child.setLevel(logging.CRITICAL)
child.error('suppressed')
print(stream.getvalue())

h = logging.StreamHandler(sys.stdout)
h.setFormatter(logging.Formatter('[%(name)s] %(levelname)-8s %(message)s'))
other = logging.getLogger('other')
other.addHandler(h)
other.propagate = False
other.setLevel(logging.DEBUG)
other.debug('dbg')
try:
    raise ZeroDivisionError('division by zero')
except ZeroDivisionError:
    other.exception('failed')
adapter = logging.LoggerAdapter(other, {'extra': 1})
adapter.info('via adapter')
print(logging.getLevelName(logging.WARNING), logging.getLevelName(15), other.isEnabledFor(logging.INFO),
      other.getEffectiveLevel(), logging.getLogger('app.db').parent.name)
fmt = logging.Formatter('%(message)s|%(levelno)s')
rec = logging.LogRecord('n', logging.ERROR, 'f.py', 3, 'msg %s', ('arg',), None)
print(fmt.format(rec), rec.getMessage())

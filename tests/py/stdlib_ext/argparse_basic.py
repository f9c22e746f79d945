# argparse: positionals, options, types, choices, nargs, defaults, subcommands, mutually
# exclusive groups, help text (fixed width) and usage errors (SystemExit with status 2).
import argparse, os
os.environ['COLUMNS'] = '80'
p = argparse.ArgumentParser(prog='tool', description='A test tool.')
p.add_argument('src')
p.add_argument('dst', nargs='?', default='out')
p.add_argument('-n', '--count', type=int, default=1, help='how many')
p.add_argument('-v', '--verbose', action='count', default=0)
p.add_argument('--mode', choices=['fast', 'slow'], default='fast')
p.add_argument('--tag', action='append')
p.add_argument('--flag', action='store_true')
g = p.add_mutually_exclusive_group()
g.add_argument('--yes', action='store_true')
g.add_argument('--no', action='store_true')
print(p.parse_args(['in.txt']))
print(p.parse_args(['a', 'b', '-n', '3', '-vv', '--mode', 'slow', '--tag', 'x', '--tag=y', '--flag']))
print(p.parse_known_args(['a', '--unknown']))
print(p.format_help())
for argv in [[], ['a', '-n', 'x'], ['a', '--mode', 'medium'], ['a', '--yes', '--no']]:
    try:
        p.parse_args(argv)
    except SystemExit as e:
        print('exit', e.code)
sp = argparse.ArgumentParser(prog='git')
subs = sp.add_subparsers(dest='cmd')
c = subs.add_parser('commit')
c.add_argument('-m')
print(sp.parse_args(['commit', '-m', 'msg']))
print(argparse.ArgumentParser(prog='n').parse_args(['--', ]) if False else 'done')

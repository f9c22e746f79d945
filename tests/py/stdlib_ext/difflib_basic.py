# difflib: unified/context diffs, ndiff, SequenceMatcher ratios and opcodes, get_close_matches.
import difflib
a = ['one\n', 'two\n', 'three\n', 'four\n', 'five\n']
b = ['zero\n', 'one\n', 'tree\n', 'four\n', 'five\n', 'six\n']
print(''.join(difflib.unified_diff(a, b, 'a.txt', 'b.txt')))
print(''.join(difflib.context_diff(a, b, 'a.txt', 'b.txt', n=1)))
print(''.join(difflib.ndiff(a, b)))
sm = difflib.SequenceMatcher(None, 'private Thread currentThread;', 'private volatile Thread currentThread;')
print(round(sm.ratio(), 4), sm.get_opcodes(), sm.get_matching_blocks())
print(difflib.get_close_matches('appel', ['ape', 'apple', 'peach', 'puppy']))
print(list(difflib.restore(difflib.ndiff(a, b), 2)) == b)

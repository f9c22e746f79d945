"""Word and bigram counting over generated text: str methods and dict updates."""
import sys

WORDS = ("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho "
         "sigma tau upsilon phi chi psi omega the of and to in is it that was for on are with").split()


def make_text(n_lines):
    lines = []
    seed = 12345
    for i in range(n_lines):
        words = []
        for _ in range(12):
            seed = (seed * 1103515245 + 12345) % 2147483648
            words.append(WORDS[seed % len(WORDS)])
        lines.append(" ".join(words).capitalize() + ".")
    return lines


def count(lines):
    words = {}
    bigrams = {}
    for line in lines:
        tokens = line.lower().strip(".").split()
        for w in tokens:
            words[w] = words.get(w, 0) + 1
        for a, b in zip(tokens, tokens[1:]):
            key = a + " " + b
            if key in bigrams:
                bigrams[key] += 1
            else:
                bigrams[key] = 1
    return words, bigrams


def main(n):
    words, bigrams = count(make_text(n))
    top = sorted(words.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    print(len(words), len(bigrams), top)


main(int(sys.argv[1]) if len(sys.argv) > 1 else 150000)

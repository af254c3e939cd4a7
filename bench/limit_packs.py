#!/usr/bin/env python3
"""Writes the hostile rule packs of issue 16 at the documented limits (docs/bad-input.md), one
directory each under OUT_DIR, for bench/run.sh: each is as large as a pack may be in the one
respect it stresses. Usage: limit_packs.py OUT_DIR"""
import os, sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else sys.exit(__doc__)
T = lambda s: '{ zh = "%s", en = "%s" }' % (s, s)

def w(d, name, s):
    os.makedirs(os.path.join(ROOT, d), exist_ok=True)
    with open(os.path.join(ROOT, d, name), 'w') as f:
        f.write(s)

def carriers(n):
    return (f'start = "carrier"\n[[cause]]\nid = "x"\ntitle = {T("X")}\n[[cause]]\nid = "y"\ntitle = {T("Y")}\n'
            + ''.join(f'[[carrier]]\nid = "k{i}"\nname = {T("K")}\n' for i in range(n))
            + '[[question]]\nid = "carrier"\ntext = ' + T("c") + '\nchoices = [\n'
            + ''.join(f'{{ value = "k{i}", label = {T("k")}, next = "c0" }},\n' for i in range(n)) + ']\n')

def conclusion(j, nxt):
    what = ('cause = "x"\nconfirm = [{ zh = "c", en = "c" }]\nprevention = [{ zh = "p", en = "p" }]'
            if j == 0 else f'title = {T("t")}')
    n = f'\nnext = "{nxt}"' if nxt else ''
    return f'[[conclusion]]\nid = "c{j}"\n{what}\nexplanation = {T("e")}\nscript = {T("s")}\nstep = [ {{ text = {T("d")} }} ]{n}\n'

def chain_pack(name, n=100, forks=0, value='b', ncarriers=1):
    parts = [carriers(ncarriers)]
    parts += [conclusion(j, f'c{j+1}' if j + 1 < n else ('q0' if forks else None)) for j in range(n)]
    for i in range(forks):
        nxt = f', next = "q{i+1}"' if i + 1 < forks else ''
        second = value if i == 0 else 'b'
        parts.append(f'[[question]]\nid = "q{i}"\ntext = {T("q")}\nchoices = [ {{ value = "a", label = {T("a")}{nxt} }}, '
                     f'{{ value = "{second}", label = {T("b")}{nxt} }} ]\n')
    w(name, 'a.toml', '\n'.join(parts))

chain_pack('chain', 100)                        # 100 conclusions on the path
chain_pack('diamond', 100, 16)                  # 65,536 paths, each through the 100
chain_pack('longvalue', 1, 1, 'v' * 100)        # a choice value of 100 bytes
chain_pack('carriers', 100, 0, 'b', 50)         # 50 carriers, each followed through the chain
w('brace', 'a.toml', f'[[question]]\nid = "braces"\ntext = {{ zh = "{"{" * 1_000_000}", en = "x" }}\n'
  'choices = [ { value = "a", label = { zh = "a", en = "a" } } ]\n')   # refused at once, over the limit
w('rungs', 'r.toml', ''.join(f'[[rung]]\nid = "r{i}"\ntitle = {T("r")}\n' for i in range(995))
  + ''.join(f'[[escalation]]\ntext = {T("s")}\nrung = "appeal"\n' for i in range(991)))
w('details', 'd.toml', ''.join(
    f'[[detail]]\nid = "d{i}"\nkind = "choice"\ntext = {T("t")}\nask_in = ["draft"]\n'
    f'choices = [ {{ value = "a", label = {T("a")} }} ]\n' + (f'only_if = {{ d{i-1} = ["a"] }}\n' if i else '')
    for i in range(988)))
w('oneline', 'a.toml', 'question = [' + ', '.join(
    '{id="q%d", text={zh="t",en="t"}, choices=[{value="a", label={zh="a",en="a"}}]}' % i for i in range(20000)) + ']\n')

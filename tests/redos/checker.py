"""A static ReDoS checker for Python's backtracking regex engine.

Python's `re` tries the paths through a pattern one after another and keeps no memory of what
failed. A pattern is super-linear when one input can be matched by many paths and the match
then fails, so that every path is tried:

- **exponential**: a loop whose body can match the same text in two ways, so a run of n
  characters has 2^n splits. Nested quantifiers over the same characters (`(\\w+\\s?)+`,
  `(?:\\s*)*`) and alternations of overlapping branches under a quantifier (`(?:a|a)*`).
- **polynomial**: two loops in sequence (or one after an optional part, or in separate
  alternation branches that can meet) that can match the same run with no mandatory separator
  between them, so the run can be split between them in n ways (`\\s*\\w*\\s*x`, `.*?X.*?Y`).
  A search (`search`, `finditer`, `sub`, `split`) is itself a loop: it starts the match at
  every position, so a pattern that begins with a loop over a run rescans it from each start
  (`\\s+$`, `\\d+%`): n^2, unless a guard stops it starting inside the run (`\\b\\w+`,
  `(?<!\\d)\\d+`).

How: the pattern's parse tree (sre_tree.py) becomes a nondeterministic automaton over the
classes of characters the pattern tells apart (its minterms), with zero-width tests (anchors,
`\\b`, one-character lookarounds) checked against the characters on either side, lookahead
bodies run as branches of their own, and Python's rule that a loop iteration matching nothing
ends the loop. On that automaton, in the standard terms of ambiguity (Weber and Seidl 1991;
Allauzen, Mohri and Rastogi 2008; Weideman et al. 2016):

- exponential degree: a state with two different paths back to itself on the same word;
- infinite (polynomial) degree: states p != q and a word w with p -w-> p, p -w-> q, q -w-> q;

and it is reported only when the match can still fail after the pumped part (some suffix
leads no path from there to a match), which is what makes the engine try every split. Each
finding carries a witness: prefix + pump * n + suffix is slow.

Approximations all err towards reporting: multi-character negative lookarounds and
backreferences constrain nothing here, atomic groups and possessive quantifiers are read as
ordinary ones (except a possessive loop over one character class, `[ \t]*+`, which is exact),
and huge bounded repeats are read as unbounded (the finding says so).

    python -m tests.redos.checker 'PATTERN' [...]     # check patterns from the shell
"""

from __future__ import annotations

import re
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .charsets import EVERYTHING, NEWLINE, CharSet
from .sre_tree import Alt, Anchor, Atomic, Backref, Chars, Look, Node, Repeat, Seq, parse

MANDATORY_COPIES = 3  # x{100,} is read as x{3,}: more paths, never fewer
EXPANSION_BUDGET = 4000  # automaton states a bounded repeat may be unrolled into
SEARCH_CAP = 4000  # configurations explored when looking for a failing suffix


@dataclass(frozen=True)
class Finding:
    kind: str  # "exponential" or "polynomial"
    prefix: str
    pump: str
    suffix: str
    from_search: bool = False  # the second loop is the search's own start positions
    approximate: bool = False  # a large bounded repeat was read as unbounded

    def attack(self, n: int) -> str:
        return self.prefix + self.pump * n + self.suffix

    def __str__(self) -> str:
        how = ("each start position rescans the run" if self.from_search else
               "the run can be split between quantifiers in many ways")
        if self.kind == "exponential":
            how = "a quantified part matches the run in exponentially many ways"
        note = " (a large bounded repeat read as unbounded)" if self.approximate else ""
        return (f"{self.kind}: {self.prefix!r} + {self.pump!r} * n + {self.suffix!r}: "
                f"{how}{note}")


def check(pattern: re.Pattern[str] | str, flags: int = 0, *, search: bool = True
          ) -> list[Finding]:
    """Super-linear behaviour of the pattern, each with a witness (empty: linear).

    search: the pattern is used to search (every start position is tried); False for a
    pattern only ever used with `match`/`fullmatch` at one position."""
    tree = parse(pattern, flags)
    return _Analysis(tree, search).findings()


# --- the automaton --------------------------------------------------------------------------

@dataclass
class _Guard:
    prev: int  # bit mask over symbols: minterms, START
    next: int  # bit mask over symbols: minterms, END


@dataclass
class _State:
    chars: int = 0  # mask of minterms this state consumes (0: an epsilon state)
    target: int = -1  # where consuming one leads
    eps: list[tuple[int, _Guard | None, str, int]] = field(default_factory=list)
    # (to, guard, kind, loop): kind "" plain, "enter" or "back" of loop number `loop`
    terminal: int = -1  # owner whose match ends here (0: the pattern; k: lookahead k)
    owner: int = 0


class _Analysis:
    def __init__(self, tree: Node, search: bool) -> None:
        self.approximate = False
        sets = list(_char_sets(tree))
        self.minterms = _minterms(sets + [NEWLINE])
        self.m = len(self.minterms)
        self.START = self.END = self.m  # one bit past the minterms: START as prev, END as next
        self.ALL = (1 << self.m) - 1
        self.states: list[_State] = []
        self.loops = 0
        self.owners = 1
        start = self._new()
        if search:  # the search's start positions: a loop over everything before the pattern
            loop, char = self._new(), self._new()
            self.loops += 1
            self._eps(start, loop, kind="enter", loop=self.loops)
            self.states[char].chars, self.states[char].target = self.ALL, loop
            self._eps(loop, char)
            entry = self._new()
            self._eps(loop, entry)
            self.search_states = {char}
        else:
            entry = start
            self.search_states = set()
        end = self._build(tree, entry, 0)
        self.states[end].terminal = 0
        self.start = start

    # building
    def _new(self, owner: int = 0) -> int:
        self.states.append(_State(owner=owner))
        return len(self.states) - 1

    def _eps(self, a: int, b: int, guard: _Guard | None = None, kind: str = "",
             loop: int = 0) -> None:
        self.states[a].eps.append((b, guard, kind, loop))

    def _mask(self, chars: CharSet) -> int:
        return sum(1 << i for i, part in enumerate(self.minterms) if part.meets(chars))

    def _build(self, node: Node, at: int, owner: int) -> int:  # noqa: C901
        if isinstance(node, Chars):
            state, end = self._new(owner), self._new(owner)
            self._eps(at, state)
            self.states[state].chars, self.states[state].target = self._mask(node.chars), end
            return end
        if isinstance(node, Seq):
            for item in node.items:
                at = self._build(item, at, owner)
            return at
        if isinstance(node, Alt):
            join = self._new(owner)
            for option in node.options:
                begin = self._new(owner)
                self._eps(at, begin)
                self._eps(self._build(option, begin, owner), join)
            return join
        if isinstance(node, Atomic):
            return self._build(node.body, at, owner)
        if isinstance(node, Repeat):
            return self._repeat(node, at, owner)
        if isinstance(node, Backref):  # any text: the widest reading
            return self._star(Chars(EVERYTHING), at, owner)
        if isinstance(node, Anchor):
            end = self._new(owner)
            for guard in self._anchor_guards(node):
                self._eps(at, end, guard)
            return end
        if isinstance(node, Look):
            return self._look(node, at, owner)
        raise TypeError(node)

    def _repeat(self, node: Repeat, at: int, owner: int) -> int:
        for _ in range(min(node.low, MANDATORY_COPIES)):
            at = self._build(node.body, at, owner)
        if node.high is None:
            if node.possessive and isinstance(node.body, Chars):
                # x*+ over one class takes the whole run and never gives any back: the loop
                # is left only before a character outside the class
                every_prev = self.ALL | 1 << self.START
                outside = (self.ALL | 1 << self.END) & ~self._subset_mask(node.body.chars)
                return self._star(node.body, at, owner, _Guard(every_prev, outside))
            return self._star(node.body, at, owner)
        optional = node.high - node.low
        if optional <= 0:
            return at
        if optional * _size(node.body) > EXPANSION_BUDGET:
            self.approximate = True
            return self._star(node.body, at, owner)
        join = self._new(owner)
        for _ in range(optional):  # x(x(x)?)?: one way to stop after each copy
            self._eps(at, join)
            at = self._build(node.body, at, owner)
        self._eps(at, join)
        return join

    def _star(self, body: Node, at: int, owner: int, leave: _Guard | None = None) -> int:
        self.loops += 1
        number = self.loops
        loop, exit_ = self._new(owner), self._new(owner)
        self._eps(at, loop, kind="enter", loop=number)
        begin = self._new(owner)
        self._eps(loop, begin)
        self._eps(self._build(body, begin, owner), loop, kind="back", loop=number)
        self._eps(loop, exit_, leave)
        return exit_

    def _anchor_guards(self, node: Anchor) -> list[_Guard]:
        every_prev, every_next = self.ALL | 1 << self.START, self.ALL | 1 << self.END
        newline = self._mask(NEWLINE)
        if node.kind == "start":
            return [_Guard(1 << self.START, every_next)]
        if node.kind == "line-start":
            return [_Guard(1 << self.START | newline, every_next)]
        if node.kind == "end":
            return [_Guard(every_prev, 1 << self.END)]
        if node.kind in ("end-or-newline", "line-end"):
            return [_Guard(every_prev, 1 << self.END | newline)]
        word = self._subset_mask(node.word or EVERYTHING)
        other_prev, other_next = every_prev & ~word, every_next & ~word
        if node.kind == "boundary":
            return [_Guard(word, other_next), _Guard(other_prev, word)]
        return [_Guard(word, word), _Guard(other_prev, other_next)]  # non-boundary

    def _subset_mask(self, chars: CharSet) -> int:
        """Minterms inside the set (they are either inside or outside: the set is one of the
        sets the minterms were cut from)."""
        return sum(1 << i for i, part in enumerate(self.minterms) if not part - chars)

    def _look(self, node: Look, at: int, owner: int) -> int:
        every_prev, every_next = self.ALL | 1 << self.START, self.ALL | 1 << self.END
        end = self._new(owner)
        guard: _Guard | None = None
        single = node.body.chars if isinstance(node.body, Chars) else None
        if node.behind:
            if single is not None:
                mask = self._subset_mask(single)
                guard = _Guard(every_prev & ~mask if node.negative else mask, every_next)
            elif not node.negative and not _nullable(node.body):
                guard = _Guard(self._mask(_last(node.body)), every_next)
        else:
            if single is not None:
                mask = self._subset_mask(single)
                guard = _Guard(every_prev, every_next & ~mask if node.negative else mask)
            elif not node.negative and not _nullable(node.body):
                guard = _Guard(every_prev, self._mask(_first(node.body)))
            if _has_loop(node.body):  # the lookahead's own scan runs from here each time
                self.owners += 1
                look_owner = self.owners - 1
                begin = self._new(look_owner)
                self._eps(at, begin)
                self.states[self._build(node.body, begin, look_owner)].terminal = look_owner
        self._eps(at, end, guard)
        return end

    # reading: the automaton without epsilon moves, over (state, next symbol) pairs
    def _paths(self, origin: int) -> list[tuple[int, int, int]]:
        """Every epsilon path from `origin` to a consuming or final state: (state, allowed
        previous symbols, allowed next symbols), one entry per path. A loop's way back is
        taken only if the loop was not entered on this path (an iteration that matched
        nothing ends the loop, as in Python's engine)."""
        found: list[tuple[int, int, int]] = []
        every_prev, every_next = self.ALL | 1 << self.START, self.ALL | 1 << self.END
        stack: list[tuple[int, int, int, frozenset[int]]] = [
            (origin, every_prev, every_next, frozenset())]
        while stack:
            state, prev, nxt, entered = stack.pop()
            node = self.states[state]
            if node.chars or node.terminal >= 0:
                found.append((state, prev, nxt))
                if node.chars:
                    continue
            for to, guard, kind, loop in node.eps:
                p, n = (prev & guard.prev, nxt & guard.next) if guard else (prev, nxt)
                if not p or not n:
                    continue
                if kind == "back" and loop in entered:
                    continue
                stack.append((to, p, n, entered | {loop} if kind else entered))
            if len(found) > 100_000:
                raise RuntimeError("too many epsilon paths")
        return found

    def automaton(self) -> None:
        """Nodes are (consuming state, the symbol it consumes next); edges count paths."""
        cache: dict[int, list[tuple[int, int, int]]] = {}
        self.nodes: list[tuple[int, int]] = []
        self.index: dict[tuple[int, int], int] = {}
        self.succ: list[dict[int, int]] = []  # node -> {node: number of paths (capped at 2)}
        self.accepts: list[dict[int, int]] = []  # node -> {owner: mask of next symbols}

        def node_id(state: int, symbol: int) -> int:
            key = (state, symbol)
            if key not in self.index:
                self.index[key] = len(self.nodes)
                self.nodes.append(key)
                self.succ.append({})
                self.accepts.append({})
                queue.append(self.index[key])
            return self.index[key]

        queue: deque[int] = deque()
        self.initial: dict[int, int] = {}
        self.initial_accepts: dict[int, int] = {}
        for state, prev, nxt in self._paths(self.start):
            if not prev >> self.START & 1:
                continue
            self._expand(state, nxt, lambda n, k: self.initial.__setitem__(
                n, min(2, self.initial.get(n, 0) + k)), node_id, self.initial_accepts)
        while queue:
            here = queue.popleft()
            state, symbol = self.nodes[here]
            target = self.states[state].target
            paths = cache.get(target)
            if paths is None:
                paths = cache[target] = self._paths(target)
            succ = self.succ[here]
            for to, prev, nxt in paths:
                if not prev >> symbol & 1:
                    continue
                self._expand(to, nxt, lambda n, k, succ=succ: succ.__setitem__(
                    n, min(2, succ.get(n, 0) + k)), node_id, self.accepts[here])

    def _expand(self, state: int, nxt: int, add: object, node_id: object,
                accepts: dict[int, int]) -> None:
        node = self.states[state]
        if node.terminal >= 0:
            accepts[node.terminal] = accepts.get(node.terminal, 0) | nxt
        chars = node.chars & nxt
        symbol = 0
        while chars:
            if chars & 1:
                add(node_id(state, symbol), 1)  # type: ignore[operator]
            chars >>= 1
            symbol += 1

    # the questions
    def findings(self) -> list[Finding]:
        self.automaton()
        self._index_symbols()
        found: dict[tuple[str, str], Finding] = {}
        sccs = _sccs(len(self.nodes), self.succ)
        loops = [c for c in sccs if len(c) > 1 or c[0] in self.succ[c[0]]]
        for component in loops:
            witness = self._exponential(component)
            if witness:
                found.setdefault((witness.kind, witness.pump), witness)
        if not found:
            for finding in self._polynomial(loops):
                found.setdefault((finding.kind, finding.pump), finding)
        return list(found.values())

    # fast indexes: successors by the symbol they consume, accepting masks per owner
    def _index_symbols(self) -> None:
        self.by_symbol: list[dict[int, list[int]]] = []
        for targets in self.succ:
            index: dict[int, list[int]] = {}
            for y in targets:
                index.setdefault(self.nodes[y][1], []).append(y)
            self.by_symbol.append(index)

    def _accepting(self, owner: int) -> list[int]:
        """Per node: the mask of next symbols before which `owner`'s match can end there."""
        if not hasattr(self, "_accept_masks"):
            self._accept_masks: dict[int, list[int]] = {}
        if owner not in self._accept_masks:
            self._accept_masks[owner] = [a.get(owner, 0) for a in self.accepts]
        return self._accept_masks[owner]

    def _owner(self, node: int) -> int:
        return self.states[self.nodes[node][0]].owner

    def _pairs_on_cycles(self, left: list[int], right: set[int], owner: int | None,
                         seeds: Iterable[tuple[int, int]]) -> tuple[
                             list[tuple[int, int]], list[list[int]], set[tuple[int, int]]]:
        """The product of two parts of the automaton (both threads read the same symbol),
        from the seed pairs: its pairs, its strongly connected components, and its edges made
        twice (one node to one node by two different paths). With an owner, a step is left
        out where a thread could end that owner's match first (as in the searches below)."""
        inside_left = set(left)
        acc = self._accepting(owner) if owner is not None else None
        index: dict[tuple[int, int], int] = {}
        pairs: list[tuple[int, int]] = []
        succ: list[dict[int, int]] = []
        doubled: set[tuple[int, int]] = set()
        for seed in seeds:
            if seed not in index:
                index[seed] = len(pairs)
                pairs.append(seed)
                succ.append({})
        at = 0
        while at < len(pairs):
            x, y = pairs[at]
            mask = acc[x] | acc[y] if acc is not None else 0
            out = succ[at]
            for x2, kx in self.succ[x].items():
                if x2 not in inside_left:
                    continue
                symbol = self.nodes[x2][1]
                if mask >> symbol & 1:
                    continue
                for y2 in self.by_symbol[y].get(symbol, ()):
                    if y2 not in right:
                        continue
                    key = (x2, y2)
                    if key not in index:
                        index[key] = len(pairs)
                        pairs.append(key)
                        succ.append({})
                    out[index[key]] = 1
                    if x == y and x2 == y2 and kx >= 2:
                        doubled.add((at, index[key]))
            at += 1
        return pairs, _sccs(len(pairs), succ), doubled

    def _exponential(self, component: list[int]) -> Finding | None:
        """Two different paths from a node back to itself on one word, inside a component.

        First, once per component: in the product of the component with itself, a diagonal
        pair (q, q) in the same strongly connected part as a pair (x, y) with x != y, or as
        an edge made twice, is such a node q. Then a search from that q alone gives the
        witness: pairs of nodes reached on the same word, flagged once the two paths differ."""
        inside = set(component)
        owners = {self._owner(q) for q in component}
        if len(owners) == 1:
            owner = owners.pop()
            pairs, parts, doubled = self._pairs_on_cycles(
                component, inside, owner, ((q, q) for q in component))
            part_of = {i: n for n, part in enumerate(parts) for i in part}
            twice = {part_of[a] for a, b in doubled if part_of[a] == part_of[b]}
            candidates = []
            for n, part in enumerate(parts):
                apart = n in twice or (len(part) > 1 and
                                       any(pairs[i][0] != pairs[i][1] for i in part))
                if apart:
                    candidates += [pairs[i][0] for i in part if pairs[i][0] == pairs[i][1]]
        else:
            candidates = component
        for q in candidates:
            witness = self._exponential_from(q, inside)
            if witness:
                return witness
        return None

    def _exponential_from(self, q: int, inside: set[int]) -> Finding | None:
        acc = self._accepting(self._owner(q))
        start = (q, q, False)
        parent: dict[tuple[int, int, bool], tuple[int, int, bool] | None] = {start: None}
        queue = deque([start])
        while queue:
            here = queue.popleft()
            x, y, apart = here
            mask = acc[x] | acc[y]
            for x2, kx in self.succ[x].items():
                if x2 not in inside:
                    continue
                symbol = self.nodes[x2][1]
                if mask >> symbol & 1:
                    continue
                for y2 in self.by_symbol[y].get(symbol, ()):
                    if y2 not in inside:
                        continue
                    nxt = (x2, y2, apart or x2 != y2 or (x == y and x2 == y2 and kx >= 2))
                    if nxt == (q, q, True):
                        chain = [here]
                        while parent[chain[-1]] is not None:
                            chain.append(parent[chain[-1]])  # type: ignore[arg-type]
                        chain.reverse()
                        return self._finding("exponential", q, [c[0] for c in chain],
                                             {here[0], here[1]})
                    if nxt not in parent:
                        parent[nxt] = here
                        queue.append(nxt)
        return None

    def _polynomial(self, loops: list[list[int]]) -> Iterator[Finding]:
        """Loops cp and cq, nodes p in cp and q in cq, and a word w with p -w-> p, p -w-> q,
        q -w-> q.

        p -w-> p and q -w-> q put (p, q) on a cycle of the product of the two loops; w can be
        taken inside one strongly connected part S of that product (a part is searched as a
        whole: a path (p, p, q) -> (p', q', q') with (x, z) kept in S closes into (p, q, q)
        by following z's way back from (p', q') to (p, q) inside S, with the middle thread
        on z's path)."""
        reach = {i: self._reachable(c[0]) for i, c in enumerate(loops)}
        reaching: dict[int, set[int]] = {}
        sets = [set(c) for c in loops]
        for i, cp in enumerate(loops):
            for j, cq in enumerate(loops):
                if i == j or cq[0] not in reach[i]:
                    continue
                pairs, parts, _ = self._pairs_on_cycles(
                    cp, sets[j], None, ((p, q) for p in cp for q in cq
                                        if self.nodes[p][1] == self.nodes[q][1]))
                between: set[int] | None = None
                for part in parts:
                    if len(part) == 1 and not self._self_looped(pairs[part[0]]):
                        continue
                    if between is None:
                        if j not in reaching:
                            reaching[j] = self._reaching(cq[0])
                        between = reach[i] & reaching[j]
                    finding = self._ida_in({pairs[k] for k in part}, sets[i], between, sets[j])
                    if finding:
                        yield finding
                        break

    def _self_looped(self, pair: tuple[int, int]) -> bool:
        x, y = pair
        return x in self.succ[x] and y in self.succ[y]

    def _ida_in(self, part: set[tuple[int, int]], cp: set[int], between: set[int],
                cq: set[int]) -> Finding | None:
        chain = self._triple(part, cp, between, cq)
        if not chain:
            return None
        if chain:
            p, _, q = chain[0]
            back = self._pair_path(chain[-1][0], chain[-1][2], p, q, part)
            if back is not None:
                return self._finding_ida(p, q, chain + [(x, z, z) for x, z in back])
        for p, q in sorted(part):  # the way back was cut by an early match: each pair alone
            found = self._triple(part, cp, between, cq, only=(p, q))
            if found:
                return self._finding_ida(p, q, found)
        return None

    def _pair_path(self, x0: int, z0: int, p: int, q: int, part: set[tuple[int, int]]
                   ) -> list[tuple[int, int]] | None:
        """Pairs after (x0, z0) up to (p, q), both threads on one word inside the part."""
        if (x0, z0) == (p, q):
            return []
        acc = self._accepting(self._owner(q))
        parent: dict[tuple[int, int], tuple[int, int] | None] = {(x0, z0): None}
        queue = deque([(x0, z0)])
        while queue:
            here = queue.popleft()
            x, z = here
            mask = acc[x] | acc[z]
            for x2 in self.succ[x]:
                symbol = self.nodes[x2][1]
                if mask >> symbol & 1:
                    continue
                for z2 in self.by_symbol[z].get(symbol, ()):
                    nxt = (x2, z2)
                    if nxt not in part or nxt in parent:
                        continue
                    parent[nxt] = here
                    if nxt == (p, q):
                        path = [nxt]
                        while parent[path[-1]] != (x0, z0):
                            path.append(parent[path[-1]])  # type: ignore[arg-type]
                        return path[::-1]
                    queue.append(nxt)
        return None

    def _triple(self, part: set[tuple[int, int]], cp: set[int], between: set[int],
                cq: set[int], only: tuple[int, int] | None = None
                ) -> list[tuple[int, int, int]]:
        """A path of triples from (p, p, q) to some (p', q', q') (to (p, q, q) itself with
        `only`), the outer threads kept inside the part."""
        starts = [only] if only else sorted(part)
        acc = self._accepting(self._owner(starts[0][1]))
        parent: dict[tuple[int, int, int], tuple[int, int, int] | None] = {
            (x, x, z): None for x, z in starts}
        queue = deque(parent)
        while queue:
            triple = queue.popleft()
            x, y, z = triple
            mask = acc[x] | acc[y] | acc[z]
            for x2 in self.succ[x]:
                if x2 not in cp:
                    continue
                symbol = self.nodes[x2][1]
                if mask >> symbol & 1:
                    continue
                for z2 in self.by_symbol[z].get(symbol, ()):
                    if (x2, z2) not in part:
                        continue
                    for y2 in self.by_symbol[y].get(symbol, ()):
                        if y2 not in between:
                            continue
                        nxt = (x2, y2, z2)
                        if nxt in parent:
                            continue
                        parent[nxt] = triple
                        if y2 == z2 and (only is None or (x2, z2) == only):
                            chain = [nxt]
                            while parent[chain[-1]] is not None:
                                chain.append(parent[chain[-1]])  # type: ignore[arg-type]
                            return chain[::-1]
                        queue.append(nxt)
        return []

    def _reachable(self, a: int) -> set[int]:
        seen, queue = {a}, deque([a])
        while queue:
            for y in self.succ[queue.popleft()]:
                if y not in seen:
                    seen.add(y)
                    queue.append(y)
        return seen

    def _reaching(self, b: int) -> set[int]:
        if not hasattr(self, "_pred"):
            self._pred: list[list[int]] = [[] for _ in self.nodes]
            for x, targets in enumerate(self.succ):
                for y in targets:
                    self._pred[y].append(x)
        seen, queue = {b}, deque([b])
        while queue:
            for x in self._pred[queue.popleft()]:
                if x not in seen:
                    seen.add(x)
                    queue.append(x)
        return seen

    # witnesses
    def _word(self, nodes: Iterable[int]) -> str:
        return "".join(self.minterms[self.nodes[n][1]].sample() for n in nodes)

    def _prefix(self, target: int) -> list[int] | None:
        parent: dict[int, int] = {n: -1 for n in self.initial}
        queue = deque(self.initial)
        while queue:
            x = queue.popleft()
            if x == target:
                path = [x]
                while parent[path[-1]] != -1:
                    path.append(parent[path[-1]])
                return path[::-1]
            for y in self.succ[x]:
                if y not in parent:
                    parent[y] = x
                    queue.append(y)
        return None

    def _finding(self, kind: str, q: int, pumped: list[int], last: set[int]
                 ) -> Finding | None:
        prefix = self._prefix(q)
        if prefix is None:
            return None
        owner = self.states[self.nodes[q][0]].owner
        suffix = self._failing_suffix(last, owner)
        if suffix is None:
            return None
        return Finding(kind, self._word(prefix[:-1]), self._word(pumped), suffix,
                       approximate=self.approximate)

    def _finding_ida(self, p: int, q: int, chain: list[tuple[int, int, int]]
                     ) -> Finding | None:
        prefix = self._prefix(p)
        if prefix is None:
            return None
        owner = self.states[self.nodes[q][0]].owner
        last = chain[-2]
        suffix = self._failing_suffix({last[1], last[2]}, owner)
        if suffix is None:
            return None
        pump = self._word(t[0] for t in chain[:-1])
        from_search = self.nodes[p][0] in self.search_states
        return Finding("polynomial", self._word(prefix[:-1]), pump, suffix,
                       from_search=from_search, approximate=self.approximate)

    def _failing_suffix(self, last: set[int], owner: int) -> str | None:
        """A suffix after which no path from these nodes (which just consumed the pump's
        last symbol) reaches the end of `owner`'s match; None when every suffix matches."""
        start = frozenset(last)
        seen = {start}
        queue: deque[tuple[frozenset[int], str]] = deque([(start, "")])
        while queue:
            current, text = queue.popleft()
            accepted = 0
            successors: dict[int, set[int]] = {}
            for x in current:
                accepted |= self.accepts[x].get(owner, 0)
                for y in self.succ[x]:
                    successors.setdefault(self.nodes[y][1], set()).add(y)
            if not accepted >> self.END & 1:
                return text  # the text ends here and nothing matched
            for symbol in range(self.m):
                if accepted >> symbol & 1:
                    continue
                following = frozenset(successors.get(symbol, ()))
                char = self.minterms[symbol].sample()
                if not following:
                    return text + char
                if following not in seen:
                    if len(seen) > SEARCH_CAP:
                        return text + char  # too many to tell: assume it can fail
                    seen.add(following)
                    queue.append((following, text + char))
        return None


# --- helpers over the tree ------------------------------------------------------------------

def _char_sets(node: Node) -> Iterator[CharSet]:
    if isinstance(node, Chars):
        yield node.chars
    elif isinstance(node, Anchor):
        if node.word is not None:
            yield node.word
    elif isinstance(node, Seq):
        for item in node.items:
            yield from _char_sets(item)
    elif isinstance(node, Alt):
        for option in node.options:
            yield from _char_sets(option)
    elif isinstance(node, (Repeat, Atomic, Look)):
        yield from _char_sets(node.body)
        if isinstance(node, Look) and not _nullable(node.body):
            yield _first(node.body)
            yield _last(node.body)


def _minterms(sets: list[CharSet]) -> list[CharSet]:
    """The classes of characters no set tells apart (each set is a union of them)."""
    parts = [EVERYTHING]
    for chars in dict.fromkeys(sets):
        split = []
        for part in parts:
            if not part.meets(chars):  # untouched: kept as it is
                split.append(part)
                continue
            inside, outside = part & chars, part - chars
            split += [s for s in (inside, outside) if s]
        parts = split
    return parts


def _size(node: Node) -> int:
    if isinstance(node, Seq):
        return sum(map(_size, node.items)) + 1
    if isinstance(node, Alt):
        return sum(map(_size, node.options)) + 2
    if isinstance(node, (Repeat, Atomic, Look)):
        body = _size(node.body)
        if isinstance(node, Repeat) and node.high is not None:
            return body * max(1, min(node.high, 1000)) + 2
        return body + 3
    return 2


def _nullable(node: Node) -> bool:
    if isinstance(node, Chars):
        return False
    if isinstance(node, Seq):
        return all(map(_nullable, node.items))
    if isinstance(node, Alt):
        return any(map(_nullable, node.options))
    if isinstance(node, Repeat):
        return node.low == 0 or _nullable(node.body)
    if isinstance(node, Atomic):
        return _nullable(node.body)
    return True  # anchors, lookarounds, backreferences


def _first(node: Node) -> CharSet:
    """Characters a match of the node can begin with."""
    if isinstance(node, Chars):
        return node.chars
    if isinstance(node, Seq):
        out = CharSet()
        for item in node.items:
            out = out | _first(item)
            if not _nullable(item):
                break
        return out
    if isinstance(node, Alt):
        out = CharSet()
        for option in node.options:
            out = out | _first(option)
        return out
    if isinstance(node, (Repeat, Atomic)):
        return _first(node.body)
    if isinstance(node, Backref):
        return EVERYTHING
    return CharSet()


def _last(node: Node) -> CharSet:
    if isinstance(node, Seq):
        out = CharSet()
        for item in reversed(node.items):
            out = out | _last(item)
            if not _nullable(item):
                break
        return out
    if isinstance(node, Alt):
        out = CharSet()
        for option in node.options:
            out = out | _last(option)
        return out
    if isinstance(node, (Repeat, Atomic)):
        return _last(node.body)
    return _first(node)


def _has_loop(node: Node) -> bool:
    if isinstance(node, Repeat):
        return node.high is None or _has_loop(node.body)
    if isinstance(node, Seq):
        return any(map(_has_loop, node.items))
    if isinstance(node, Alt):
        return any(map(_has_loop, node.options))
    if isinstance(node, (Atomic, Look)):
        return _has_loop(node.body)
    return isinstance(node, Backref)


def _sccs(count: int, succ: list[dict[int, int]]) -> list[list[int]]:
    """Strongly connected components (Tarjan's algorithm, without recursion)."""
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    on_stack: set[int] = set()
    stack: list[int] = []
    out: list[list[int]] = []
    counter = 0
    for root in range(count):
        if root in index:
            continue
        work = [(root, iter(succ[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(succ[child])))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    out.append(component)
    return out


def main(argv: list[str]) -> int:
    bad = 0
    for pattern in argv:
        found = check(pattern)
        bad += bool(found)
        print(f"{pattern!r}: " + ("; ".join(map(str, found)) if found else "linear"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

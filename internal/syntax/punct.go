package syntax

// Punctuation attachment. UD attaches a punctuation mark projectively to
// the head of the unit it delimits: paired marks (quotes, brackets) to the
// head of what they enclose, other marks to the highest node next to them
// that keeps the tree projective, the lower of the candidates on the left
// and on the right (Udapi's ud.FixPunct normalises treebanks, EWT among
// them, to these rules). The greedy parser gets much of this wrong: punct
// is the relation with the most attachment errors. punctFixer applies the
// rules after parsing. Unlike ud.FixPunct it is not conservative (it does
// not keep a parsed head that is one of the rule's candidates): on EWT dev
// the rules alone do slightly better (the rules reproduce 99.0% of the
// gold punctuation heads from the gold trees).

// pairedPunct maps an opening mark to its closing mark.
var pairedPunct = map[string]string{
	"(": ")", "[": "]", "{": "}", `"`: `"`, "'": "'", "“": "”", "‘": "’", "``": "''", "`": "'",
}

// finalPunct reports whether w ends a sentence (and so never hangs from a
// word to its right).
func finalPunct(w string) bool { return w == "." || w == "?" || w == "!" }

// punctFixer holds the scratch space of fixPunct.
type punctFixer struct {
	heads []int // n is the sentence's root token
	punct []bool
	forms []string
	kind  []int8 // 1 opening, 2 closing mark of a pair
	n     int
	lpath []int
	rpath []int
}

const (
	markOpening = 1
	markClosing = 2
)

// Bounds on the work: longer sentences (parsed in chunks anyway) keep the
// parser's punctuation, and a candidate path climbs at most maxClimb
// heads, so a sentence costs at most a constant times its length squared
// with a small constant, whatever its shape.
const (
	maxPunctWords = DefaultMaxTokens
	maxClimb      = 16
)

// fixPunct re-attaches the punctuation of one parsed sentence: heads[i]
// is word i's head (len(forms) for the root), punct[i] whether it is
// punctuation. Only leaves that are not the sentence's root word move, so
// the result is still one tree. It returns the words whose head changed
// (their relation should become punct).
func (f *punctFixer) fix(heads []int, punct []bool, forms []string, moved []int) []int {
	n := len(forms)
	if n > maxPunctWords {
		return moved
	}
	f.heads, f.punct, f.forms, f.n = heads, punct, forms, n
	f.kind = grow(f.kind, n)
	clear(f.kind)
	// Words hanging from a mark move up to the mark's head.
	for i := 0; i < n; i++ {
		for h := heads[i]; h < n && punct[h] && heads[h] < n; h = heads[i] {
			heads[i] = heads[h] // its relation stays
		}
	}
	// Paired marks, outer before inner.
	for i := 0; i < n; i++ {
		if f.kind[i] == markClosing || !punct[i] {
			continue
		}
		closing, ok := pairedPunct[forms[i]]
		if !ok {
			continue
		}
		depth := 0
		for j := i + 1; j < n; j++ {
			if forms[j] == closing && punct[j] && f.kind[j] == 0 {
				if depth > 0 {
					depth--
					continue
				}
				moved = f.pair(i, j, moved)
				break
			} else if forms[j] == forms[i] {
				depth++
			}
		}
	}
	// The other marks.
	for i := 0; i < n; i++ {
		if punct[i] && f.kind[i] == 0 {
			moved = f.single(i, moved)
		}
	}
	return moved
}

// movable reports whether mark i may take a new head: it is a leaf and
// not the root word.
func (f *punctFixer) movable(i int) bool {
	if f.heads[i] >= f.n {
		return false
	}
	for _, h := range f.heads {
		if h == i {
			return false
		}
	}
	return true
}

// setHead gives mark i head h, recording the change.
func (f *punctFixer) setHead(i, h int, moved []int) []int {
	if f.heads[i] != h {
		f.heads[i] = h
		moved = append(moved, i)
	}
	return moved
}

// pair attaches the marks o and c to the nearest words between them whose
// heads lie outside the pair.
func (f *punctFixer) pair(o, c int, moved []int) []int {
	first, last := -1, -1
	firstP, lastP := -1, -1
	for k := o + 1; k < c; k++ {
		if h := f.heads[k]; h < o || h > c {
			if f.punct[k] {
				if firstP < 0 {
					firstP = k
				}
				lastP = k
				continue
			}
			if first < 0 {
				first = k
			}
			last = k
		}
	}
	if first < 0 {
		first, last = firstP, lastP
	}
	if first < 0 || !f.movable(o) || !f.movable(c) {
		return moved
	}
	old := [2]int{f.heads[o], f.heads[c]}
	f.heads[o], f.heads[c] = first, last
	if !f.projective(o) || !f.projective(c) {
		f.heads[o], f.heads[c] = old[0], old[1]
		return moved
	}
	f.heads[o], f.heads[c] = old[0], old[1]
	moved = f.setHead(o, first, moved)
	moved = f.setHead(c, last, moved)
	f.kind[o], f.kind[c] = markOpening, markClosing
	return moved
}

// single attaches mark i to the lower of the highest projective nodes
// next to it on the left and on the right.
func (f *punctFixer) single(i int, moved []int) []int {
	n, heads, punct := f.n, f.heads, f.punct
	if !f.movable(i) {
		return moved
	}
	if f.forms[i] == "." && heads[i] == i-1 {
		return moved // an abbreviation's or a number's dot
	}
	// A comma or dash pair around a unit stays (both ends of their head's
	// span, both hanging from it).
	p := heads[i]
	lo, hi := f.span(p)
	if (i == lo || i == hi) && f.size(p) == hi-lo+1 && punct[lo] && punct[hi] && heads[lo] == p && heads[hi] == p {
		return moved
	}
	l, r := i-1, i+1
	if finalPunct(f.forms[i]) {
		r = n
	}
	for l >= 0 && punct[l] {
		if f.kind[l] == markOpening && heads[l] != i {
			l = -1
			break
		}
		l--
	}
	for r < n && punct[r] {
		if f.kind[r] == markClosing && heads[r] != i {
			r = n
			break
		}
		r++
	}
	f.lpath, f.rpath = f.lpath[:0], f.rpath[:0]
	if l >= 0 {
		f.lpath = append(f.lpath, l)
		for heads[l] < n && heads[l] < i && len(f.lpath) < maxClimb {
			if _, h := f.span(l); h > i {
				break
			}
			l = heads[l]
			f.lpath = append(f.lpath, l)
		}
	}
	if r < n {
		f.rpath = append(f.rpath, r)
		for heads[r] < n && heads[r] > i && len(f.rpath) < maxClimb {
			if lo, _ := f.span(r); lo < i {
				break
			}
			r = heads[r]
			f.rpath = append(f.rpath, r)
		}
	}
	orig := heads[i]
	keep := func(path []int) []int {
		out := path[:0]
		for _, c := range path {
			heads[i] = c
			if f.projective(i) {
				out = append(out, c)
			}
		}
		heads[i] = orig
		return out
	}
	f.lpath, f.rpath = keep(f.lpath), keep(f.rpath)
	lc, rc := -1, -1
	if len(f.lpath) > 0 {
		lc = f.lpath[len(f.lpath)-1]
	}
	if len(f.rpath) > 0 {
		rc = f.rpath[len(f.rpath)-1]
	}
	var cand int
	switch {
	case lc >= 0 && rc >= 0 && f.below(lc, rc):
		cand = lc
	case rc >= 0 && lc >= 0 && f.below(rc, lc):
		cand = rc
	case lc >= 0:
		cand = lc
	case rc >= 0:
		cand = rc
	default:
		return moved
	}
	return f.setHead(i, cand, moved)
}

// below reports whether x is a proper descendant of y.
func (f *punctFixer) below(x, y int) bool {
	for h := f.heads[x]; h < f.n; h = f.heads[h] {
		if h == y {
			return true
		}
	}
	return false
}

// span returns the first and last word of x's subtree.
func (f *punctFixer) span(x int) (lo, hi int) {
	lo, hi = x, x
	for k := 0; k < f.n; k++ {
		if k != x && f.below(k, x) {
			lo, hi = min(lo, k), max(hi, k)
		}
	}
	return lo, hi
}

// size returns the number of words in x's subtree.
func (f *punctFixer) size(x int) int {
	s := 1
	for k := 0; k < f.n; k++ {
		if k != x && f.below(k, x) {
			s++
		}
	}
	return s
}

// projective reports whether leaf i's arc and every arc spanning i are
// projective: the words between i and its head descend from the head, and
// i descends from the head of every arc it lies under.
func (f *punctFixer) projective(i int) bool {
	h := f.heads[i]
	for k := min(i, h) + 1; k < max(i, h); k++ {
		if !f.below(k, h) {
			return false
		}
	}
	for d := 0; d < f.n; d++ {
		g := f.heads[d]
		if d == i || g >= f.n {
			continue
		}
		if min(d, g) < i && i < max(d, g) && g != h && !f.below(h, g) {
			return false
		}
	}
	return true
}

package syntax

import (
	"math/rand/v2"
	"strings"
)

// The parser is a greedy arc-hybrid transition system (Kuhlmann et al.
// 2011) with a root token at the end of the buffer, trained as an
// averaged perceptron with the dynamic oracle and exploration of Goldberg
// and Nivre (2013). Classes: 0 SHIFT, 1+2l LEFT with label l (s0 becomes a
// dependent of b0), 2+2l RIGHT with label l (s0 becomes a dependent of
// s1). LEFT onto the root token is allowed only when s0 is the last word
// on the stack, so every parse is a single projective tree.

const (
	moveShift = iota
	moveLeft
	moveRight
)

// parser holds the relation labels and the transition model.
type parser struct {
	labels []string // label number → UD relation
	root   int      // label number of "root"
	punct  int      // label number of "punct" (-1 if none)
	// coarse maps a tagger class to a hash of its UPOS, for features
	// that generalise over the fine classes.
	coarse []uint64
	perc   *perceptron
}

// labelIndex returns the number of label l, or -1.
func labelIndex(labels []string, l string) int {
	for i, x := range labels {
		if x == l {
			return i
		}
	}
	return -1
}

// coarseTags returns the coarse tag of each joint "XPOS UPOS" class.
func coarseTags(tags []string) []uint64 {
	out := make([]uint64, len(tags))
	for i, t := range tags {
		_, u, _ := strings.Cut(t, " ")
		out[i] = strHash(u) | 1<<8
	}
	return out
}

// setCoarse fills s.ctags.
func (p *parser) setCoarse(s *sent) {
	s.ctags = grow(s.ctags, s.n)
	for i := 0; i < s.n; i++ {
		s.ctags[i] = p.coarse[s.tags[i]]
	}
}

func (p *parser) nClass() int { return 1 + 2*len(p.labels) }

func classOf(move, label int) int {
	if move == moveShift {
		return 0
	}
	return 2*label + move
}

func moveOf(c int) (move, label int) {
	if c == 0 {
		return moveShift, 0
	}
	return 2 - c%2, (c - 1) / 2
}

// config is the state of one parse. Arrays are indexed by word; index n
// is the root token.
type config struct {
	n      int
	stack  []int
	b0     int
	l1, l2 []int // leftmost and second leftmost child
	r1, r2 []int // rightmost and second rightmost child
	nl, nr []int // numbers of left and right children
	lmask  []uint64
	rmask  []uint64
}

func (c *config) reset(n int) {
	c.n = n
	c.stack = c.stack[:0]
	c.b0 = 0
	c.l1 = grow(c.l1, n+1)
	c.l2 = grow(c.l2, n+1)
	c.r1 = grow(c.r1, n+1)
	c.r2 = grow(c.r2, n+1)
	c.nl = grow(c.nl, n+1)
	c.nr = grow(c.nr, n+1)
	c.lmask = grow(c.lmask, n+1)
	c.rmask = grow(c.rmask, n+1)
	for i := 0; i <= n; i++ {
		c.l1[i], c.l2[i], c.r1[i], c.r2[i] = -1, -1, -1, -1
		c.nl[i], c.nr[i] = 0, 0
		c.lmask[i], c.rmask[i] = 0, 0
	}
}

func (c *config) done() bool { return c.b0 >= c.n && len(c.stack) == 0 }

// valid reports which moves are allowed.
func (c *config) valid() (shift, left, right bool) {
	k := len(c.stack)
	return c.b0 < c.n, k >= 1 && (c.b0 < c.n || k == 1), k >= 2
}

// apply performs class cl, recording heads and labels in s.
func (c *config) apply(s *sent, cl int) {
	move, label := moveOf(cl)
	switch move {
	case moveShift:
		c.stack = append(c.stack, c.b0)
		c.b0++
		return
	case moveLeft:
		d := c.stack[len(c.stack)-1]
		c.stack = c.stack[:len(c.stack)-1]
		c.arc(s, c.b0, d, label)
	case moveRight:
		d := c.stack[len(c.stack)-1]
		h := c.stack[len(c.stack)-2]
		c.stack = c.stack[:len(c.stack)-1]
		c.arc(s, h, d, label)
	}
}

func (c *config) arc(s *sent, h, d, label int) {
	s.heads[d] = h
	s.rels[d] = label
	if d < h {
		if c.l1[h] < 0 || d < c.l1[h] {
			c.l2[h], c.l1[h] = c.l1[h], d
		} else if c.l2[h] < 0 || d < c.l2[h] {
			c.l2[h] = d
		}
		c.nl[h]++
		c.lmask[h] |= 1 << uint(label&63)
	} else {
		if c.r1[h] < 0 || d > c.r1[h] {
			c.r2[h], c.r1[h] = c.r1[h], d
		} else if c.r2[h] < 0 || d > c.r2[h] {
			c.r2[h] = d
		}
		c.nr[h]++
		c.rmask[h] |= 1 << uint(label&63)
	}
}

// Parser feature templates.
const (
	pS0w uint64 = iota + 100
	pS0t
	pS0wt
	pS1w
	pS1t
	pS1wt
	pB0w
	pB0t
	pB0wt
	pB1w
	pB1t
	pB1wt
	pB2w
	pB2t
	pB2wt
	pS0wtB0wt
	pS0wtB0w
	pS0wB0wt
	pS0wtB0t
	pS0tB0wt
	pS0wB0w
	pS0tB0t
	pB0tB1t
	pB0tB1tB2t
	pS0tB0tB1t
	pS1tS0tB0t
	pS0tS0l1tB0t
	pS0tS0r1tB0t
	pS0tB0tB0l1t
	pS1tS0tS0l1t
	pS1tS1r1tS0t
	pS0wD
	pS0tD
	pB0wD
	pB0tD
	pS0wB0wD
	pS0tB0tD
	pS0wVr
	pS0tVr
	pS0wVl
	pS0tVl
	pB0wVl
	pB0tVl
	pS0l1w
	pS0l1t
	pS0l1l
	pS0r1w
	pS0r1t
	pS0r1l
	pB0l1w
	pB0l1t
	pB0l1l
	pS0l2w
	pS0l2t
	pS0l2l
	pS0r2w
	pS0r2t
	pS0r2l
	pB0l2w
	pB0l2t
	pB0l2l
	pS0tS0l1tS0l2t
	pS0tS0r1tS0r2t
	pB0tB0l1tB0l2t
	pS0wSr
	pS0tSr
	pS0wSl
	pS0tSl
	pB0wBl
	pB0tBl
	pS2tS1tS0t
	pS1wS0w
	pS1tS0w
	pS1wS0t
	pS0tB1t
	pB0wB1w
	pS1r1l
	pS1r1t
	pS2w
	pS2t
	pS0wS0l1lB0t
	pS1tS0tD
	pS0tS0r1lB0t
	pS1l1t
	pS0u
	pB0u
	pS1u
	pB1u
	pS0uB0u
	pS0uB0uB1u
	pS1uS0uB0u
	pS0wB0u
	pS0uB0w
	pS1uS0u
	pS0uS0l1uB0u
	pS0uS0r1uB0u
	pS0uB0uB0l1u
	pS1wB0w
	pS1uB0u
	pB0suf
	pS0suf
	pS0uB0uD
	pS2u
	pB2u
	pB0uB1uB2u
	pS0uS0vr
	pS0uS0vl
	pB0uB0vl
	pS0l1u
	pS0r1u
	pB0l1u
	pS0uS0r1lB0u
	pS0uS0l1lB0u
	pB0uB0l1lS0u
	pS1uS1r1uS0u
	pS0wS1uB0u
	pB0wS0uS1u
	pS0uB1w
	pS2uS1uS0u
	pS1uS0uB0uD
	pS0c
	pB0c
	pS1c
	pB1c
	pS0cB0c
	pS0cB0u
	pS0uB0c
	pS1cS0c
)

// parseFeats appends the features of the configuration.
func parseFeats(s *sent, c *config, out []uint64) []uint64 {
	n := c.n
	word := func(x int) uint64 {
		switch {
		case x < 0:
			return padWord
		case x >= n:
			return rootWord
		}
		return s.wh[x]
	}
	tag := func(x int) uint64 {
		switch {
		case x < 0:
			return padTag
		case x >= n:
			return rootTag
		}
		return uint64(s.tags[x])
	}
	ctag := func(x int) uint64 {
		switch {
		case x < 0:
			return padTag
		case x >= n:
			return rootTag
		}
		return s.ctags[x]
	}
	suf := func(x int) uint64 {
		switch {
		case x < 0:
			return padWord
		case x >= n:
			return rootWord
		}
		return s.suf3[x]
	}
	cls := func(x int) uint64 {
		switch {
		case x < 0:
			return padWord
		case x >= n:
			return rootWord
		}
		return s.cl[x]
	}
	lab := func(x int) uint64 {
		if x < 0 || x >= n {
			return noLabel
		}
		return uint64(s.rels[x])
	}
	k := len(c.stack)
	s0, s1, s2 := -1, -1, -1
	if k > 0 {
		s0 = c.stack[k-1]
	}
	if k > 1 {
		s1 = c.stack[k-2]
	}
	if k > 2 {
		s2 = c.stack[k-3]
	}
	b0, b1, b2 := c.b0, c.b0+1, c.b0+2
	if b1 > n {
		b1 = -1
	}
	if b2 > n {
		b2 = -1
	}
	at := func(a []int, x int) int {
		if x < 0 {
			return -1
		}
		return a[x]
	}
	iat := func(a []int, x int) uint64 {
		if x < 0 {
			return 0xff
		}
		return uint64(min(a[x], 5))
	}
	mat := func(a []uint64, x int) uint64 {
		if x < 0 {
			return 1 << 63
		}
		return a[x]
	}
	s0w, s0t := word(s0), tag(s0)
	s1w, s1t := word(s1), tag(s1)
	s2w, s2t := word(s2), tag(s2)
	b0w, b0t := word(b0), tag(b0)
	b1w, b1t := word(b1), tag(b1)
	b2w, b2t := word(b2), tag(b2)
	s0l1, s0l2, s0r1, s0r2 := at(c.l1, s0), at(c.l2, s0), at(c.r1, s0), at(c.r2, s0)
	b0l1, b0l2 := c.l1[b0], c.l2[b0]
	s1r1, s1l1 := at(c.r1, s1), at(c.l1, s1)
	var d uint64
	if s0 >= 0 {
		switch dd := b0 - s0; {
		case dd < 5:
			d = uint64(dd)
		case dd < 10:
			d = 5
		default:
			d = 6
		}
	}
	s0vr, s0vl, b0vl := iat(c.nr, s0), iat(c.nl, s0), iat(c.nl, b0)
	out = append(out,
		feat1(pS0w, s0w), feat1(pS0t, s0t), feat2(pS0wt, s0w, s0t),
		feat1(pS1w, s1w), feat1(pS1t, s1t), feat2(pS1wt, s1w, s1t),
		feat1(pB0w, b0w), feat1(pB0t, b0t), feat2(pB0wt, b0w, b0t),
		feat1(pB1w, b1w), feat1(pB1t, b1t), feat2(pB1wt, b1w, b1t),
		feat1(pB2w, b2w), feat1(pB2t, b2t), feat2(pB2wt, b2w, b2t),
		feat3(pS0wtB0wt, mix(s0w, s0t), b0w, b0t),
		feat3(pS0wtB0w, s0w, s0t, b0w),
		feat3(pS0wB0wt, s0w, b0w, b0t),
		feat3(pS0wtB0t, s0w, s0t, b0t),
		feat3(pS0tB0wt, s0t, b0w, b0t),
		feat2(pS0wB0w, s0w, b0w),
		feat2(pS0tB0t, s0t, b0t),
		feat2(pB0tB1t, b0t, b1t),
		feat3(pB0tB1tB2t, b0t, b1t, b2t),
		feat3(pS0tB0tB1t, s0t, b0t, b1t),
		feat3(pS1tS0tB0t, s1t, s0t, b0t),
		feat3(pS0tS0l1tB0t, s0t, tag(s0l1), b0t),
		feat3(pS0tS0r1tB0t, s0t, tag(s0r1), b0t),
		feat3(pS0tB0tB0l1t, s0t, b0t, tag(b0l1)),
		feat3(pS1tS0tS0l1t, s1t, s0t, tag(s0l1)),
		feat3(pS1tS1r1tS0t, s1t, tag(s1r1), s0t),
		feat2(pS0wD, s0w, d), feat2(pS0tD, s0t, d),
		feat2(pB0wD, b0w, d), feat2(pB0tD, b0t, d),
		feat3(pS0wB0wD, s0w, b0w, d), feat3(pS0tB0tD, s0t, b0t, d),
		feat2(pS0wVr, s0w, s0vr), feat2(pS0tVr, s0t, s0vr),
		feat2(pS0wVl, s0w, s0vl), feat2(pS0tVl, s0t, s0vl),
		feat2(pB0wVl, b0w, b0vl), feat2(pB0tVl, b0t, b0vl),
		feat1(pS0l1w, word(s0l1)), feat1(pS0l1t, tag(s0l1)), feat1(pS0l1l, lab(s0l1)),
		feat1(pS0r1w, word(s0r1)), feat1(pS0r1t, tag(s0r1)), feat1(pS0r1l, lab(s0r1)),
		feat1(pB0l1w, word(b0l1)), feat1(pB0l1t, tag(b0l1)), feat1(pB0l1l, lab(b0l1)),
		feat1(pS0l2w, word(s0l2)), feat1(pS0l2t, tag(s0l2)), feat1(pS0l2l, lab(s0l2)),
		feat1(pS0r2w, word(s0r2)), feat1(pS0r2t, tag(s0r2)), feat1(pS0r2l, lab(s0r2)),
		feat1(pB0l2w, word(b0l2)), feat1(pB0l2t, tag(b0l2)), feat1(pB0l2l, lab(b0l2)),
		feat3(pS0tS0l1tS0l2t, s0t, tag(s0l1), tag(s0l2)),
		feat3(pS0tS0r1tS0r2t, s0t, tag(s0r1), tag(s0r2)),
		feat3(pB0tB0l1tB0l2t, b0t, tag(b0l1), tag(b0l2)),
		feat2(pS0wSr, s0w, mat(c.rmask, s0)), feat2(pS0tSr, s0t, mat(c.rmask, s0)),
		feat2(pS0wSl, s0w, mat(c.lmask, s0)), feat2(pS0tSl, s0t, mat(c.lmask, s0)),
		feat2(pB0wBl, b0w, c.lmask[b0]), feat2(pB0tBl, b0t, c.lmask[b0]),
		feat3(pS2tS1tS0t, s2t, s1t, s0t),
		feat2(pS1wS0w, s1w, s0w),
		feat2(pS1tS0w, s1t, s0w),
		feat2(pS1wS0t, s1w, s0t),
		feat2(pS0tB1t, s0t, b1t),
		feat2(pB0wB1w, b0w, b1w),
		feat2(pS1r1l, s1t, lab(s1r1)),
		feat2(pS1r1t, s1t, tag(s1r1)),
		feat1(pS2w, s2w), feat1(pS2t, s2t),
		feat3(pS0wS0l1lB0t, s0w, lab(s0l1), b0t),
		feat3(pS1tS0tD, s1t, s0t, d),
		feat3(pS0tS0r1lB0t, s0t, lab(s0r1), b0t),
		feat2(pS1l1t, s1t, tag(s1l1)),
	)
	s0u, s1u, b0u, b1u := ctag(s0), ctag(s1), ctag(b0), ctag(b1)
	out = append(out,
		feat1(pS0u, s0u), feat1(pB0u, b0u), feat1(pS1u, s1u), feat1(pB1u, b1u),
		feat2(pS0uB0u, s0u, b0u),
		feat3(pS0uB0uB1u, s0u, b0u, b1u),
		feat3(pS1uS0uB0u, s1u, s0u, b0u),
		feat2(pS0wB0u, s0w, b0u),
		feat2(pS0uB0w, s0u, b0w),
		feat2(pS1uS0u, s1u, s0u),
		feat3(pS0uS0l1uB0u, s0u, ctag(s0l1), b0u),
		feat3(pS0uS0r1uB0u, s0u, ctag(s0r1), b0u),
		feat3(pS0uB0uB0l1u, s0u, b0u, ctag(b0l1)),
		feat2(pS1wB0w, s1w, b0w),
		feat2(pS1uB0u, s1u, b0u),
		feat2(pB0suf, suf(b0), b0u),
		feat2(pS0suf, suf(s0), s0u),
		feat3(pS0uB0uD, s0u, b0u, d),
		feat1(pS2u, ctag(s2)), feat1(pB2u, ctag(b2)),
		feat3(pB0uB1uB2u, b0u, b1u, ctag(b2)),
		feat2(pS0uS0vr, s0u, s0vr), feat2(pS0uS0vl, s0u, s0vl), feat2(pB0uB0vl, b0u, b0vl),
		feat2(pS0l1u, ctag(s0l1), s0u), feat2(pS0r1u, ctag(s0r1), s0u), feat2(pB0l1u, ctag(b0l1), b0u),
		feat3(pS0uS0r1lB0u, s0u, lab(s0r1), b0u),
		feat3(pS0uS0l1lB0u, s0u, lab(s0l1), b0u),
		feat3(pB0uB0l1lS0u, b0u, lab(b0l1), s0u),
		feat3(pS1uS1r1uS0u, s1u, ctag(s1r1), s0u),
		feat3(pS0wS1uB0u, s0w, s1u, b0u),
		feat3(pB0wS0uS1u, b0w, s0u, s1u),
		feat2(pS0uB1w, s0u, b1w),
		feat3(pS2uS1uS0u, ctag(s2), s1u, s0u),
		feat3(pS1uS0uB0uD, mix(s1u, d), s0u, b0u),
	)
	s0c, s1c, b0c, b1c := cls(s0), cls(s1), cls(b0), cls(b1)
	out = append(out,
		feat2(pS0c, s0c, s0u), feat2(pB0c, b0c, b0u),
		feat2(pS1c, s1c, s1u), feat2(pB1c, b1c, b1u),
		feat2(pS0cB0c, s0c, b0c),
		feat3(pS0cB0u, s0c, b0u, s0u),
		feat3(pS0uB0c, s0u, b0c, b0u),
		feat2(pS1cS0c, s1c, s0c),
	)
	return out
}

// bestValid returns the best-scoring class allowed in c, or the best
// among those accepted by ok when ok is not nil.
func (p *parser) bestValid(c *config, scores []int32, ok func(int) bool) int {
	shift, left, right := c.valid()
	best := -1
	consider := func(cl int) {
		if ok != nil && !ok(cl) {
			return
		}
		if best < 0 || scores[cl] > scores[best] {
			best = cl
		}
	}
	if shift {
		consider(0)
	}
	if left && c.b0 >= c.n {
		consider(classOf(moveLeft, p.root))
		return best
	}
	for l := range p.labels {
		if l == p.root {
			continue
		}
		if left {
			consider(classOf(moveLeft, l))
		}
		if right {
			consider(classOf(moveRight, l))
		}
	}
	return best
}

// parse fills s.heads (n for the root) and s.rels for the tagged sentence.
func (p *parser) parse(s *sent, c *config) {
	c.reset(s.n)
	p.setCoarse(s)
	nc := p.nClass()
	s.scores = grow(s.scores, nc)
	for !c.done() {
		// Forced moves need no scores.
		switch k := len(c.stack); {
		case k == 0:
			c.apply(s, classOf(moveShift, 0))
			continue
		case k == 1 && c.b0 >= c.n:
			c.apply(s, classOf(moveLeft, p.root))
			continue
		}
		s.feats = parseFeats(s, c, s.feats[:0])
		sc := s.scores[:nc]
		clear(sc)
		p.perc.score(s.feats, sc)
		c.apply(s, p.bestValid(c, sc, nil))
	}
}

// parsedSent is one training sentence for the parser: predicted tags, gold
// heads (n for the root) and gold labels.
type parsedSent struct {
	forms []string
	tags  []int
	heads []int
	rels  []int
}

// costs returns the dynamic-oracle costs of the three moves: the number
// of gold arcs each makes unreachable.
func costs(c *config, gh []int) (shift, left, right int) {
	k := len(c.stack)
	b0 := c.b0
	if b0 < c.n {
		for i, x := range c.stack {
			if gh[x] == b0 {
				shift++
			}
			if i < k-1 && gh[b0] == x {
				shift++
			}
		}
	}
	if k == 0 {
		return
	}
	s0 := c.stack[k-1]
	deps := 0
	for d := b0; d < c.n; d++ {
		if gh[d] == s0 {
			deps++
		}
	}
	left, right = deps, deps
	h := gh[s0]
	if h != b0 && (h > b0 || (k >= 2 && h == c.stack[k-2])) {
		left++
	}
	if h >= b0 {
		right++
	}
	return
}

// trainParser trains the parser, with word classes cl, for epochs
// passes; after each pass it calls check with the averaged model, and
// keeps the model check scores best, returning it with its number of passes (with no check, the model
// after the last pass). Exploration of the model's own mistakes starts in
// the second pass.
func trainParser(data []parsedSent, labels, tags []string, cl map[string]uint16, epochs int, seed uint64, check func(ep int, p *parser) float64) (*parser, int) {
	root := -1
	for i, l := range labels {
		if l == "root" {
			root = i
		}
	}
	p := &parser{labels: labels, root: root, punct: labelIndex(labels, "punct"), coarse: coarseTags(tags)}
	tr := newTrainer(p.nClass())
	rng := rand.New(rand.NewPCG(seed, 0x7061727365720000))
	order := make([]int, len(data))
	for i := range order {
		order[i] = i
	}
	var (
		s      sent
		c      config
		best   *perceptron
		passes = epochs
		bestSc = -1.0
	)
	scores := make([]int32, p.nClass())
	for ep := 0; ep < epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, k := range order {
			d := data[k]
			s.reset(d.forms)
			setClusters(&s, cl)
			copy(s.tags, d.tags)
			p.setCoarse(&s)
			c.reset(s.n)
			for !c.done() {
				cs, cl, cr := costs(&c, d.heads)
				sh, le, ri := c.valid()
				minCost := 1 << 30
				if sh {
					minCost = min(minCost, cs)
				}
				if le {
					minCost = min(minCost, cl)
				}
				if ri {
					minCost = min(minCost, cr)
				}
				goldRel := -1
				if k := len(c.stack); k > 0 {
					goldRel = d.rels[c.stack[k-1]]
				}
				ok := func(cl0 int) bool {
					move, label := moveOf(cl0)
					switch move {
					case moveShift:
						return cs == minCost
					case moveLeft:
						if cl != minCost {
							return false
						}
						if c.b0 >= c.n {
							return true
						}
					case moveRight:
						if cr != minCost {
							return false
						}
					}
					return goldRel == root || label == goldRel
				}
				s.feats = parseFeats(&s, &c, s.feats[:0])
				clear(scores)
				tr.score(s.feats, scores)
				pred := p.bestValid(&c, scores, nil)
				gold := p.bestValid(&c, scores, ok)
				tr.tick()
				next := gold
				if pred != gold && !ok(pred) {
					tr.update(s.feats, gold, pred)
					if ep > 0 && rng.Float64() < 0.9 {
						next = pred
					}
				} else {
					next = pred
				}
				c.apply(&s, next)
			}
		}
		if check != nil {
			cand := &parser{labels: labels, root: root, punct: p.punct, coarse: p.coarse, perc: tr.average()}
			if sc := check(ep, cand); sc > bestSc {
				bestSc, best, passes = sc, cand.perc, ep+1
			}
		}
	}
	if best == nil {
		best = tr.average()
	}
	p.perc = best
	return p, passes
}

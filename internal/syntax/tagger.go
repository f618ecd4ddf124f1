package syntax

import (
	"math/rand/v2"
	"sort"
	"strings"
)

// sent is the per-sentence working state shared by the tagger and the
// parser. It is reused between sentences (see Model.pool).
type sent struct {
	n      int
	forms  []string
	norm   []string
	wh     []uint64 // hash of the normalised form
	ch     []uint64 // hash of the cased form (lower-cased in all-caps text)
	shape  []uint64
	suf3   []uint64
	amb    []uint64 // the word's ambiguity class (tags seen with it)
	cl     []uint64 // the word's class learnt from raw text (see clusters.go)
	caps   bool
	tags   []int
	ctags  []uint64 // coarse tags, for the parser
	heads  []int
	rels   []int
	feats  []uint64
	scores []int32
}

// Padding values for positions outside the sentence.
const (
	padWord  = 0x1badb002
	padTag   = 0xfe
	rootWord = 0x2badb003
	rootTag  = 0xfd
	noLabel  = 0xfc
)

// reset prepares s for words.
func (s *sent) reset(words []string) {
	n := len(words)
	s.n = n
	s.forms = words
	s.norm = grow(s.norm, n)
	s.wh = grow(s.wh, n)
	s.ch = grow(s.ch, n)
	s.shape = grow(s.shape, n)
	s.suf3 = grow(s.suf3, n)
	s.amb = grow(s.amb, n)
	s.cl = grow(s.cl, n)
	s.tags = grow(s.tags, n)
	s.heads = grow(s.heads, n+1)
	s.rels = grow(s.rels, n+1)
	s.caps = allCaps(words)
	for i, w := range words {
		nw := normalize(w)
		s.norm[i] = nw
		s.wh[i] = strHash(nw)
		if s.caps {
			s.ch[i] = s.wh[i] ^ 0x5bd1e995
			s.shape[i] = shapeHash(strings.ToLower(w)) ^ 0x5bd1e995
		} else {
			s.ch[i] = strHash(w) ^ 0x5bd1e995
			s.shape[i] = shapeHash(w)
		}
		s.suf3[i] = strHash(suffix(nw, 3))
	}
}

func grow[T any](b []T, n int) []T {
	if cap(b) < n {
		return make([]T, n, n+n/2)
	}
	return b[:n]
}

// tagger is a greedy left-to-right averaged-perceptron XPOS tagger.
type tagger struct {
	tags []string       // class → XPOS
	dict map[string]int // unambiguous frequent form → class
	// amb maps a normalised form seen at least ambMinCount times to its
	// ambiguity class: a hash of the tags it takes at least 5% of the time.
	amb map[string]uint64
	// cl maps a normalised form to its word class (1 and up).
	cl   map[string]uint16
	perc *perceptron
}

const ambMinCount = 3

// setAmb fills s.amb and s.cl.
func (t *tagger) setAmb(s *sent) {
	for i := 0; i < s.n; i++ {
		a, ok := t.amb[s.norm[i]]
		if !ok {
			a = 0xa5a5
		}
		s.amb[i] = a
	}
	setClusters(s, t.cl)
}

// noCluster is the class value of a word without a class.
const noCluster = 0xc1c1

// setClusters fills s.cl from the word classes cl.
func setClusters(s *sent, cl map[string]uint16) {
	for i := 0; i < s.n; i++ {
		c, ok := cl[s.norm[i]]
		if !ok {
			s.cl[i] = noCluster
			continue
		}
		s.cl[i] = uint64(c) | 1<<16
	}
}

// buildAmb computes the ambiguity classes of the training words.
func buildAmb(data []taggedSent, nTags int) map[string]uint64 {
	counts := map[string][]int{}
	for _, s := range data {
		for i, f := range s.forms {
			k := normalize(f)
			c := counts[k]
			if c == nil {
				c = make([]int, nTags)
				counts[k] = c
			}
			c[s.tags[i]]++
		}
	}
	amb := map[string]uint64{}
	for f, c := range counts {
		total := 0
		for _, v := range c {
			total += v
		}
		if total < ambMinCount {
			continue
		}
		h := uint64(0xa3)
		for j, v := range c {
			if v*20 >= total {
				h = mix(h, uint64(j))
			}
		}
		amb[f] = h
	}
	return amb
}

// Tagger feature templates.
const (
	tBias uint64 = iota + 1
	tW
	tCased
	tSuf1
	tSuf2
	tSuf3
	tSuf4
	tPre1
	tPre3
	tShape
	tWm1
	tWm2
	tWp1
	tWp2
	tP1
	tP2
	tP1P2
	tP1W
	tSufM1
	tSufP1
	tShapeP1
	tShapeM1
	tWWp1
	tWm1W
	tFirstShape
	tCaps
	tP1Wp1
	tAmb
	tAmbP1
	tAmbP2
	tAmbM1
	tP1AmbP1
	tAmbAmbP1
	tCl
	tClM1
	tClP1
	tClClP1
	tP1Cl
)

// tagFeats appends the features of word i given the two previous tags.
func tagFeats(s *sent, i, p1, p2 int, out []uint64) []uint64 {
	w := s.norm[i]
	wh := s.wh[i]
	word := func(j int) uint64 {
		if j < 0 || j >= s.n {
			return padWord + uint64(j-i)
		}
		return s.wh[j]
	}
	out = append(out,
		feat1(tBias, 0),
		feat1(tW, wh),
		feat1(tCased, s.ch[i]),
		feat1(tSuf1, strHash(suffix(w, 1))),
		feat1(tSuf2, strHash(suffix(w, 2))),
		feat1(tSuf3, s.suf3[i]),
		feat1(tSuf4, strHash(suffix(w, 4))),
		feat1(tPre1, strHash(prefix(w, 1))),
		feat1(tPre3, strHash(prefix(w, 3))),
		feat1(tShape, s.shape[i]),
		feat1(tWm1, word(i-1)),
		feat1(tWm2, word(i-2)),
		feat1(tWp1, word(i+1)),
		feat1(tWp2, word(i+2)),
		feat1(tP1, uint64(p1)),
		feat1(tP2, uint64(p2)),
		feat2(tP1P2, uint64(p1), uint64(p2)),
		feat2(tP1W, uint64(p1), wh),
		feat2(tWWp1, wh, word(i+1)),
		feat2(tWm1W, word(i-1), wh),
		feat2(tP1Wp1, uint64(p1), word(i+1)),
	)
	if i > 0 {
		out = append(out, feat1(tSufM1, s.suf3[i-1]), feat1(tShapeM1, s.shape[i-1]))
	} else {
		out = append(out, feat1(tFirstShape, s.shape[i]))
	}
	if i+1 < s.n {
		out = append(out, feat1(tSufP1, s.suf3[i+1]), feat1(tShapeP1, s.shape[i+1]))
	}
	if s.caps {
		out = append(out, feat1(tCaps, wh))
	}
	// at returns word j's value in vals, or a padding value that tells
	// how far outside the sentence j is.
	at := func(vals []uint64, j int) uint64 {
		if j < 0 || j >= s.n {
			return padWord + uint64(j-i)
		}
		return vals[j]
	}
	amb := func(j int) uint64 { return at(s.amb, j) }
	out = append(out,
		feat1(tAmb, amb(i)),
		feat1(tAmbP1, amb(i+1)),
		feat1(tAmbP2, amb(i+2)),
		feat1(tAmbM1, amb(i-1)),
		feat2(tP1AmbP1, uint64(p1), amb(i+1)),
		feat2(tAmbAmbP1, amb(i), amb(i+1)),
	)
	cl := func(j int) uint64 { return at(s.cl, j) }
	out = append(out,
		feat1(tCl, cl(i)),
		feat1(tClM1, cl(i-1)),
		feat1(tClP1, cl(i+1)),
		feat2(tClClP1, cl(i), cl(i+1)),
		feat2(tP1Cl, uint64(p1), cl(i)),
	)
	return out
}

// tag fills s.tags.
func (t *tagger) tag(s *sent) {
	nc := len(t.tags)
	s.scores = grow(s.scores, nc)
	t.setAmb(s)
	p1, p2 := padTag, padTag
	for i := 0; i < s.n; i++ {
		c, ok := -1, false
		if !s.caps {
			c, ok = t.dict[s.forms[i]]
		}
		if !ok {
			s.feats = tagFeats(s, i, p1, p2, s.feats[:0])
			sc := s.scores[:nc]
			clear(sc)
			t.perc.score(s.feats, sc)
			c = argmax(sc)
		}
		s.tags[i] = c
		p2, p1 = p1, c
	}
}

func argmax(sc []int32) int {
	best := 0
	for j := 1; j < len(sc); j++ {
		if sc[j] > sc[best] {
			best = j
		}
	}
	return best
}

// taggedSent is one training sentence for the tagger.
type taggedSent struct {
	forms []string
	tags  []int
}

// buildTagDict finds frequent forms that almost always take one tag.
func buildTagDict(data []taggedSent, nTags int) map[string]int {
	counts := map[string][]int{}
	for _, s := range data {
		for i, f := range s.forms {
			c := counts[f]
			if c == nil {
				c = make([]int, nTags)
				counts[f] = c
			}
			c[s.tags[i]]++
		}
	}
	dict := map[string]int{}
	for f, c := range counts {
		total, best := 0, 0
		for j, v := range c {
			total += v
			if v > c[best] {
				best = j
			}
		}
		if total >= 20 && float64(c[best])/float64(total) >= 0.99 {
			dict[f] = best
		}
	}
	return dict
}

// trainTagger trains the tagger, with word classes cl, for epochs passes
// over data, in an order shuffled by seed.
func trainTagger(data []taggedSent, tags []string, cl map[string]uint16, epochs int, seed uint64) *tagger {
	t := &tagger{tags: tags, dict: buildTagDict(data, len(tags)), amb: buildAmb(data, len(tags)), cl: cl}
	tr := newTrainer(len(tags))
	rng := rand.New(rand.NewPCG(seed, 0x7461676765720000))
	order := make([]int, len(data))
	for i := range order {
		order[i] = i
	}
	var s sent
	scores := make([]int32, len(tags))
	for ep := 0; ep < epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, k := range order {
			d := data[k]
			s.reset(d.forms)
			t.setAmb(&s)
			p1, p2 := padTag, padTag
			for i := 0; i < s.n; i++ {
				gold := d.tags[i]
				c, ok := -1, false
				if !s.caps {
					c, ok = t.dict[s.forms[i]]
				}
				if !ok {
					s.feats = tagFeats(&s, i, p1, p2, s.feats[:0])
					clear(scores)
					tr.score(s.feats, scores)
					c = argmax(scores)
					tr.tick()
					if c != gold {
						tr.update(s.feats, gold, c)
					}
				}
				p2, p1 = p1, c
			}
		}
	}
	t.perc = tr.average()
	return t
}

// sortedKeys returns m's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

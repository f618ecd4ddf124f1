package actors

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
)

// NER tags of the name recognition model.
var nerTags = [...]string{"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"}

const nTags = len(nerTags)

// NERModel is an averaged-perceptron name tagger (IOB2 over PER, ORG and
// LOC) whose features include what the base and the rules found: base
// names and their kinds, title and role words, given names and surnames,
// and the rules' own recognition. It decides which capitalised words
// outside the base are names and of which kind. A model is immutable
// after loading and safe for concurrent use.
type NERModel struct {
	w map[uint64][nTags]float32
}

// nerMagic starts a model file.
const nerMagic = "SITREP-NER-1\n"

// WriteTo writes the model, gzip-compressed, with features in a fixed
// order so that equal models give equal bytes.
func (m *NERModel) WriteTo(out io.Writer) (int64, error) {
	zw, err := gzip.NewWriterLevel(out, gzip.BestCompression)
	if err != nil {
		return 0, err
	}
	bw := bufio.NewWriter(zw)
	keys := make([]uint64, 0, len(m.w))
	for k := range m.w {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	bw.WriteString(nerMagic)
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], uint64(len(keys)))
	bw.Write(b[:])
	for _, k := range keys {
		binary.LittleEndian.PutUint64(b[:], k)
		bw.Write(b[:])
		ws := m.w[k]
		for _, x := range ws {
			// Weights are stored as int16 hundredths: enough precision
			// for an averaged perceptron, half the size of float32.
			v := math.Round(float64(x) * 100)
			v = max(min(v, math.MaxInt16), math.MinInt16)
			binary.LittleEndian.PutUint16(b[:2], uint16(int16(v)))
			bw.Write(b[:2])
		}
	}
	if err := bw.Flush(); err != nil {
		return 0, err
	}
	return 0, zw.Close()
}

// LoadNER reads a model written by WriteTo.
func LoadNER(in io.Reader) (*NERModel, error) {
	zr, err := gzip.NewReader(in)
	if err != nil {
		return nil, fmt.Errorf("ner model: %w", err)
	}
	br := bufio.NewReader(zr)
	magic := make([]byte, len(nerMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != nerMagic {
		return nil, errors.New("ner model: bad header")
	}
	var b [8]byte
	if _, err := io.ReadFull(br, b[:]); err != nil {
		return nil, fmt.Errorf("ner model: %w", err)
	}
	n := binary.LittleEndian.Uint64(b[:])
	if n > 1<<24 {
		return nil, errors.New("ner model: too many features")
	}
	m := &NERModel{w: make(map[uint64][nTags]float32, n)}
	for i := uint64(0); i < n; i++ {
		if _, err := io.ReadFull(br, b[:]); err != nil {
			return nil, fmt.Errorf("ner model: %w", err)
		}
		k := binary.LittleEndian.Uint64(b[:])
		var ws [nTags]float32
		for t := range ws {
			if _, err := io.ReadFull(br, b[:2]); err != nil {
				return nil, fmt.Errorf("ner model: %w", err)
			}
			ws[t] = float32(int16(binary.LittleEndian.Uint16(b[:2]))) / 100
		}
		m.w[k] = ws
	}
	return m, nil
}

// fhash hashes a feature template and value (FNV-1a, 64 bits).
func fhash(tmpl byte, vals ...string) uint64 {
	h := uint64(14695981039346656037)
	h ^= uint64(tmpl)
	h *= 1099511628211
	for _, v := range vals {
		for i := 0; i < len(v); i++ {
			h ^= uint64(v[i])
			h *= 1099511628211
		}
		h ^= 0xff
		h *= 1099511628211
	}
	return h
}

// wordShape maps a word to its shape: "Xx", "X", "x", "d", with runs
// collapsed ("Iran" → "Xx", "U.S." → "X.X.", "2014" → "d").
func wordShape(w string) string {
	var b strings.Builder
	var last rune
	for _, r := range w {
		var c rune
		switch {
		case r >= 'A' && r <= 'Z':
			c = 'X'
		case r >= 'a' && r <= 'z':
			c = 'x'
		case r >= '0' && r <= '9':
			c = 'd'
		case r > 127:
			if strings.ToUpper(string(r)) == string(r) && strings.ToLower(string(r)) != string(r) {
				c = 'X'
			} else {
				c = 'x'
			}
		default:
			c = r
		}
		if c != last {
			b.WriteRune(c)
			last = c
		}
		if b.Len() > 6 {
			break
		}
	}
	return b.String()
}

// tokInfo is what the rules found at one token, for model features.
type tokInfo struct {
	rule   string // "B-PER-kb", "I-LOC-ner", "DEM", ""
	sector string // "T", "P", "G", "O", "X" or ""
}

// ruleInfo summarises the rule pass per token of the article.
func (st *art) ruleInfo() []tokInfo {
	info := make([]tokInfo, len(st.toks))
	for _, m := range st.ments {
		if m.kind == "" || m.desc || m.pron {
			continue
		}
		if m.demonym {
			for k := m.s; k < m.e; k++ {
				info[k].rule = "DEM"
			}
			continue
		}
		src := "kb"
		if m.via == "ner" {
			src = "ner"
		}
		for k := m.s; k < m.e; k++ {
			p := "I-"
			if k == m.s {
				p = "B-"
			}
			info[k].rule = p + m.kind + "-" + src
		}
	}
	for _, sp := range st.sectors {
		c := "O"
		switch {
		case sp.w.Title:
			c = "T"
		case sp.w.Person:
			c = "P"
		case sp.w.Group:
			c = "G"
		case sp.w.Modifier:
			c = "X"
		}
		for k := sp.s; k < sp.e; k++ {
			info[k].sector = c
		}
	}
	return info
}

// staticFeatures returns the features of token i of sentence [s,e) that
// do not depend on the previous tag.
func (st *art) staticFeatures(i, s, e int, info []tokInfo, lowerSeen map[string]bool, out []uint64) []uint64 {
	t := st.toks[i]
	word := func(k int) string {
		if k < s {
			return "<s>"
		}
		if k >= e {
			return "</s>"
		}
		return st.toks[k].lower
	}
	shape := func(k int) string {
		if k < s || k >= e {
			return "_"
		}
		return wordShape(st.toks[k].text)
	}
	rule := func(k int) string {
		if k < s || k >= e {
			return "_"
		}
		return info[k].rule
	}
	sh := shape(i)
	lw := t.lower
	first := "0"
	if t.first {
		first = "1"
	}
	out = append(out,
		fhash(1),
		fhash(2, lw),
		fhash(3, sh),
		fhash(4, suffix(lw, 3)),
		fhash(5, prefix(lw, 3)),
		fhash(6, word(i-1)),
		fhash(7, word(i+1)),
		fhash(8, shape(i-1), sh),
		fhash(9, sh, shape(i+1)),
		fhash(10, first, sh),
		fhash(11, rule(i)),
		fhash(12, rule(i-1), rule(i)),
		fhash(13, info[i].sector),
		fhash(15, word(i-2)),
		fhash(16, word(i+2)),
		fhash(17, suffix(lw, 2)),
		fhash(18, rule(i+1)),
		fhash(19, rule(i), sh),
		fhash(20, word(i-1), sh),
		fhash(36, shape(i-2), shape(i-1), sh),
		fhash(37, sh, shape(i+1), shape(i+2)),
	)
	if i > s {
		out = append(out, fhash(14, info[i-1].sector))
	}
	if st.r.kb.given[lw] {
		out = append(out, fhash(21, first))
	}
	if len(st.r.kb.surnames[lw]) > 0 {
		out = append(out, fhash(22))
	}
	if lowerSeen[lw] && t.cap {
		out = append(out, fhash(23, first))
	}
	if st.capsSeen[lw] {
		out = append(out, fhash(24, first))
	}
	if orgSuffixes[lw] {
		out = append(out, fhash(25))
	}
	if locSuffixes[lw] {
		out = append(out, fhash(26))
	}
	if locPrefixes[lw] || orgPrefixes[lw] {
		out = append(out, fhash(27, lw))
	}
	if i > s && honorifics[st.toks[i-1].lower] {
		out = append(out, fhash(28))
	}
	if functionWords[lw] {
		out = append(out, fhash(29, sh))
	}
	if norp[lw] || timeWords[lw] {
		out = append(out, fhash(30))
	}
	if t.upos != "" {
		out = append(out, fhash(31, t.upos), fhash(32, t.upos, sh))
	}
	if i+1 < e && personVerbs[st.toks[i+1].lower] {
		out = append(out, fhash(33))
	}
	if st.shouty(s, e) {
		out = append(out, fhash(34))
	}
	return out
}

func suffix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[len(s)-n:]
}

func prefix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}

// allowed reports whether tag t may follow tag prev in IOB2.
func allowed(prev, t int) bool {
	if t == 0 || t%2 == 1 {
		return true // O and B-X
	}
	return prev == t || prev == t-1 // I-X after B-X or I-X
}

// dynFeatures adds the previous-tag features of a token.
func dynFeatures(prev int, sh, lw string, out []uint64) []uint64 {
	p := nerTags[prev]
	return append(out, fhash(40, p), fhash(41, p, sh), fhash(42, p, lw))
}

// score adds the weights of feats into sc.
func (m *NERModel) score(feats []uint64, sc *[nTags]float32) {
	for _, f := range feats {
		if w, ok := m.w[f]; ok {
			for t := range sc {
				sc[t] += w[t]
			}
		}
	}
}

// tagSentence tags sentence [s,e) greedily.
func (m *NERModel) tagSentence(st *art, s, e int, info []tokInfo, lowerSeen map[string]bool) []int {
	tags := make([]int, e-s)
	prev := 0
	var feats []uint64
	for i := s; i < e; i++ {
		feats = st.staticFeatures(i, s, e, info, lowerSeen, feats[:0])
		feats = dynFeatures(prev, wordShape(st.toks[i].text), st.toks[i].lower, feats)
		var sc [nTags]float32
		m.score(feats, &sc)
		best := -1
		for t := range sc {
			if allowed(prev, t) && (best < 0 || sc[t] > sc[best]) {
				best = t
			}
		}
		tags[i-s] = best
		prev = best
	}
	return tags
}

// lowerSeenWords holds the words the article has in lower case.
func (st *art) lowerSeenWords() map[string]bool {
	seen := map[string]bool{}
	for _, t := range st.toks {
		if t.alpha && !t.cap {
			seen[t.lower] = true
		}
	}
	return seen
}

// applyModel replaces the rules' recognised names with the model's: a
// predicted name that overlaps a base or dictionary name is dropped (the
// base wins); one that covers role words ("Burger King") takes them.
func (st *art) applyModel(m *NERModel, bounds [][2]int) {
	info := st.ruleInfo()
	lowerSeen := st.lowerSeenWords()
	var dropped []ment
	kept := st.ments[:0]
	for _, x := range st.ments {
		if x.via != "ner" || st.anchored(x) {
			kept = append(kept, x)
		} else {
			if x.code != "" {
				dropped = append(dropped, x)
			}
			for k := x.s; k < x.e; k++ {
				st.covered[k] = 0
			}
		}
	}
	st.ments = kept
	drop := map[int]bool{}
	for _, b := range bounds {
		tags := m.tagSentence(st, b[0], b[1], info, lowerSeen)
		for i := 0; i < len(tags); {
			if tags[i] == 0 {
				i++
				continue
			}
			kind := nerTags[tags[i]][2:]
			j := i + 1
			for j < len(tags) && tags[j] == tags[i]+1 {
				j++
			}
			s, e := b[0]+i, b[0]+j
			i = j
			for s < e && (honorifics[st.toks[s].lower] || st.toks[s].lower == "the" || st.covered[s] == 2) {
				s++ // "Dr. Vincent Kaminski": the name is "Vincent Kaminski"
			}
			for k := s; k < e; k++ {
				if t := st.toks[k].text; t == "(" || t == ")" || t == "," || t == ";" || t == ":" {
					e = k // a name does not run across brackets or commas
				}
			}
			if s >= e {
				continue
			}
			free := true
			for k := s; k < e; k++ {
				if st.covered[k] == 1 {
					free = false
				}
			}
			if !free {
				continue
			}
			for k := s; k < e; k++ {
				if sk := st.sectorAt(k); sk >= 0 {
					drop[sk] = true
				}
				st.covered[k] = 1
			}
			st.ments = append(st.ments, ment{s: s, e: e, sent: st.toks[s].sent, kind: kind, person: -1, via: "ner", name: true, ante: -1, orgRef: -1, code: st.leadingCountryIf(kind, s, e)})
		}
	}
	// A dropped name that opened with a country keeps the country word
	// ("Iranian" of "the Iranian Embassy").
	for _, d := range dropped {
		if st.covered[d.s] != 0 {
			continue
		}
		g := st.r.kb.gaz
		buf := make([]byte, 0, 32)
	find:
		for n := min(d.e-d.s-1, g.maxLen); n >= 1; n-- {
			for _, gn := range st.lookup(g, d.s, n, buf) {
				if (gn.t.place || gn.t.demonym) && gn.t.code == d.code {
					st.addGazMention(gn.t, d.s, d.s+n)
					break find
				}
			}
		}
	}
	if len(drop) > 0 {
		kept := st.sectors[:0]
		for k, sp := range st.sectors {
			if !drop[k] {
				kept = append(kept, sp)
			}
		}
		st.sectors = kept
	}
}

// TrainNER trains a model on IOB2 sentences for the given number of
// passes. The sentences of a document are annotated together with the
// rules (r's base, without a model) to compute the features. Training is
// deterministic: the same data and passes give the same model.
func (r *Resolver) TrainNER(sents []IOBSentence, passes int) *NERModel {
	rules := r.WithNER(nil)
	type example struct {
		st     *art
		s, e   int
		info   []tokInfo
		lower  map[string]bool
		gold   []int
		static [][]uint64
	}
	var exs []example
	for i := 0; i < len(sents); {
		j := i + 1
		for j < len(sents) && sents[j].Doc == sents[i].Doc && sents[i].Doc != "" {
			j++
		}
		a, _ := iobArticle(sents[i:j])
		st := rules.annotate(a)
		i0 := i
		i = j
		if st == nil || len(st.toks) != len(a.Tokens) {
			continue
		}
		info := st.ruleInfo()
		lower := st.lowerSeenWords()
		for si, b := range st.sentenceBounds() {
			gold := make([]int, b[1]-b[0])
			for k, tag := range sents[i0+si].Tags {
				gold[k] = slices.Index(nerTags[:], tag)
				if gold[k] < 0 {
					gold[k] = 0
				}
			}
			ex := example{st: st, s: b[0], e: b[1], info: info, lower: lower, gold: gold}
			for k := b[0]; k < b[1]; k++ {
				ex.static = append(ex.static, st.staticFeatures(k, b[0], b[1], info, lower, nil))
			}
			exs = append(exs, ex)
		}
	}
	w := map[uint64]*[nTags]float32{}
	tot := map[uint64]*[nTags]float64{}
	stamp := map[uint64]*[nTags]int{}
	now := 0
	update := func(f uint64, t int, d float32) {
		wf, ok := w[f]
		if !ok {
			wf = new([nTags]float32)
			w[f] = wf
			tot[f] = new([nTags]float64)
			stamp[f] = new([nTags]int)
		}
		tot[f][t] += float64(now-stamp[f][t]) * float64(wf[t])
		stamp[f][t] = now
		wf[t] += d
	}
	rng := rand.New(rand.NewPCG(1, 2))
	order := make([]int, len(exs))
	for i := range order {
		order[i] = i
	}
	var feats []uint64
	for pass := 0; pass < passes; pass++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, oi := range order {
			ex := exs[oi]
			prev := 0
			for k := range ex.gold {
				now++
				i := ex.s + k
				feats = append(feats[:0], ex.static[k]...)
				feats = dynFeatures(prev, wordShape(ex.st.toks[i].text), ex.st.toks[i].lower, feats)
				var sc [nTags]float32
				for _, f := range feats {
					if wf, ok := w[f]; ok {
						for t := range sc {
							sc[t] += wf[t]
						}
					}
				}
				best := -1
				for t := range sc {
					if allowed(prev, t) && (best < 0 || sc[t] > sc[best]) {
						best = t
					}
				}
				g := ex.gold[k]
				if best != g {
					for _, f := range feats {
						update(f, g, 1)
						update(f, best, -1)
					}
				}
				// Teacher forcing: the next decision sees the gold tag.
				prev = g
			}
		}
	}
	m := &NERModel{w: make(map[uint64][nTags]float32, len(w))}
	for f, wf := range w {
		var avg [nTags]float32
		nonzero := false
		for t := range avg {
			total := tot[f][t] + float64(now-stamp[f][t])*float64(wf[t])
			avg[t] = float32(total / float64(max(now, 1)))
			if math.Abs(float64(avg[t])) >= 0.005 {
				nonzero = true
			}
		}
		if nonzero {
			m.w[f] = avg
		}
	}
	return m
}

// WithNER returns a copy of r that recognises names with m (nil: with
// the rules alone).
func (r *Resolver) WithNER(m *NERModel) *Resolver {
	c := *r
	c.ner = m
	return &c
}

// Features returns the number of features with a weight.
func (m *NERModel) Features() int { return len(m.w) }

// anchored reports whether a name the rules recognised rests on the base
// or the article, so that the model may not drop it: a surname of a
// person of the base, a surname of an earlier name, or a name after a
// title or an honorific ("President Rouhani", "Mr Cameron").
func (st *art) anchored(m ment) bool {
	if m.kind != KindPER {
		return false
	}
	key := st.key(m)
	if len(st.r.kb.surnames[key]) > 0 || st.earlierSurname(st.toks[m.e-1].lower) && m.e-m.s == 1 {
		return true
	}
	if m.s > 0 && st.toks[m.s-1].sent == m.sent {
		p := st.toks[m.s-1]
		if honorifics[p.lower] {
			return true
		}
		if k := st.sectorAt(m.s - 1); k >= 0 && st.sectors[k].w.Title {
			return true
		}
	}
	return false
}

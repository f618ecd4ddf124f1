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
	"reflect"
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
	w *nerWeights
	// lex maps lower-cased words to a class learned from a treebank: how
	// often the word is a proper noun there and how often it is written in
	// lower case (see Lexicon). Nil when the model was trained without one.
	lex map[string]uint8
	// det is the name detector whose output is a feature of this model:
	// a model of the same form trained to find proper-noun runs (tagged
	// B-PER/I-PER) in a treebank, untyped. Nil when trained without one.
	det *NERModel
	// joint holds det's weights and this model's together, so that the
	// features both compute are looked up once (nil without a detector,
	// or when the detector has one of its own).
	joint *nerJoint
}

// index builds the model's joint table; call it once the model is whole.
func (m *NERModel) index() *NERModel {
	if m.det != nil && m.det.det == nil {
		m.joint = newNERJoint(m.det.w, m.w)
	}
	return m
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
	bw.WriteString(nerMagic)
	writeWeights(bw, m.w)
	var b [8]byte
	words := make([]string, 0, len(m.lex))
	for w := range m.lex {
		if len(w) <= 255 {
			words = append(words, w)
		}
	}
	slices.Sort(words)
	binary.LittleEndian.PutUint64(b[:], uint64(len(words)))
	bw.Write(b[:])
	for _, w := range words {
		bw.WriteByte(byte(len(w)))
		bw.WriteString(w)
		bw.WriteByte(m.lex[w])
	}
	if m.det != nil {
		bw.WriteByte(1)
		writeWeights(bw, m.det.w)
	} else {
		bw.WriteByte(0)
	}
	if err := bw.Flush(); err != nil {
		return 0, err
	}
	return 0, zw.Close()
}

// writeWeights writes weights sorted by feature, as int16 hundredths:
// enough precision for an averaged perceptron, half the size of float32.
func writeWeights(bw *bufio.Writer, w *nerWeights) {
	keys := w.sortedKeys()
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], uint64(len(keys)))
	bw.Write(b[:])
	for _, k := range keys {
		binary.LittleEndian.PutUint64(b[:], k)
		bw.Write(b[:])
		for _, x := range w.get(k) {
			v := math.Round(float64(x) * 100)
			v = max(min(v, math.MaxInt16), math.MinInt16)
			binary.LittleEndian.PutUint16(b[:2], uint16(int16(v)))
			bw.Write(b[:2])
		}
	}
}

// readWeights reads what writeWeights wrote.
func readWeights(br *bufio.Reader) (*nerWeights, error) {
	var b [8]byte
	if _, err := io.ReadFull(br, b[:]); err != nil {
		return nil, err
	}
	n := binary.LittleEndian.Uint64(b[:])
	if n > 1<<24 {
		return nil, errors.New("too many features")
	}
	w := newNERWeightsSized(int(n))
	for i := uint64(0); i < n; i++ {
		if _, err := io.ReadFull(br, b[:]); err != nil {
			return nil, err
		}
		k := binary.LittleEndian.Uint64(b[:])
		var ws [nTags]float32
		for t := range ws {
			if _, err := io.ReadFull(br, b[:2]); err != nil {
				return nil, err
			}
			ws[t] = float32(int16(binary.LittleEndian.Uint16(b[:2]))) / 100
		}
		w.put(k, ws)
	}
	return w, nil
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
	m := &NERModel{}
	if m.w, err = readWeights(br); err != nil {
		return nil, fmt.Errorf("ner model: %w", err)
	}
	var b [8]byte
	if _, err := io.ReadFull(br, b[:]); err == io.EOF {
		return m, nil // a model without a lexicon
	} else if err != nil {
		return nil, fmt.Errorf("ner model lexicon: %w", err)
	}
	nl := binary.LittleEndian.Uint64(b[:])
	if nl > 1<<24 {
		return nil, errors.New("ner model: lexicon too large")
	}
	m.lex = make(map[string]uint8, nl)
	buf := make([]byte, 256)
	for i := uint64(0); i < nl; i++ {
		n, err := br.ReadByte()
		if err != nil {
			return nil, fmt.Errorf("ner model lexicon: %w", err)
		}
		if _, err := io.ReadFull(br, buf[:int(n)+1]); err != nil {
			return nil, fmt.Errorf("ner model lexicon: %w", err)
		}
		m.lex[string(buf[:n])] = buf[n]
	}
	flag, err := br.ReadByte()
	if err == io.EOF || flag == 0 {
		return m, nil
	} else if err != nil {
		return nil, fmt.Errorf("ner model: %w", err)
	}
	dw, err := readWeights(br)
	if err != nil {
		return nil, fmt.Errorf("ner model detector: %w", err)
	}
	m.det = &NERModel{w: dw, lex: m.lex}
	return m.index(), nil
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
// do not depend on the previous tag: baseFeatures, then detFeatures when
// det is not nil, then lexFeatures when lex is not nil. The order matters:
// scores are float sums taken in feature order.
func (st *art) staticFeatures(i, s, e int, info []tokInfo, ws *nerWords, lex map[string]uint8, det []int, out []uint64) []uint64 {
	out = st.baseFeatures(i, s, e, info, ws, out)
	out = st.detFeatures(i, s, e, info, det, out)
	return st.lexFeatures(i, s, e, lex, ws, out)
}

// wordInfo is what the word lists say about one token's word, looked up
// once per article instead of once per feature and model.
type wordInfo struct {
	given, surname, lowerSeen, capsSeen, orgSuffix, locSuffix, prefix bool
	honorific, function, common, personVerb                           bool
	kind                                                              uint8 // st.r.kb.wordKinds
	lexOK                                                             bool  // the word is in nerWords.lex
	lexCls                                                            uint8
}

// nerWords holds the wordInfo of every token of an article.
type nerWords struct {
	w []wordInfo
	// lex is the lexicon the lexicon classes come from.
	lex map[string]uint8
}

// nerWords looks the article's words up; lowerSeen holds the words it
// has in lower case.
func (st *art) nerWords(lowerSeen map[string]bool, lex map[string]uint8) *nerWords {
	ws := &nerWords{w: make([]wordInfo, len(st.toks)), lex: lex}
	kb := st.r.kb
	seen := make(map[string]wordInfo, len(st.toks)/2) // words repeat: look each up once
	for k, t := range st.toks {
		lw := t.lower
		if w, ok := seen[lw]; ok {
			ws.w[k] = w
			continue
		}
		w := &ws.w[k]
		w.given = kb.given[lw]
		w.surname = len(kb.surnames[lw]) > 0
		w.lowerSeen = lowerSeen[lw]
		w.capsSeen = st.capsSeen[lw]
		w.orgSuffix = orgSuffixes[lw]
		w.locSuffix = locSuffixes[lw]
		w.prefix = locPrefixes[lw] || orgPrefixes[lw]
		w.honorific = honorifics[lw]
		w.function = functionWords[lw]
		w.common = norp[lw] || timeWords[lw]
		w.personVerb = personVerbs[lw]
		w.kind = kb.wordKinds[lw]
		if lex != nil {
			w.lexCls, w.lexOK = lex[lw]
		}
		seen[lw] = *w
	}
	return ws
}

// sameMap reports whether a and b are the same map (or both nil).
func sameMap(a, b map[string]uint8) bool {
	return reflect.ValueOf(a).UnsafePointer() == reflect.ValueOf(b).UnsafePointer()
}

// baseFeatures returns the features of token i of sentence [s,e) that
// depend neither on the detector nor on the lexicon.
func (st *art) baseFeatures(i, s, e int, info []tokInfo, ws *nerWords, out []uint64) []uint64 {
	t := st.toks[i]
	w := &ws.w[i]
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
		return st.shape(k)
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
	if w.given {
		out = append(out, fhash(21, first))
	}
	if w.surname {
		out = append(out, fhash(22))
	}
	if w.lowerSeen && t.cap {
		out = append(out, fhash(23, first))
	}
	if w.capsSeen {
		out = append(out, fhash(24, first))
	}
	if w.orgSuffix {
		out = append(out, fhash(25))
	}
	if w.locSuffix {
		out = append(out, fhash(26))
	}
	if w.prefix {
		out = append(out, fhash(27, lw))
	}
	if i > s && ws.w[i-1].honorific {
		out = append(out, fhash(28))
	}
	if w.function {
		out = append(out, fhash(29, sh))
	}
	if w.common {
		out = append(out, fhash(30))
	}
	if t.upos != "" {
		out = append(out, fhash(31, t.upos), fhash(32, t.upos, sh))
	}
	if i+1 < e && ws.w[i+1].personVerb {
		out = append(out, fhash(33))
	}
	if st.shoutySent(s, e) {
		out = append(out, fhash(34))
	}
	if k := w.kind; k != 0 {
		out = append(out, fhash(35, string(rune('0'+k))), fhash(38, string(rune('0'+k)), first))
	}
	if i+1 < e {
		if k := ws.w[i+1].kind; k != 0 && st.toks[i+1].cap {
			out = append(out, fhash(39, string(rune('0'+k))))
		}
	}
	if st.informalSent(s, e) {
		out = append(out, fhash(43, sh))
	}
	if b := st.flags(s, e).capBucket; b != "" {
		out = append(out, fhash(59, b, sh), fhash(60, b, first, sh))
	}
	return out
}

// detFeatures returns the features of token i of sentence [s,e) that come
// from the detector's tags det (none when det is nil).
func (st *art) detFeatures(i, s, e int, info []tokInfo, det []int, out []uint64) []uint64 {
	if det != nil {
		d := det[i-s]
		pd := 0
		if i > s {
			pd = det[i-s-1]
		}
		nd := 0
		if i+1 < e {
			nd = det[i-s+1]
		}
		sh := st.shape(i)
		out = append(out, fhash(49, nerTags[d]), fhash(50, nerTags[d], sh), fhash(51, nerTags[pd], nerTags[d]), fhash(52, nerTags[d], nerTags[nd]), fhash(53, nerTags[d], info[i].rule))
	}
	return out
}

// lexFeatures returns the features of token i of sentence [s,e) that come
// from the lexicon lex (none when lex is nil).
func (st *art) lexFeatures(i, s, e int, lex map[string]uint8, ws *nerWords, out []uint64) []uint64 {
	if lex != nil {
		cached := ws != nil && sameMap(lex, ws.lex)
		class := func(k int) (uint8, bool) {
			if cached {
				return ws.w[k].lexCls, ws.w[k].lexOK
			}
			c, ok := lex[st.toks[k].lower]
			return c, ok
		}
		sh := st.shape(i)
		first := "0"
		if st.toks[i].first {
			first = "1"
		}
		c, ok := class(i)
		cls := "unk"
		if ok {
			cls = string(rune('a' + c))
		}
		out = append(out, fhash(44, cls), fhash(45, cls, sh), fhash(46, cls, first))
		if i > s {
			pc, ok := class(i - 1)
			pcls := "unk"
			if ok {
				pcls = string(rune('a' + pc))
			}
			out = append(out, fhash(47, pcls, cls))
		}
		if i+1 < e {
			nc, ok := class(i + 1)
			ncls := "unk"
			if ok {
				ncls = string(rune('a' + nc))
			}
			out = append(out, fhash(48, cls, ncls))
		}
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
		if w := m.w.get(f); w != nil {
			for t := range sc {
				sc[t] += w[t]
			}
		}
	}
}

// tagSentence tags sentence [s,e) greedily.
func (m *NERModel) tagSentence(st *art, s, e int, info []tokInfo, ws *nerWords) []int {
	return m.tagSentenceWith(st, s, e, info, ws, &nerScratch{})
}

// nerScratch holds buffers reused across the sentences of an article.
type nerScratch struct {
	base []uint64 // base features of the sentence's tokens, in a row
	off  []int    // token k's base features are base[off[k]:off[k+1]]
	// baseScore[d][k] is the score of token k's base features under the
	// model at depth d (0 the model, 1 its detector), when joint is set.
	baseScore [2][][nTags]float32
	joint     bool
	feats     []uint64
	words     *nerWords
}

// tagSentenceWith tags sentence [s,e) greedily, computing the features
// the model and its detector share only once.
func (m *NERModel) tagSentenceWith(st *art, s, e int, info []tokInfo, ws *nerWords, sc *nerScratch) []int {
	sc.base, sc.off = sc.base[:0], append(sc.off[:0], 0)
	sc.words = ws
	for i := s; i < e; i++ {
		sc.base = st.baseFeatures(i, s, e, info, ws, sc.base)
		sc.off = append(sc.off, len(sc.base))
	}
	sc.joint = m.joint != nil
	if sc.joint {
		// One lookup per feature for both models; each model's sum still
		// adds its weights in feature order.
		sc.baseScore[0], sc.baseScore[1] = sc.baseScore[0][:0], sc.baseScore[1][:0]
		for k := 0; k < e-s; k++ {
			var mod, det [nTags]float32
			for _, f := range sc.base[sc.off[k]:sc.off[k+1]] {
				if w := m.joint.get(f); w != nil {
					for t := range det {
						det[t] += w[0][t]
						mod[t] += w[1][t]
					}
				}
			}
			sc.baseScore[0] = append(sc.baseScore[0], mod)
			sc.baseScore[1] = append(sc.baseScore[1], det)
		}
	}
	return m.tagBase(st, s, e, info, sc, 0)
}

// tagBase tags sentence [s,e) whose base features are in sc; depth is
// 0 for the model tagging, 1 for its detector.
func (m *NERModel) tagBase(st *art, s, e int, info []tokInfo, scr *nerScratch, depth int) []int {
	var det []int
	if m.det != nil {
		det = m.det.tagBase(st, s, e, info, scr, depth+1)
	}
	tags := make([]int, e-s)
	prev := 0
	for i := s; i < e; i++ {
		// Scores add up in the order of staticFeatures then dynFeatures.
		var sc [nTags]float32
		if scr.joint && depth < 2 {
			sc = scr.baseScore[depth][i-s]
		} else {
			m.score(scr.base[scr.off[i-s]:scr.off[i-s+1]], &sc)
		}
		feats := st.detFeatures(i, s, e, info, det, scr.feats[:0])
		feats = st.lexFeatures(i, s, e, m.lex, scr.words, feats)
		feats = dynFeatures(prev, st.shape(i), st.toks[i].lower, feats)
		m.score(feats, &sc)
		scr.feats = feats
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
	ws := st.nerWords(st.lowerSeenWords(), m.lex)
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
	var scratch nerScratch
	for _, b := range bounds {
		tags := m.tagSentenceWith(st, b[0], b[1], info, ws, &scratch)
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
				t := st.toks[k]
				if t.text == "(" || t.text == ")" || t.text == "," || t.text == ";" || t.text == ":" || t.text == "--" ||
					t.alpha && !t.cap && !inNameWords[t.lower] && k > s {
					e = k // a name does not run across brackets, commas or lower-case words
					break
				}
			}
			for e > s+1 && !st.toks[e-1].cap && !st.toks[e-1].alpha && st.toks[e-1].text != "." {
				e-- // nor end on a connector
			}
			for e > s+1 && inNameWords[st.toks[e-1].lower] {
				e--
			}
			if s >= e {
				continue
			}
			common := true
			for k := s; k < e; k++ {
				if l := st.toks[k].lower; !norp[l] && !timeWords[l] && !functionWords[l] {
					common = false
				}
			}
			if common {
				continue // "Muslims", "Monday": not names
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
//
// lex is a word lexicon from a treebank (see Lexicon), or nil; det a
// name detector (see TrainDetector), or nil.
func (r *Resolver) TrainNER(sents []IOBSentence, passes int, lex map[string]uint8, det *NERModel) *NERModel {
	rules := r.WithNER(nil)
	var exs []trainExample
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
		ws := st.nerWords(st.lowerSeenWords(), lex)
		for si, b := range st.sentenceBounds() {
			gold := make([]int, b[1]-b[0])
			for k, tag := range sents[i0+si].Tags {
				gold[k] = slices.Index(nerTags[:], tag)
				if gold[k] < 0 {
					gold[k] = 0
				}
			}
			ex := trainExample{st: st, s: b[0], e: b[1], gold: gold}
			var dt []int
			if det != nil {
				dt = det.tagSentence(st, b[0], b[1], info, ws)
			}
			for k := b[0]; k < b[1]; k++ {
				ex.static = append(ex.static, st.staticFeatures(k, b[0], b[1], info, ws, lex, dt, nil))
			}
			exs = append(exs, ex)
		}
	}
	// Several perceptrons that visit the examples in different orders are
	// averaged: the model varies less with the order.
	sum := map[uint64]*[nTags]float64{}
	for _, seed := range nerSeeds {
		w, tot, stamp, now := perceptron(exs, passes, seed)
		for f, wf := range w {
			acc := sum[f]
			if acc == nil {
				acc = new([nTags]float64)
				sum[f] = acc
			}
			for t := range wf {
				total := tot[f][t] + float64(now-stamp[f][t])*float64(wf[t])
				acc[t] += total / float64(max(now, 1)) / float64(len(nerSeeds))
			}
		}
	}
	m := &NERModel{w: newNERWeightsSized(len(sum)), lex: lex, det: det}
	for f, acc := range sum {
		var avg [nTags]float32
		nonzero := false
		for t := range avg {
			avg[t] = float32(acc[t])
			if math.Abs(acc[t]) >= 0.005 {
				nonzero = true
			}
		}
		if nonzero {
			m.w.put(f, avg)
		}
	}
	return m.index()
}

// WithNER returns a copy of r that recognises names with m (nil: with
// the rules alone).
func (r *Resolver) WithNER(m *NERModel) *Resolver {
	c := *r
	c.ner = m
	return &c
}

// Features returns the number of features with a weight.
func (m *NERModel) Features() int { return m.w.len() }

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
		if k := st.sectorAt(m.s - 1); k >= 0 && (st.sectors[k].w.Title || st.sectors[k].w.Person) {
			return true
		}
	}
	return false
}

// informal reports whether sentence [s,e) is written without capitals
// (chat and forum text), where a lower-case word may be a name.
func (st *art) informal(s, e int) bool {
	for k := s; k < e; k++ {
		if st.toks[k].cap {
			return false
		}
	}
	return true
}

// Lexicon reads CoNLL-U treebank files (word forms and UPOS) and returns
// a class per lower-cased word seen at least twice: the share of its
// occurrences tagged PROPN (none, some, most, all) combined with whether
// it occurs written in lower case. Name recognition uses the class to
// tell names ("Google", "Larry") from capitalised common words ("Job").
func Lexicon(files ...io.Reader) (map[string]uint8, error) {
	type count struct{ n, propn, lower int }
	counts := map[string]*count{}
	for _, f := range files {
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 0, 64*1024), 4*1024*1024)
		for sc.Scan() {
			line := sc.Text()
			if line == "" || line[0] == '#' {
				continue
			}
			fs := strings.SplitN(line, "\t", 5)
			if len(fs) < 4 || strings.ContainsAny(fs[0], "-.") {
				continue
			}
			w := normApos(fs[1])
			lw := strings.ToLower(w)
			c := counts[lw]
			if c == nil {
				c = &count{}
				counts[lw] = c
			}
			c.n++
			if fs[3] == "PROPN" {
				c.propn++
			}
			if w == lw {
				c.lower++
			}
		}
		if err := sc.Err(); err != nil {
			return nil, err
		}
	}
	lex := map[string]uint8{}
	for w, c := range counts {
		if c.n < 2 {
			continue
		}
		var p uint8
		switch r := float64(c.propn) / float64(c.n); {
		case r == 0:
			p = 0
		case r < 0.5:
			p = 1
		case r < 1:
			p = 2
		default:
			p = 3
		}
		if c.lower > 0 {
			p += 4
		}
		lex[w] = p
	}
	return lex, nil
}

// TrainDetector trains a name detector on treebank sentences whose
// proper-noun runs are tagged B-PER/I-PER (see ReadPROPNRuns).
func (r *Resolver) TrainDetector(sents []IOBSentence, passes int, lex map[string]uint8) *NERModel {
	return r.TrainNER(sents, passes, lex, nil)
}

// inNameWords are lower-case words that may sit inside a name
// ("Department of Housing and Urban Development", "bin Laden").
var inNameWords = set("of", "the", "and", "for", "de", "du", "des", "la", "le", "al", "el", "bin", "ibn",
	"van", "von", "der", "den", "da", "di", "dos", "del", "y", "'s", "on", "upon", "at")

// shape returns token k's word shape, computed once per article.
func (st *art) shape(k int) string {
	if st.shapes == nil {
		st.shapes = make([]string, len(st.toks))
	}
	if st.shapes[k] == "" {
		st.shapes[k] = wordShape(st.toks[k].text)
		if st.shapes[k] == "" {
			st.shapes[k] = "_"
		}
	}
	return st.shapes[k]
}

// sentFlags caches per-sentence properties for the model's features.
type sentFlags struct {
	start            int
	shouty, informal bool
	// capBucket says how many of the sentence's words are capitalised:
	// "title" for most (a headline in title case), "" otherwise.
	capBucket string
}

// shoutySent is shouty for the sentence starting at s, cached.
func (st *art) shoutySent(s, e int) bool { return st.flags(s, e).shouty }

// informalSent is informal for the sentence starting at s, cached.
func (st *art) informalSent(s, e int) bool { return st.flags(s, e).informal }

func (st *art) flags(s, e int) sentFlags {
	if st.lastFlags.start != s+1 {
		st.lastFlags = sentFlags{start: s + 1, shouty: st.shouty(s, e), informal: st.informal(s, e)}
		words, caps := 0, 0
		for k := s; k < e; k++ {
			if t := st.toks[k]; t.alpha && !functionWords[t.lower] {
				words++
				if t.cap {
					caps++
				}
			}
		}
		if words >= 2 && caps*4 >= words*3 {
			st.lastFlags.capBucket = "title"
		}
	}
	return st.lastFlags
}

// nerSeeds are the orders TrainNER averages over.
var nerSeeds = []uint64{1, 2, 3}

// trainExample is one training sentence with its precomputed features.
type trainExample struct {
	st     *art
	s, e   int
	gold   []int
	static [][]uint64
}

// perceptron runs averaged-perceptron training over exs in an order drawn
// from seed and returns the weights with the accumulators that average
// them.
func perceptron(exs []trainExample, passes int, seed uint64) (map[uint64]*[nTags]float32, map[uint64]*[nTags]float64, map[uint64]*[nTags]int, int) {
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
	rng := rand.New(rand.NewPCG(seed, 2))
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
				feats = dynFeatures(prev, ex.st.shape(i), ex.st.toks[i].lower, feats)
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
	return w, tot, stamp, now
}

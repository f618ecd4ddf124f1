package quotes

import (
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/segment"
)

// Quote kinds.
const (
	KindDirect   = "direct"
	KindPartial  = "partial"
	KindIndirect = "indirect"
)

// Annotate sets a.Quotes to Extract(a).
func Annotate(a *model.Article) { a.Quotes = Extract(a) }

// Extract returns the quotes of a in text order. It reads a.Text,
// a.Paragraphs, a.Sentences and a.Tokens (segmenting a copy when the
// article has no tokens yet), and a.Mentions and Token.Syntax when present;
// it does not modify a. Only body and standfirst paragraphs are read.
func Extract(a *model.Article) []model.Quote {
	if a == nil || a.Text == "" {
		return nil
	}
	if len(a.Tokens) == 0 || len(a.Sentences) == 0 {
		c := *a
		c.Tokens, c.Sentences = nil, nil
		segment.Segment(&c, segment.Options{})
		a = &c
	}
	x := newExtractor(a)
	x.run()
	return x.quotes()
}

// para is one paragraph the stage reads.
type para struct {
	index int // in Article.Paragraphs
	span  model.Span
	words []word
	sents []int // index of the first word of each sentence, then len(words)
}

// npRef is a speaker phrase found in the text.
type npRef struct {
	words []word
	span  model.Span
}

// cand is a quote being built.
type cand struct {
	span      model.Span
	kind      string
	para      int // index into extractor.paras
	seq       int // order of creation, which chainPrev refers to
	chainPrev int // seq of the candidate this one continues, or -1
	opensPara bool
	np        *npRef
	cue       string
	cueSpan   model.Span
	channel   string
	spk       *model.Speaker
}

type extractor struct {
	a       *model.Article
	text    string
	paras   []para
	persons []person
	cands   []cand
	last    *model.Speaker // last resolved non-person source, for "it"
	// bySurname and byFirst map name parts to the canonical name that
	// used them last.
	bySurname, byFirst map[string]string
}

func newExtractor(a *model.Article) *extractor {
	x := &extractor{a: a, text: a.Text}
	for si, s := range a.Sentences {
		if s.Paragraph < 0 || s.Paragraph >= len(a.Paragraphs) || s.FirstToken < 0 || s.EndToken > len(a.Tokens) || s.FirstToken > s.EndToken {
			continue
		}
		p := a.Paragraphs[s.Paragraph]
		if p.Kind == model.KindCaption || p.Kind == model.KindHeading {
			continue
		}
		if n := len(x.paras); n == 0 || x.paras[n-1].index != s.Paragraph {
			x.paras = append(x.paras, para{index: s.Paragraph, span: p.Span})
		}
		pp := &x.paras[len(x.paras)-1]
		pp.sents = append(pp.sents, len(pp.words))
		pp.words = append(pp.words, sentWords(a, s.FirstToken, s.EndToken)...)
		_ = si
	}
	for i := range x.paras {
		x.paras[i].sents = append(x.paras[i].sents, len(x.paras[i].words))
	}
	return x
}

func (x *extractor) run() {
	x.findPersons()
	x.findDirect()
	x.findIndirect()
	sort.SliceStable(x.cands, func(i, j int) bool {
		if x.cands[i].span.Start != x.cands[j].span.Start {
			return x.cands[i].span.Start < x.cands[j].span.Start
		}
		return x.cands[i].span.End < x.cands[j].span.End
	})
	x.resolve()
}

// sentenceOf returns the bounds [s, e) of the sentence holding word i of p.
func (p *para) sentenceOf(i int) (int, int) {
	// p.sents is sorted: the sentence is the last start at or before i
	k := sort.SearchInts(p.sents, i+1) - 1
	if k < 0 || k+1 >= len(p.sents) {
		return 0, len(p.words)
	}
	return p.sents[k], p.sents[k+1]
}

// wordAt returns the index of the first word of p starting at or after
// byte off.
func (p *para) wordAt(off int) int {
	return sort.Search(len(p.words), func(i int) bool { return p.words[i].start >= off })
}

// findDirect finds the quotes between marks, paragraph by paragraph.
func (x *extractor) findDirect() {
	prevOpen := -1 // candidate left unclosed by the previous paragraph
	for pi := range x.paras {
		p := &x.paras[pi]
		marks := scanMarks(x.text, p.span.Start, min(p.span.End, len(x.text)))
		carry := prevOpen
		prevOpen = -1
		for mi, m := range marks {
			// words inside the marks
			for i := p.wordAt(m.cs); i < len(p.words) && p.words[i].start < m.ce; i++ {
				p.words[i].inQuote = true
			}
			content := x.text[m.cs:m.ce]
			if countWords(content) <= 2 {
				continue // a scare quote or a title
			}
			c := cand{span: model.Span{Start: m.cs, End: m.ce}, kind: KindDirect, para: pi, chainPrev: -1}
			first := p.wordAt(m.open)
			c.opensPara = m.open >= 0 && first == 0
			if mi == 0 && c.opensPara && carry >= 0 {
				c.chainPrev = carry
			}
			before := -1 // index of the word before the opening mark
			if m.open >= 0 {
				before = first - 1
			}
			ss, _ := p.sentenceOf(max(first, 0))
			if before >= ss && before >= 0 && isWord(p.words[before].text) {
				r, _ := utf8.DecodeRuneInString(content)
				if unicode.IsLower(r) || !x.isCueWord(p.words[before]) {
					c.kind = KindPartial
				}
			}
			x.directSpeaker(p, &c, m)
			if c.kind == KindPartial && c.np == nil {
				continue // a title or a scare quote embedded in the text
			}
			if c.kind == KindPartial && allCapWords(content) && countWords(content) <= 6 {
				continue // a title
			}
			c.seq = len(x.cands)
			x.cands = append(x.cands, c)
			if m.close < 0 {
				prevOpen = len(x.cands) - 1
			}
		}
	}
}

// allCapWords reports whether every word of s starts with an upper-case
// letter or is a short function word (a title such as "Friends of Syria").
func allCapWords(s string) bool {
	for _, f := range strings.Fields(s) {
		if !isWord(f) {
			continue
		}
		if !isCap(f) && !functionWords[strings.ToLower(f)] {
			return false
		}
	}
	return true
}

// isCueWord reports whether w is a lower-case cue verb.
func (x *extractor) isCueWord(w word) bool {
	if !isLowerWord(w.text) {
		return false
	}
	return speechCues[w.lower] || beliefCues[w.lower] || w.lower == "accused" || w.lower == "accuses" || w.lower == "accusing"
}

// determiners that make a following cue word a noun ("the report").
var nounDeterminers = set(`the a an his her its their this that these those whose our my your each every no`)

// cueAt reports whether word i of ws is a cue verb in context.
func (x *extractor) cueAt(ws []word, i int) bool {
	w := ws[i]
	if w.inQuote || !x.isCueWord(w) {
		return false
	}
	if i > 0 && nounDeterminers[ws[i-1].lower] {
		return false
	}
	if x.nounCue(w) {
		return false
	}
	if i > 0 && (ws[i-1].lower == "so" || ws[i-1].lower == "so-called") && w.lower == "called" {
		return false
	}
	return true
}

// nounCue reports whether the syntax stage read cue word w as a noun
// after a word that does not end a subject ("long-standing fears in Riyadh
// that ...", "reflected hopes that ..."). After a noun the word is left a
// cue: there the tagger's noun is often a verb ("the minister fears that
// ...").
func (x *extractor) nounCue(w word) bool {
	toks := x.a.Tokens
	t := w.tok
	if t <= 0 || t >= len(toks) || toks[t].Syntax == nil || toks[t].Syntax.UPOS != "NOUN" || toks[t-1].Syntax == nil {
		return false
	}
	switch toks[t-1].Syntax.UPOS {
	case "ADJ", "VERB", "ADP", "DET", "NUM":
		return true
	}
	return false
}

// directSpeaker finds the speaker phrase and cue of a marked quote: after
// the closing mark ("...," he said / said Khamenei) or before the opening
// mark (she said: "..."; For Khamenei, "..."; a governing cue for a
// partial quote).
func (x *extractor) directSpeaker(p *para, c *cand, m markQuote) {
	ws := p.words
	if m.close >= 0 {
		i := p.wordAt(m.close + m.closeW)
		// skip punctuation after the mark
		for i < len(ws) && (ws[i].text == "," || ws[i].text == "—" || ws[i].text == "–" || ws[i].text == "-") {
			i++
		}
		if np, cue := x.trailingAttribution(ws, i); np != nil {
			c.np, c.cue, c.cueSpan = np, ws[cue].text, model.Span{Start: ws[cue].start, End: ws[cue].end}
			c.channel = x.channelAfter(ws, cue)
			return
		}
	}
	if m.open < 0 {
		return
	}
	first := p.wordAt(m.open)
	ss, _ := p.sentenceOf(first)
	// the clause before the opening mark, back to the sentence start or a
	// previous quote's closing mark
	lo := ss
	for k := first - 1; k >= ss; k-- {
		if ws[k].inQuote || isCloseMark(ws[k].text) {
			lo = k + 1
			break
		}
	}
	b := ws[lo:first]
	n := len(b)
	if n == 0 {
		return
	}
	// For/According to NP, "..."
	if n >= 3 && b[n-1].text == "," {
		j := 0
		if b[0].lower == "for" {
			j = 1
		} else if n >= 4 && b[0].lower == "according" && b[1].lower == "to" {
			j = 2
		}
		if j > 0 {
			c.np = makeNP(b[j : n-1])
			c.cue = b[0].text
			c.cueSpan = model.Span{Start: b[0].start, End: b[j-1].end}
			return
		}
	}
	// nearest cue before the mark with a subject
	for k := n - 1; k >= 0; k-- {
		if !x.cueAt(b, k) {
			continue
		}
		if np := x.subjectBefore(b, k); np != nil {
			c.np, c.cue, c.cueSpan = np, b[k].text, model.Span{Start: b[k].start, End: b[k].end}
			c.channel = x.channelBefore(b, np)
			return
		}
	}
}

func isCloseMark(s string) bool { return s == "”" || s == "’" || s == "»" }

// trailingAttribution reads "NP cue" or "cue NP" starting at word i (after
// a closing mark) and returns the phrase and the cue's index.
func (x *extractor) trailingAttribution(ws []word, i int) (*npRef, int) {
	if i >= len(ws) {
		return nil, -1
	}
	if x.cueAt(ws, i) {
		// cue first: said Khamenei, added the minister; not a participle
		// (", adding that ..."), which reports the sentence's subject
		if strings.HasSuffix(ws[i].lower, "ing") {
			return nil, -1
		}
		j := i + 1
		for j < len(ws) && j-i <= 10 && !stopsForwardNP(ws[j]) {
			j++
		}
		if j > i+1 {
			return makeNP(ws[i+1 : j]), i
		}
		return nil, -1
	}
	// NP first: he said, Josh Earnest, a White House spokesman, said
	for j := i + 1; j < len(ws) && j-i <= 16; j++ {
		w := ws[j]
		if w.inQuote || isOpenMark(w.text) || w.text == "." || w.text == "?" || w.text == "!" || w.text == ";" {
			return nil, -1
		}
		if !x.cueAt(ws, j) {
			continue
		}
		e := j
		for e > i && preCueWords[ws[e-1].lower] {
			e--
		}
		for e > i && ws[e-1].text == "," {
			e--
		}
		if e <= i || !plausibleNP(ws[i:e]) {
			return nil, -1
		}
		return makeNP(ws[i:e]), j
	}
	return nil, -1
}

func isOpenMark(s string) bool { return s == "“" || s == "‘" || s == "«" || s == "\"" }

// stopsForwardNP ends a speaker phrase read after a cue.
func stopsForwardNP(w word) bool {
	if w.inQuote || isOpenMark(w.text) {
		return true
	}
	switch w.lower {
	case ",", ".", ";", ":", "!", "?", "who", "which", "in", "on", "at", "while", "as", "—", "–", "(", "referring", "adding", "using", "citing", "noting", "according", "during":
		return true
	}
	return false
}

// plausibleNP reports whether ws can be a speaker phrase.
func plausibleNP(ws []word) bool {
	if len(ws) == 0 {
		return false
	}
	f := ws[0]
	if subjectPronouns[f.lower] && len(ws) == 1 {
		return true
	}
	if isCap(f.text) || nounDeterminers[f.lower] || f.lower == "another" || f.lower == "one" || f.lower == "some" ||
		f.lower == "several" || f.lower == "many" || f.lower == "two" || f.lower == "three" || f.lower == "other" ||
		roleNouns[f.lower] || isLowerWord(f.text) && len(ws) <= 4 {
		for _, w := range ws {
			if w.text == "." || w.text == "?" || w.text == "!" || w.text == ":" || w.text == ";" {
				return false
			}
			if isLowerWord(w.text) && (w.lower == "that" || w.lower == "because" || w.lower == "if" || w.lower == "and" && false) {
				return false
			}
		}
		return true
	}
	return false
}

// makeNP builds a speaker phrase from ws, trimming punctuation at both
// ends.
func makeNP(ws []word) *npRef {
	for len(ws) > 0 && (isPunct(ws[0].text) && !isPossessive(ws[0].text) || len(ws) > 1 && leadingConj[ws[0].lower]) {
		ws = ws[1:]
	}
	for len(ws) > 0 && isPunct(ws[len(ws)-1].text) {
		ws = ws[:len(ws)-1]
	}
	if len(ws) == 0 {
		return nil
	}
	return &npRef{words: ws, span: model.Span{Start: ws[0].start, End: ws[len(ws)-1].end}}
}

// leadingConj are connectives dropped from the front of a speaker phrase.
var leadingConj = set(`and but so or then yet also`)

// subjectBefore reads the subject of the cue at ws[k] backwards: a
// pronoun, a name with titles, a description, with an apposition ("Josh
// Earnest, a White House spokesman,").
func (x *extractor) subjectBefore(ws []word, k int) *npRef {
	if syn := x.syntaxSubject(ws, k); syn != nil && !relativeSubject(syn) {
		return syn
	}
	e := k
	for e > 0 && (preCueWords[ws[e-1].lower] || strings.HasSuffix(ws[e-1].lower, "ly") && !roleNouns[ws[e-1].lower]) && isLowerWord(ws[e-1].text) {
		e--
	}
	if strings.HasSuffix(ws[k].lower, "ing") {
		// a participle ("..., saying ...") reports the main clause's subject
		if e == 0 || ws[e-1].text != "," {
			return nil
		}
		return sentenceSubject(ws[:e-1])
	}
	if e == 0 {
		return nil
	}
	j := e - 1
	if ws[j].text == "," {
		// apposition: back to the previous comma
		m := -1
		for i := j - 1; i >= 0 && j-i <= 25; i-- {
			t := ws[i].text
			if ws[i].inQuote || t == "." || t == ";" || t == ":" || isCloseMark(t) || isOpenMark(t) {
				break
			}
			if t == "," {
				m = i
				break
			}
		}
		if m < 1 {
			return nil
		}
		if ws[m-1].lower == "who" || ws[m-1].lower == "which" {
			return nil
		}
		s := npStart(ws, m-1)
		if s > m-1 {
			return nil
		}
		return makeNP(ws[s:j])
	}
	if ws[j].lower == "who" && j >= 2 && ws[j-1].text == "," {
		s := npStart(ws, j-2)
		if s > j-2 {
			return nil
		}
		return makeNP(ws[s : j-1])
	}
	if subjectPronouns[ws[j].lower] {
		return makeNP(ws[j : j+1])
	}
	s := npStart(ws, j)
	if s > j {
		return nil
	}
	np := ws[s : j+1]
	// sentence-initial connectives are not part of the phrase
	for len(np) > 1 && (functionWords[np[0].lower] && !nounDeterminers[np[0].lower] && np[0].lower != "another" && np[0].lower != "some" && np[0].lower != "many" && np[0].lower != "all" && np[0].lower != "both" && np[0].lower != "one" && np[0].lower != "two" && np[0].lower != "three") {
		np = np[1:]
	}
	if !plausibleNP(np) {
		return nil
	}
	return makeNP(np)
}

// commaBetween reports whether a comma token lies between tokens i and
// j (i < j).
func commaBetween(toks []model.Token, i, j int) bool {
	for k := i + 1; k < j && k < len(toks); k++ {
		if toks[k].Syntax != nil && toks[k].Syntax.UPOS == "PUNCT" && toks[k].Syntax.Lemma == "," {
			return true
		}
	}
	return false
}

// relativeSubject reports whether np is only a relative pronoun ("who",
// "which", "that"): the speaker is then the phrase the clause hangs on,
// which the reading below finds ("Kerry, who said ...").
func relativeSubject(np *npRef) bool {
	if len(np.words) != 1 {
		return false
	}
	t := np.words[0].lower
	return t == "who" || t == "which" || t == "that"
}

// sentenceSubject returns the phrase that opens ws when it is a pronoun
// or a name ("Kerry ..., saying ..." -> "Kerry").
func sentenceSubject(ws []word) *npRef {
	i := 0
	for i < len(ws) && functionWords[ws[i].lower] && !subjectPronouns[ws[i].lower] && ws[i].lower != "the" {
		i++
	}
	if i >= len(ws) {
		return nil
	}
	if subjectPronouns[ws[i].lower] {
		return makeNP(ws[i : i+1])
	}
	j := i
	if ws[j].lower == "the" {
		j++
	}
	for j < len(ws) && j-i < 8 && (isCap(ws[j].text) || isPossessive(ws[j].text) || roleNouns[ws[j].lower]) {
		j++
	}
	if j == i || j > i && ws[j-1].lower == "the" {
		return nil
	}
	return makeNP(ws[i:j])
}

// npStart scans a noun phrase backwards from ws[j] and returns its first
// index (j+1 when ws[j] cannot end one).
func npStart(ws []word, j int) int {
	i := j
	n := 0
	for i >= 0 && n < 9 {
		w := ws[i]
		if w.inQuote || isOpenMark(w.text) || isCloseMark(w.text) && !isPossessive(w.text) {
			break
		}
		if isPunct(w.text) && !isPossessive(w.text) && w.text != "." {
			break
		}
		if w.text == "." {
			break
		}
		if w.lower == "and" && i > 0 && i < j && isCap(ws[i-1].text) && isCap(ws[i+1].text) {
			i--
			n++
			continue
		}
		if npStop[w.lower] && (isLowerWord(w.text) || i == 0) {
			break
		}
		if isLowerWord(w.text) && (speechCues[w.lower] || beliefCues[w.lower]) && i < j {
			break
		}
		if subjectPronouns[w.lower] && i < j {
			break
		}
		i--
		n++
	}
	return i + 1
}

// syntaxSubject returns the nsubj subtree of the cue at ws[k] when the
// syntax stage ran.
func (x *extractor) syntaxSubject(ws []word, k int) *npRef {
	toks := x.a.Tokens
	ci := ws[k].tok
	if ci < 0 || ci >= len(toks) || toks[ci].Syntax == nil {
		return nil
	}
	subj := -1
	for i := max(0, ws[0].tok); i <= ws[len(ws)-1].last && i < len(toks); i++ {
		s := toks[i].Syntax
		if s != nil && s.Head == ci && (s.Rel == "nsubj" || s.Rel == "nsubj:pass") {
			subj = i
			break
		}
	}
	if subj < 0 {
		return nil
	}
	lo, hi := subj, subj
	for changed := true; changed; {
		changed = false
		for i := max(0, ws[0].tok); i <= ws[len(ws)-1].last && i < len(toks); i++ {
			s := toks[i].Syntax
			if s == nil || i >= lo && i <= hi {
				continue
			}
			if s.UPOS == "PUNCT" {
				continue // a closing comma would stretch the span over an aside
			}
			if s.Rel == "acl:relcl" && commaBetween(toks, subj, i) {
				// a relative clause set off by commas is an aside ("a
				// diplomat, who asked not to be named, said"); one
				// without is part of the description ("an official who
				// took part in the talks")
				continue
			}
			if h := s.Head; h >= lo && h <= hi && h >= 0 && i < ci {
				lo, hi = min(lo, i), max(hi, i)
				changed = true
			}
		}
	}
	var sub []word
	for _, w := range ws {
		if w.tok >= lo && w.last <= hi {
			sub = append(sub, w)
		}
	}
	return makeNP(sub)
}

// channelAfter looks for a relay after the cue at ws[k] ("in quotes
// carried on state news agency IRNA").
func (x *extractor) channelAfter(ws []word, k int) string {
	for i := k + 1; i < len(ws) && i-k <= 8; i++ {
		w := ws[i]
		if w.text == "." || w.inQuote {
			return ""
		}
		if w.lower == "carried" || w.lower == "quoted" || w.lower == "reported" || w.lower == "published" || w.lower == "broadcast" {
			if i+1 < len(ws) && (ws[i+1].lower == "on" || ws[i+1].lower == "by" || ws[i+1].lower == "in") {
				return capRunIn(ws[i+2 : min(len(ws), i+10)])
			}
		}
	}
	return ""
}

// channelBefore names a relay that reports a speaker's words ("The
// state-run FARS News agency reports Khamenei said ...").
func (x *extractor) channelBefore(ws []word, np *npRef) string {
	s := 0
	for s < len(ws) && ws[s].start < np.span.Start {
		s++
	}
	for i := s - 1; i >= 0; i-- {
		if ws[i].lower == "reports" || ws[i].lower == "reported" || ws[i].lower == "quoted" {
			for j := 0; j < i; j++ {
				if mediaWords[ws[j].lower] {
					return capRunIn(ws[:i])
				}
			}
		}
	}
	return ""
}

// capRunIn returns the last run of capitalised words in ws, with a
// following media word ("FARS News agency" -> "FARS News").
func capRunIn(ws []word) string {
	best := ""
	for i := 0; i < len(ws); i++ {
		if ws[i].text == "," || ws[i].text == "." || ws[i].inQuote {
			break
		}
		if !isCap(ws[i].text) || functionWords[ws[i].lower] && !allCaps(ws[i].text) {
			continue
		}
		j := i
		for j < len(ws) && isCap(ws[j].text) {
			j++
		}
		best = normSpace(joinWords(ws[i:j]))
		i = j
	}
	return best
}

// joinWords returns the text of ws with single spaces where the text had
// space.
func joinWords(ws []word) string {
	var b strings.Builder
	for i, w := range ws {
		if i > 0 && ws[i-1].end < w.start {
			b.WriteByte(' ')
		}
		b.WriteString(w.text)
	}
	return b.String()
}

// quotes turns the candidates into model quotes.
func (x *extractor) quotes() []model.Quote {
	if len(x.cands) == 0 {
		return nil
	}
	out := make([]model.Quote, 0, len(x.cands))
	for _, c := range x.cands {
		q := model.Quote{
			ID:      x.a.ID + "-q" + strconv.Itoa(len(out)+1),
			Span:    c.span,
			Text:    c.span.In(x.text),
			Kind:    c.kind,
			Speaker: c.spk,
			Cue:     c.cue,
			CueSpan: c.cueSpan,
		}
		if c.cue == "" {
			q.CueSpan = model.NoSpan
		}
		out = append(out, q)
	}
	return out
}

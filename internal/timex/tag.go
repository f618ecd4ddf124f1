package timex

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/model"
)

// Options tunes Tag.
type Options struct {
	// Sentences are the sentence spans of the text, in order; nil means
	// Tag splits the text itself with simple punctuation rules.
	Sentences []model.Span
	// Tense, when set, returns the tense of the clause governing the
	// expression at text[start:end]; it may return Unknown to fall back to
	// the word-level heuristic. Annotate sets it from the parse.
	Tense func(start, end int) Tense
	// Skip, when set, reports sentences (by index into Sentences) whose
	// expressions are recognised but must not become the reference that
	// later expressions ("the quarter", "a year earlier") resolve against,
	// such as photo captions.
	Skip func(sentence int) bool
}

// maxText bounds the text Tag reads; longer input is tagged up to here.
const maxText = 1 << 20

// Tag finds the time expressions of text and normalises them relative to
// anchor (YYYY-MM-DD; "" leaves relative expressions unresolved, e.g.
// "XXXX-XX-XX", while absolute ones still resolve). The result is in text
// order, with non-overlapping spans; each Timex's Sentence indexes
// opt.Sentences (or Tag's own split when opt.Sentences is nil).
func Tag(text, anchorDate string, opt Options) []model.Timex {
	if len(text) > maxText {
		text = text[:maxText]
	}
	sents := opt.Sentences
	if sents == nil {
		sents = splitSentences(text)
	}
	c := &ctx{a: parseAnchor(anchorDate)}

	// Phase 1: every rule's matches that its normaliser accepts.
	var cands []match
	hits := newKeyHits()
	for _, chunk := range chunks(text, sents) {
		lower := strings.ToLower(text[chunk.Start:chunk.End])
		digits := hasDigit(text[chunk.Start:chunk.End])
		hits.reset(lower)
		for ri := range rules {
			r := &rules[ri]
			if r.digit && !digits {
				continue
			}
			cands = r.find(c, text, lower, chunk, ri, hits, cands)
		}
	}
	cands = dedupe(cands)
	// Longest first, then rule order: the longest reading wins.
	sort.SliceStable(cands, func(i, j int) bool {
		li, lj := cands[i].end-cands[i].start, cands[j].end-cands[j].start
		if li != lj {
			return li > lj
		}
		if cands[i].rule != cands[j].rule {
			return cands[i].rule < cands[j].rule
		}
		return cands[i].start < cands[j].start
	})
	var chosen []match
	for _, m := range cands {
		overlap := false
		for _, o := range chosen {
			if m.start < o.end && o.start < m.end {
				overlap = true
				break
			}
		}
		if !overlap {
			chosen = append(chosen, m)
		}
	}
	sort.Slice(chosen, func(i, j int) bool { return chosen[i].start < chosen[j].start })

	// Phase 2: normalise in text order, carrying references forward.
	out := make([]model.Timex, 0, len(chosen))
	si := 0
	lastSent := -1
	for i := range chosen {
		m := &chosen[i]
		for si+1 < len(sents) && sents[si].End <= m.start {
			si++
		}
		if si != lastSent {
			c.sentRef = ""
			lastSent = si
		}
		skip := opt.Skip != nil && si < len(sents) && opt.Skip(si)
		save := *c
		c.before, c.after = window(text, m.start, m.end)
		c.tense = Unknown
		if opt.Tense != nil {
			c.tense = opt.Tense(m.start, m.end)
		}
		if c.tense == Unknown {
			var s model.Span
			if si < len(sents) {
				s = sents[si]
			} else {
				s = model.Span{Start: 0, End: len(text)}
			}
			c.tense = wordTense(text, s, m.start, m.end)
		}
		typ, val, ok := rules[m.rule].norm(c, m)
		if !ok || val == "" {
			continue
		}
		if skip {
			sr := c.sentRef
			*c = save
			c.sentRef = sr
		}
		prec := ""
		if typ == "DATE" || typ == "TIME" {
			prec = precisionOf(val)
			if prec != "" && !skip {
				c.sentRef = val
			}
		}
		sent := si
		if si >= len(sents) {
			sent = len(sents) - 1
		}
		out = append(out, model.Timex{
			Span: model.Span{Start: m.start, End: m.end}, Text: m.text,
			Type: typ, Value: val, Precision: prec, Sentence: sent,
		})
	}
	return out
}

// find appends the accepted matches of rule r inside chunk of text, if
// the chunk passes the rule's filter (see applies).
func (r *rule) find(c *ctx, text, lower string, chunk model.Span, ri int, hits *keyHits, cands []match) []match {
	if len(lower) != chunk.End-chunk.Start && !r.applies(lower) {
		return cands
	}
	// Otherwise windows finds no window exactly when applies is false.
	for _, w := range r.windows(lower, chunk, hits) {
		sub := text[w.Start:w.End]
		if r.digit && !hasDigit(sub) || r.year && !hasYear4(sub) || r.unit && !unitRe.MatchString(sub) {
			continue // no match without a digit, a year or a unit word
		}
		cands = r.findIn(c, text, w, ri, cands)
	}
	return cands
}

// hasDigit reports whether s holds an ASCII digit.
func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

// windowPad is how far around a filter word a rule's match may reach.
const windowPad = 48

// windows returns the parts of chunk around the rule's filter words,
// merged where they overlap: running the expressions there only is what
// keeps tagging fast (Go's regexp costs time per byte and per state).
// lower is the chunk's text lower-cased.
func (r *rule) windows(lower string, chunk model.Span, hits *keyHits) []model.Span {
	if len(r.keys) == 0 {
		return []model.Span{chunk}
	}
	if len(lower) != chunk.End-chunk.Start {
		return []model.Span{chunk} // case mapping changed lengths: no offsets to trust
	}
	var ws []model.Span
	addAt := func(i, n int) {
		ws = append(ws, model.Span{Start: max(chunk.Start, chunk.Start+i-windowPad), End: min(chunk.End, chunk.Start+i+n+windowPad)})
	}
	for ki, k := range r.keys {
		n := len(k)
		if k == "#" {
			n = 4
		}
		for _, i := range hits.of(r.keyIDs[ki], k) {
			addAt(int(i), n)
		}
	}
	sort.Slice(ws, func(i, j int) bool { return ws[i].Start < ws[j].Start })
	merged := ws[:0]
	for _, w := range ws {
		if n := len(merged); n > 0 && w.Start <= merged[n-1].End {
			merged[n-1].End = max(merged[n-1].End, w.End)
			continue
		}
		merged = append(merged, w)
	}
	return merged
}

// findIn appends the accepted matches of rule r inside window w of text.
func (r *rule) findIn(c *ctx, text string, w model.Span, ri int, cands []match) []match {
	sub := text[w.Start:w.End]
	for _, loc := range r.re.FindAllStringSubmatchIndex(sub, -1) {
		for i := range loc {
			if loc[i] >= 0 {
				loc[i] += w.Start
			}
		}
		m := newMatch(text, r.re, loc, ri)
		if m.start >= m.end || !boundaryOK(text, m.start, m.end) {
			continue
		}
		probe := *c
		probe.before, probe.after = window(text, m.start, m.end)
		probe.tense = Unknown
		probe.refQOK, probe.sentRef = false, ""
		if _, _, ok := r.norm(&probe, &m); !ok {
			continue
		}
		cands = append(cands, m)
	}
	return cands
}

// chunks returns the pieces of text the rules run over: the sentences,
// with any text between or around them, so that every byte is covered.
func chunks(text string, sents []model.Span) []model.Span {
	var out []model.Span
	pos := 0
	for _, s := range sents {
		if s.Start < pos || s.End > len(text) || s.End < s.Start {
			continue
		}
		if s.Start > pos {
			out = append(out, model.Span{Start: pos, End: s.Start})
		}
		out = append(out, s)
		pos = s.End
	}
	if pos < len(text) {
		out = append(out, model.Span{Start: pos, End: len(text)})
	}
	return out
}

// dedupe drops repeated candidates (same rule and span).
func dedupe(cands []match) []match {
	seen := map[[3]int]bool{}
	out := cands[:0]
	for _, m := range cands {
		k := [3]int{m.rule, m.start, m.end}
		if !seen[k] {
			seen[k] = true
			out = append(out, m)
		}
	}
	return out
}

// window returns up to 64 bytes of text before start and after end: the
// context the normalisers look at.
func window(text string, start, end int) (before, after string) {
	return text[max(0, start-64):start], text[end:min(len(text), end+64)]
}

// newMatch builds a match from a submatch index list; a group named "t"
// sets the span.
func newMatch(text string, re interface{ SubexpNames() []string }, loc []int, ri int) match {
	m := match{start: loc[0], end: loc[1], rule: ri}
	names := re.SubexpNames()
	m.g = make([]string, len(loc)/2)
	for i := 1; i < len(loc)/2; i++ {
		if loc[2*i] >= 0 {
			m.g[i] = strings.ToLower(text[loc[2*i]:loc[2*i+1]])
			if names[i] == "t" {
				m.start, m.end = loc[2*i], loc[2*i+1]
			}
		}
	}
	m.text = text[m.start:m.end]
	return m
}

// boundaryOK rejects matches glued to letters (RE2's \b is ASCII-only, so
// "éMay" or "Mayor" fragments are checked here) or inside a URL or e-mail.
func boundaryOK(text string, start, end int) bool {
	if start > 0 {
		r, _ := utf8.DecodeLastRuneInString(text[:start])
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '/' || r == '@' || r == '_' {
			return false
		}
	}
	if end < len(text) {
		r, _ := utf8.DecodeRuneInString(text[end:])
		if unicode.IsLetter(r) || r == '/' || r == '@' || r == '_' {
			return false
		}
		if unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// splitSentences is the fallback sentence splitter for plain text: a
// sentence ends at ". ", "? " or "! " followed by a capital or a quote,
// unless the period ends a known abbreviation, and at blank lines.
func splitSentences(text string) []model.Span {
	var out []model.Span
	start := 0
	for i := 0; i < len(text); i++ {
		ch := text[i]
		end := -1
		switch {
		case ch == '\n' && i+1 < len(text) && text[i+1] == '\n':
			end = i
		case ch == '.' || ch == '?' || ch == '!':
			j := i + 1
			for j < len(text) && strings.IndexByte("\"')`’”", text[j]) >= 0 {
				j++
			}
			if j < len(text) && (text[j] == ' ' || text[j] == '\n') {
				k := j
				for k < len(text) && (text[k] == ' ' || text[k] == '\n') {
					k++
				}
				if k < len(text) && (isUpperASCII(text[k]) || text[k] == '"' || text[k] == '`' || text[k] >= 0x80) && !(ch == '.' && abbrevBefore(text[start:i])) {
					end = j
				}
			}
		}
		if end >= 0 {
			if strings.TrimSpace(text[start:end]) != "" {
				out = append(out, model.Span{Start: start, End: end})
			}
			start = end
		}
	}
	if strings.TrimSpace(text[start:]) != "" || len(out) == 0 {
		out = append(out, model.Span{Start: start, End: len(text)})
	}
	return out
}

func isUpperASCII(b byte) bool { return b >= 'A' && b <= 'Z' }

var abbrevs = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "gen": true, "sen": true, "rep": true, "gov": true,
	"jan": true, "feb": true, "aug": true, "sept": true, "sep": true, "oct": true, "nov": true, "dec": true,
	"inc": true, "corp": true, "co": true, "ltd": true, "no": true, "vs": true, "lt": true, "col": true, "sgt": true,
	"capt": true, "prof": true, "jr": true, "sr": true, "rev": true, "mt": true, "ft": true, "u.s": true, "u.n": true,
}

// abbrevBefore reports whether the word ending s is an abbreviation or an
// initial.
func abbrevBefore(s string) bool {
	i := strings.LastIndexAny(s, " \n(\"")
	w := strings.ToLower(s[i+1:])
	if len(w) == 1 {
		return true
	}
	return abbrevs[w]
}

// Word lists for the word-level tense heuristic.
var (
	futureCues = map[string]bool{
		"will": true, "'ll": true, "shall": true, "wo": true, "would": true, "scheduled": true, "expected": true,
		"expects": true, "plans": true, "due": true, "going": true, "planning": true, "intends": true, "hopes": true,
		"tomorrow": true, "next": true, "upcoming": true, "intend": true,
		"intended": true, "expect": true, "hope": true, "could": true, "may": true, "might": true, "can": true,
		"soon": true, "must": true, "should": true,
	}
	pastCues = map[string]bool{
		"said": true, "was": true, "were": true, "had": true, "did": true, "told": true, "ago": true, "yesterday": true,
		"went": true, "came": true, "met": true, "made": true, "took": true, "gave": true, "held": true, "left": true,
		"saw": true, "began": true, "won": true, "lost": true, "fell": true, "rose": true, "struck": true, "fought": true,
		"sent": true, "spoke": true, "wrote": true, "got": true, "ran": true, "kept": true, "thought": true,
		"brought": true, "bought": true, "sold": true, "paid": true, "found": true, "became": true, "led": true,
		"hit": true, "shot": true, "put": true, "set": true, "quit": true, "cut": true, "last": true, "earlier": true,
		"knew": true, "flew": true, "drove": true, "broke": true, "chose": true, "stood": true, "meant": true, "heard": true,
		"felt": true, "grew": true, "threw": true, "wore": true, "ate": true, "sank": true, "fled": true, "spent": true,
	}
	notPastED = map[string]bool{
		"need": true, "speed": true, "feed": true, "bed": true, "red": true, "seed": true, "indeed": true, "hundred": true,
		"united": true, "proceed": true, "exceed": true, "succeed": true, "armed": true, "based": true, "related": true,
		"concerned": true, "interested": true, "limited": true, "reed": true, "breed": true, "shed": true, "ted": true,
		"fred": true, "ahmed": true, "mohammed": true, "muhammad": true, "creed": true, "weed": true, "greed": true, "embed": true,
	}
)

// wordTense guesses the tense of the clause around text[start:end] from
// nearby words: the nearest tense cue to the left in the sentence, else
// the nearest to the right.
func wordTense(text string, s model.Span, start, end int) Tense {
	if s.Start < 0 || s.End > len(text) || s.Start > start || end > s.End {
		s = model.Span{Start: 0, End: len(text)}
	}
	left := words(text[s.Start:start])
	for i, n := len(left)-1, 0; i >= 0 && n < 12; i, n = i-1, n+1 {
		if t := cueTense(left, i); t != Unknown {
			return t
		}
	}
	right := words(text[end:s.End])
	for i := 0; i < len(right) && i < 12; i++ {
		if t := cueTense(right, i); t != Unknown {
			return t
		}
	}
	return Unknown
}

// cueTense reads the tense a word signals in its context.
func cueTense(ws []string, i int) Tense {
	w := ws[i]
	switch {
	case w == "last" || w == "earlier" || w == "next":
		return Unknown // modifiers of the expression itself, not verbs
	case futureCues[w]:
		if w == "going" && (i+1 >= len(ws) || ws[i+1] != "to") {
			return Unknown
		}
		if i+1 < len(ws) && ws[i+1] == "have" {
			return Past // "may have met", "would have voted"
		}
		return Future
	case (w == "set" || w == "due") && i+1 < len(ws) && ws[i+1] == "to":
		return Future // "set to resume Monday"
	case pastCues[w]:
		return Past
	case w == "is" || w == "are" || w == "am":
		if i+1 < len(ws) && strings.HasSuffix(ws[i+1], "ing") {
			return Future // "is meeting Friday"
		}
		if i+1 < len(ws) && (ws[i+1] == "to" || ws[i+1] == "set" || ws[i+1] == "due") {
			return Future
		}
		return Present
	case w == "says" || w == "say":
		return Present
	case len(w) > 4 && strings.HasSuffix(w, "ed") && !notPastED[w]:
		return Past
	}
	return Unknown
}

// words splits s into lower-case words ("'ll" kept as its own word).
func words(s string) []string {
	var out []string
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(unicode.IsLetter(r) || r == '\'' || r == '’')
	})
	for _, w := range f {
		w = strings.ReplaceAll(w, "’", "'")
		if i := strings.IndexByte(w, '\''); i > 0 {
			out = append(out, w[:i], w[i:])
			continue
		}
		out = append(out, w)
	}
	return out
}

// keyHits finds where the rules' filter words occur in one chunk, each
// word once however many rules share it (the month names serve six).
type keyHits struct {
	lower string
	pos   [][]int32 // by key id; valid when done[id] == gen
	done  []uint32
	gen   uint32
}

func newKeyHits() *keyHits {
	return &keyHits{pos: make([][]int32, len(keyIDs)), done: make([]uint32, len(keyIDs))}
}

// reset starts a new chunk, lower-cased.
func (h *keyHits) reset(lower string) {
	h.lower = lower
	h.gen++
}

// of returns the offsets in the chunk of key k (id id): for "#" where each
// run of digits starts, otherwise where k occurs, without overlaps.
func (h *keyHits) of(id int, k string) []int32 {
	if h.done[id] == h.gen {
		return h.pos[id]
	}
	lower, out := h.lower, h.pos[id][:0]
	if k == "#" {
		for i := 0; i < len(lower); i++ {
			if lower[i] >= '0' && lower[i] <= '9' && (i == 0 || lower[i-1] < '0' || lower[i-1] > '9') {
				out = append(out, int32(i))
			}
		}
	} else {
		for off := 0; ; {
			i := strings.Index(lower[off:], k)
			if i < 0 {
				break
			}
			out = append(out, int32(off+i))
			off += i + len(k)
		}
	}
	h.pos[id], h.done[id] = out, h.gen
	return out
}

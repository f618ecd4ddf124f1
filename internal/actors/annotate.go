package actors

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/segment"
)

// Resolver recognises and resolves actor mentions with a knowledge base
// and optional loaded dictionaries. It is immutable and safe for
// concurrent use.
type Resolver struct {
	kb    *KB
	dicts []*Dict
	// ner recognises names outside the base; nil means the rules alone.
	ner *NERModel
	// states holds the state codes of the base (for splitting dictionary
	// codes such as "IRNGOV").
	states map[string]bool
}

// NewResolver returns a resolver over kb and dicts. On names of equal
// length the base wins over dictionaries, and earlier dictionaries over
// later ones; a longer match always wins.
func NewResolver(kb *KB, dicts ...*Dict) *Resolver {
	r := &Resolver{kb: kb, dicts: dicts, ner: kb.ner, states: map[string]bool{}}
	for _, names := range kb.gaz.names {
		for _, n := range names {
			if n.t.place && len(n.t.code) == 3 {
				r.states[n.t.code] = true
			}
		}
	}
	return r
}

// KB returns the resolver's knowledge base.
func (r *Resolver) KB() *KB { return r.kb }

// tok is one token of the article with what matching needs.
type tok struct {
	text, lower string
	start, end  int
	sent        int
	cap         bool // first letter upper case
	allCaps     bool // every letter upper case, two or more letters
	alpha       bool // has a letter
	first       bool // first word of its sentence
	space       bool // white space follows
	upos        string
}

// ment is a mention under construction. Token ranges index art.toks.
type ment struct {
	s, e         int
	sent         int
	kind         string
	code, sector string
	person       int    // KB person, or -1
	pname        string // person name (KB or recognised)
	role         string
	via          string
	demonym      bool // an adjective or demonym: gives a country, names nothing
	desc         bool // a description ("the minister", "the group")
	group        bool // a collective description ("the militants")
	pron         bool
	definite     bool
	name         bool // a proper name (counts for NER)
	place        bool
	city         bool // a city or region, not the state itself
	ante         int  // antecedent mention, -1
	orgRef       int  // organisation a person works for ("a spokesman for the group"), -1
	entity       int
	id           int // creation order, to remap indexes after sorting
	nameEnd      int // for "the Obama administration": where the name of the person ends
}

// sspan is a matched sector phrase.
type sspan struct {
	s, e int
	w    SectorWord
}

// art holds one article's working state.
type art struct {
	r       *Resolver
	a       *model.Article
	date    string
	toks    []tok
	ments   []ment
	sectors []sspan
	covered []int8 // per token: 0 free, 1 mention, 2 sector phrase
	// capsSeen holds lower-cased words seen capitalised in mid-sentence.
	capsSeen map[string]bool
	// shapes caches word shapes; lastFlags the last sentence's flags.
	shapes    []string
	lastFlags sentFlags
}

// Annotate fills a.Mentions with the actor mentions of the article's
// body, heading and standfirst sentences (captions are skipped), in text
// order. Spans are byte offsets into a.Text. The article's date
// (a.Published, YYYY-MM-DD) selects which offices people held; without one
// any date is accepted. When the article has text but no sentences yet, it
// is segmented first. Annotate replaces any earlier mentions and never
// panics.
func (r *Resolver) Annotate(a *model.Article) {
	a.Mentions = nil
	if st := r.annotate(a); st != nil {
		st.emit()
	}
}

// annotate runs every step but the output and returns the working state,
// or nil when the article has no tokens to annotate.
func (r *Resolver) annotate(a *model.Article) *art {
	if a.Text == "" {
		return nil
	}
	if len(a.Sentences) == 0 {
		if len(a.Paragraphs) == 0 {
			a.Paragraphs = []model.Paragraph{{Span: model.Span{Start: 0, End: len(a.Text)}, Raw: model.NoSpan, Kind: model.KindBody}}
		}
		segment.Segment(a, segment.Options{})
	}
	st := &art{r: r, a: a, date: normPublished(a.Published), capsSeen: map[string]bool{}}
	st.buildTokens()
	if len(st.toks) == 0 {
		return nil
	}
	st.covered = make([]int8, len(st.toks))
	bounds := st.sentenceBounds()
	for _, b := range bounds {
		st.matchGazetteer(b[0], b[1])
		st.matchSectors(b[0], b[1])
		st.recogniseNames(b[0], b[1])
	}
	if r.ner != nil {
		st.applyModel(r.ner, bounds)
	}
	slices.SortFunc(st.ments, func(x, y ment) int { return x.s - y.s })
	for _, b := range bounds {
		st.compose(b[0], b[1])
	}
	st.sortMentions()
	st.resolve()
	return st
}

// sortMentions puts the mentions in text order (a description before the
// name it titles) and remaps the ante and orgRef indexes.
func (st *art) sortMentions() {
	for i := range st.ments {
		st.ments[i].id = i
	}
	slices.SortStableFunc(st.ments, func(x, y ment) int {
		if x.s != y.s {
			return x.s - y.s
		}
		return x.e - y.e
	})
	pos := make([]int, len(st.ments))
	for i, m := range st.ments {
		pos[m.id] = i
	}
	for i := range st.ments {
		if a := st.ments[i].ante; a >= 0 {
			st.ments[i].ante = pos[a]
		}
		if o := st.ments[i].orgRef; o >= 0 {
			st.ments[i].orgRef = pos[o]
		}
	}
}

// normPublished keeps a YYYY-MM-DD date, or "" when there is none.
func normPublished(s string) string {
	if len(s) >= 10 && s[4] == '-' && s[7] == '-' {
		return s[:10]
	}
	if len(s) == 4 || len(s) == 7 {
		d, err := normDate(s, false)
		if err == nil {
			return d
		}
	}
	return ""
}

// buildTokens copies the tokens of annotated sentences (not captions).
func (st *art) buildTokens() {
	a := st.a
	for si, s := range a.Sentences {
		if s.Paragraph >= 0 && s.Paragraph < len(a.Paragraphs) && a.Paragraphs[s.Paragraph].Kind == model.KindCaption {
			continue
		}
		if s.FirstToken < 0 || s.EndToken > len(a.Tokens) || s.FirstToken > s.EndToken {
			continue
		}
		firstWord := true
		for _, t := range a.Tokens[s.FirstToken:s.EndToken] {
			text := t.Span.In(a.Text)
			if text == "" {
				continue
			}
			tk := tok{text: normApos(text), start: t.Span.Start, end: t.Span.End, sent: si, space: t.SpaceAfter}
			tk.lower = strings.ToLower(tk.text)
			letters, upper := 0, 0
			for i, r := range tk.text {
				if unicode.IsLetter(r) {
					letters++
					if unicode.IsUpper(r) {
						upper++
						if letters == 1 && i == 0 {
							tk.cap = true
						}
					}
				}
			}
			if !tk.cap && letters > 0 {
				r, _ := utf8.DecodeRuneInString(tk.text)
				tk.cap = unicode.IsUpper(r)
			}
			tk.alpha = letters > 0
			tk.allCaps = letters >= 2 && upper == letters
			if t.Syntax != nil {
				tk.upos = t.Syntax.UPOS
			}
			if tk.alpha && firstWord {
				tk.first = true
				firstWord = false
			}
			st.toks = append(st.toks, tk)
		}
	}
	for i, t := range st.toks {
		if t.cap && !t.first && !t.allCaps && (i == 0 || st.toks[i-1].lower != ":") {
			st.capsSeen[t.lower] = true
		}
	}
}

// sentenceBounds returns [start,end) token ranges per sentence.
func (st *art) sentenceBounds() [][2]int {
	var out [][2]int
	for i := 0; i < len(st.toks); {
		j := i
		for j < len(st.toks) && st.toks[j].sent == st.toks[i].sent {
			j++
		}
		out = append(out, [2]int{i, j})
		i = j
	}
	return out
}

// shouty reports whether most words of the range are in capitals (a
// headline or a cross-head in capitals), where "US" or "IS" may be words.
func (st *art) shouty(s, e int) bool {
	words, caps := 0, 0
	for _, t := range st.toks[s:e] {
		if t.alpha {
			words++
			if t.allCaps || (t.cap && utf8.RuneCountInString(t.text) == 1) {
				caps++
			}
		}
	}
	return words >= 2 && caps*2 > words
}

// lookup returns the gazetteer names for the n tokens at i.
func (st *art) lookup(g *gazetteer, i, n int, buf []byte) []gazName {
	if n > g.maxAt(st.toks[i].lower) {
		return nil
	}
	buf = buf[:0]
	for k := 0; k < n; k++ {
		if k > 0 {
			buf = append(buf, ' ')
		}
		buf = append(buf, st.toks[i+k].lower...)
	}
	return g.names[string(buf)]
}

// matchGazetteer finds the longest base or dictionary names in [s,e).
func (st *art) matchGazetteer(s, e int) {
	shout := st.shouty(s, e)
	gazs := []*gazetteer{st.r.kb.gaz}
	for _, d := range st.r.dicts {
		gazs = append(gazs, d.gaz)
	}
	maxLen := 0
	for _, g := range gazs {
		maxLen = max(maxLen, g.maxLen)
	}
	buf := make([]byte, 0, 64)
	var at [8]int
	for i := s; i < e; {
		matched := 0
		longest := 0
		for k, g := range gazs {
			if k < len(at) {
				at[k] = g.maxAt(st.toks[i].lower)
				longest = max(longest, at[k])
			} else {
				longest = maxLen
			}
		}
	search:
		for n := min(longest, e-i); n >= 1; n-- {
			for k, g := range gazs {
				if n > g.maxLen || k < len(at) && n > at[k] {
					continue
				}
				for _, gn := range st.lookup(g, i, n, buf) {
					if st.accept(gn, i, s, e, shout) {
						st.addGazMention(gn.t, i, i+n)
						matched = n
						break search
					}
				}
			}
		}
		if matched == 0 {
			i++
			continue
		}
		i += matched
	}
}

// accept applies case and context rules to a candidate name at i.
func (st *art) accept(gn gazName, i, s, e int, shout bool) bool {
	n := len(gn.toks)
	anyCap := false
	lowerOK := st.lowerPlace(gn, i)
	for k, w := range gn.toks {
		t := st.toks[i+k]
		switch gn.cases[k] {
		case caseExact:
			if t.text != w {
				return false
			}
			anyCap = true
		case caseCap:
			if !t.cap && !lowerOK {
				return false
			}
			anyCap = true
		}
	}
	if !anyCap && n == 1 {
		return false
	}
	// Tokens must not be glued to letters on either side ("US" inside
	// "US-based" is fine: the hyphen is a token of its own).
	first := st.toks[i]
	if n == 1 && first.allCaps && len(first.text) <= 4 && (functionWords[first.lower] || first.lower == "it" || first.lower == "who") && shout {
		return false
	}
	if n == 1 && first.text == "IS" {
		// "IS" is the group only in running text, never in a shouted line,
		// and not as the last word before a question mark or a verb form.
		if shout {
			return false
		}
	}
	prev, next := -1, i+n
	if i > s {
		prev = i - 1
	}
	if next >= e {
		next = -1
	}
	t := gn.t
	if (t.place || t.demonym || t.ambiguous) && n == 1 {
		if prev >= 0 {
			p := st.toks[prev]
			if honorifics[p.lower] || (p.cap && !p.first && st.r.kb.given[p.lower] && !st.isGazStart(prev)) {
				return false // "Mr Jordan", "George Washington"
			}
			if p.cap && p.first && st.r.kb.given[p.lower] && t.ambiguous {
				return false
			}
		}
		if next >= 0 {
			x := st.toks[next]
			if x.cap && !x.allCaps && (orgSuffixes[x.lower] && x.lower != "forces" && x.lower != "army" && x.lower != "government" || (t.ambiguous && !functionWords[x.lower] && !st.isGazStart(next))) {
				return false // "Washington Post", "Jordan Peterson"
			}
		}
	}
	if t.place && n == 1 && st.uniqueSurname(first.lower) >= 0 {
		return false // "Kerry", "Austin": a person holding office then
	}
	if t.ambiguous && first.first && (next >= 0 && st.toks[next].cap && !st.isGazStart(next) || lowerStop[first.lower] && !st.r.kb.given[first.lower] && !st.capsSeen[first.lower]) {
		return false
	}
	if !t.place && !t.demonym && t.kind == KindORG && t.person < 0 && next >= 0 {
		// "Enron Investment Partners": a known organisation opening a
		// longer name that ends in an organisation word.
		k := next
		for k < e && k < next+4 && st.nameWord(k) {
			if orgSuffixes[st.toks[k].lower] {
				return false
			}
			k++
		}
	}
	if t.place || t.demonym {
		// A place inside a longer capitalised name is part of that name
		// ("Greater New Orleans Fair Housing Action Center", "Iran Air",
		// "Israeli Defense Forces"); the name takes the country.
		if next >= 0 && st.nameWord(next) {
			return false
		}
		if t.place && prev >= 0 && !st.toks[prev].first && st.nameWord(prev) {
			return false
		}
	}
	return true
}

// leadingCountry returns the state code of a place name or demonym that
// opens the recognised name [s,e) ("Iranian Embassy" → IRN), or "".
func (st *art) leadingCountry(s, e int) string {
	g := st.r.kb.gaz
	buf := make([]byte, 0, 32)
	for n := min(e-s-1, g.maxLen); n >= 1; n-- {
		for _, gn := range st.lookup(g, s, n, buf) {
			if (gn.t.place || gn.t.demonym) && len(gn.t.code) == 3 && st.toks[s].cap {
				return gn.t.code
			}
		}
	}
	return ""
}

// lowerPlace reports whether a place name may match text written all in
// lower case, as informal text writes "mexico" or "san francisco": only
// unambiguous state and city names that are neither given names nor
// English words, and only when every token is in lower case.
func (st *art) lowerPlace(gn gazName, i int) bool {
	if !gn.t.place || gn.t.ambiguous || gn.t.demonym || gn.t.dated != nil {
		return false
	}
	for k := range gn.toks {
		t := st.toks[i+k]
		if t.cap || !t.alpha && t.text != "-" && t.text != "." {
			return false
		}
	}
	key := st.toks[i].lower
	if len(gn.toks) == 1 && (len(key) < 5 || st.r.kb.given[key] || lowerStop[key] || functionWords[key]) {
		return false
	}
	return true
}

// nameWord reports whether token i is a capitalised word that is not a
// function word, a title or role word, a group word or a base name.
func (st *art) nameWord(i int) bool {
	t := st.toks[i]
	if !t.cap || !t.alpha || functionWords[t.lower] || norp[t.lower] || timeWords[t.lower] || honorifics[t.lower] {
		return false
	}
	if _, ok := st.r.kb.sectors[t.lower]; ok {
		return false
	}
	if i+1 < len(st.toks) {
		if _, ok := st.r.kb.sectors[t.lower+" "+st.toks[i+1].lower]; ok {
			return false
		}
	}
	return !st.isGazStart(i) && !st.isGazEnd(i)
}

// isGazEnd reports whether a base name (not a demonym) ends at token i.
func (st *art) isGazEnd(i int) bool {
	g := st.r.kb.gaz
	buf := make([]byte, 0, 32)
	for n := 1; n <= g.maxLen && i-n+1 >= 0 && st.toks[i-n+1].sent == st.toks[i].sent; n++ {
		for _, gn := range st.lookup(g, i-n+1, n, buf) {
			if !gn.t.demonym {
				return true
			}
		}
	}
	return false
}

// isGazStart reports whether a base name starts at token i.
func (st *art) isGazStart(i int) bool {
	g := st.r.kb.gaz
	buf := make([]byte, 0, 32)
	for n := 1; n <= g.maxLen && i+n <= len(st.toks) && st.toks[i+n-1].sent == st.toks[i].sent; n++ {
		for _, gn := range st.lookup(g, i, n, buf) {
			if !gn.t.demonym {
				return true
			}
		}
	}
	return false
}

// addGazMention records a gazetteer match.
func (st *art) addGazMention(t *target, s, e int) {
	for k := s; k < e; k++ {
		st.covered[k] = 1
	}
	if e-s > 1 && st.toks[s].lower == "the" {
		s++ // "the Kremlin": the name is "Kremlin"
	}
	m := ment{s: s, e: e, sent: st.toks[s].sent, kind: t.kind, code: t.code, sector: t.sector, person: t.person,
		via: t.via, demonym: t.demonym, place: t.place, city: t.city, name: !t.demonym, ante: -1, orgRef: -1}
	if t.dated != nil {
		code := codeAt(t.dated, st.date)
		m.code, m.sector = st.r.splitCode(code)
	}
	if t.person >= 0 {
		m.pname = st.r.kb.People[t.person].Name
	}
	st.ments = append(st.ments, m)
}

// splitCode turns a CAMEO code ("IRNGOV") into an actor and a sector.
func (r *Resolver) splitCode(code string) (actor, sector string) {
	if len(code) >= 3 && r.states[code[:3]] {
		actor = code[:3]
		if len(code) >= 6 {
			sector = code[3:6]
		}
		return actor, sector
	}
	if len(code) == 3 && isSectorCode(code) {
		return "", code
	}
	switch {
	case strings.HasPrefix(code, "IGO"):
		sector = "IGO"
	case strings.HasPrefix(code, "NGO"):
		sector = "NGO"
	case strings.HasPrefix(code, "IMG"):
		sector = "REB"
	case strings.HasPrefix(code, "MNC"):
		sector = "BUS"
	}
	return code, sector
}

// matchSectors finds role and title phrases among the free tokens.
func (st *art) matchSectors(s, e int) {
	buf := make([]byte, 0, 64)
	maxLen := st.r.kb.sectorMax
	for _, d := range st.r.dicts {
		maxLen = max(maxLen, d.sectorMax)
	}
	for i := s; i < e; {
		if st.covered[i] != 0 || !st.toks[i].alpha {
			i++
			continue
		}
		matched := 0
		for n := min(maxLen, e-i); n >= 1 && matched == 0; n-- {
			free := true
			for k := i; k < i+n; k++ {
				if st.covered[k] != 0 {
					free = false
				}
			}
			if !free {
				continue
			}
			buf = buf[:0]
			for k := 0; k < n; k++ {
				if k > 0 {
					buf = append(buf, ' ')
				}
				buf = append(buf, st.toks[i+k].lower...)
			}
			w, ok := st.r.kb.sectors[string(buf)]
			if !ok {
				for _, d := range st.r.dicts {
					if w, ok = d.sectors[string(buf)]; ok {
						break
					}
				}
			}
			if ok {
				st.sectors = append(st.sectors, sspan{s: i, e: i + n, w: w})
				for k := i; k < i+n; k++ {
					st.covered[k] = 2
				}
				matched = n
			}
		}
		if matched == 0 {
			i++
		} else {
			i += matched
		}
	}
}

// sectorAt returns the index of the sector phrase covering token i, or -1.
func (st *art) sectorAt(i int) int {
	j, ok := slices.BinarySearchFunc(st.sectors, i, func(x sspan, t int) int {
		switch {
		case x.e <= t:
			return -1
		case x.s > t:
			return 1
		}
		return 0
	})
	if !ok {
		return -1
	}
	return j
}

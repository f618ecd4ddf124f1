package timex

import (
	"sort"
	"strings"

	"github.com/sitrep/sitrep/internal/model"
)

// Annotate fills a.Timexes with the time expressions of every sentence,
// normalised relative to a.Published. It reads a.Text, a.Sentences,
// a.Paragraphs, a.Tokens (and their Syntax when the syntax stage has run)
// and writes nothing else. Without segmentation (no sentences) the text is
// split with simple punctuation rules and each Timex's Sentence is -1.
// Expressions in captions are kept (they are in the text) but never become
// the reference later expressions resolve against.
func Annotate(a *model.Article) {
	if a == nil {
		return
	}
	opt := Options{}
	segmented := len(a.Sentences) > 0
	if segmented {
		opt.Sentences = make([]model.Span, len(a.Sentences))
		for i, s := range a.Sentences {
			opt.Sentences[i] = s.Span
		}
		opt.Skip = func(i int) bool { return isCaption(a, i) }
		if hasSyntax(a) {
			opt.Tense = func(start, end int) Tense { return syntaxTense(a, start, end) }
		}
	}
	a.Timexes = Tag(a.Text, a.Published, opt)
	if !segmented {
		for i := range a.Timexes {
			a.Timexes[i].Sentence = -1
		}
	}
}

// isCaption reports whether sentence i sits in a caption paragraph.
func isCaption(a *model.Article, i int) bool {
	if i < 0 || i >= len(a.Sentences) {
		return false
	}
	p := a.Sentences[i].Paragraph
	return p >= 0 && p < len(a.Paragraphs) && a.Paragraphs[p].Kind == model.KindCaption
}

// hasSyntax reports whether the syntax stage has filled the tokens.
func hasSyntax(a *model.Article) bool {
	for _, t := range a.Tokens {
		if t.Syntax != nil {
			return true
		}
	}
	return false
}

// tokensIn returns the indexes [first, end) of the tokens inside span.
func tokensIn(a *model.Article, sp model.Span) (int, int) {
	first := sort.Search(len(a.Tokens), func(i int) bool { return a.Tokens[i].Span.End > sp.Start })
	end := first
	for end < len(a.Tokens) && a.Tokens[end].Span.Start < sp.End {
		end++
	}
	return first, end
}

// headOf returns the token of [first, end) whose head lies outside the
// range (the expression's syntactic head), or -1.
func headOf(a *model.Article, first, end int) int {
	for i := first; i < end; i++ {
		s := a.Tokens[i].Syntax
		if s == nil {
			return -1
		}
		if s.Head < first || s.Head >= end {
			return i
		}
	}
	return -1
}

// syntaxTense reads the tense of the clause governing text[start:end]
// from the parse: the first verb up the head chain, its auxiliaries and
// its Penn tag. It returns Unknown when the parse does not say.
func syntaxTense(a *model.Article, start, end int) Tense {
	first, last := tokensIn(a, model.Span{Start: start, End: end})
	h := headOf(a, first, last)
	if h < 0 {
		return Unknown
	}
	for steps := 0; steps < 12; steps++ {
		s := a.Tokens[h].Syntax
		if s == nil || s.Head < 0 || s.Head >= len(a.Tokens) {
			return Unknown
		}
		h = s.Head
		hs := a.Tokens[h].Syntax
		if hs == nil {
			return Unknown
		}
		if hs.UPOS == "VERB" || hs.UPOS == "AUX" && hs.Rel == "root" {
			return verbTense(a, h)
		}
	}
	return Unknown
}

// verbTense reads the tense of verb v from its auxiliaries and tag.
func verbTense(a *model.Article, v int) Tense {
	lo, hi := v-8, v+1
	if lo < 0 {
		lo = 0
	}
	var auxes []*model.Syntax
	for i := lo; i < hi && i < len(a.Tokens); i++ {
		s := a.Tokens[i].Syntax
		if s != nil && s.Head == v && (s.Rel == "aux" || s.Rel == "aux:pass") {
			auxes = append(auxes, s)
		}
	}
	for i, x := range auxes {
		switch strings.ToLower(x.Lemma) {
		case "will", "shall", "'ll", "wo", "would":
			return Future
		case "could", "may", "might", "can", "should", "must":
			if i+1 < len(auxes) && strings.ToLower(auxes[i+1].Lemma) == "have" {
				return Past
			}
			return Future
		case "have", "do":
			if x.XPOS == "VBD" || x.XPOS == "VBZ" || x.XPOS == "VBP" {
				return Past
			}
		case "be":
			if x.XPOS == "VBD" {
				return Past
			}
			if a.Tokens[v].Syntax.XPOS == "VBG" {
				return Future // "is meeting Friday"
			}
		}
	}
	switch a.Tokens[v].Syntax.XPOS {
	case "VBD", "VBN":
		return Past
	case "VBZ", "VBP":
		return Present
	case "VB":
		return Future // an infinitive: "plans to travel on Friday"
	}
	return Unknown
}

// Date is the calendar date of an event or quote.
type Date struct {
	// Value is the first day of the period, YYYY-MM-DD, or "" when neither
	// a time expression nor a publication date dates the event.
	Value string `json:"value"`
	// Precision is "day", "week", "month" or "year" (quarters, halves and
	// seasons report "year").
	Precision string `json:"precision,omitempty"`
	// Basis is "timex" when a time expression dates the event, "published"
	// when the publication date does, "" when nothing does.
	Basis string `json:"basis,omitempty"`
	// Timex indexes Article.Timexes when Basis is "timex", else -1; Span is
	// that expression's span, or NoSpan.
	Timex int        `json:"timex"`
	Span  model.Span `json:"span"`
}

// EventDate dates the event or quote whose main verb is token tok of a
// (after Annotate). The date is the time expression governing the verb's
// clause: with a parse, an expression whose head chain reaches the verb
// without crossing another clause; without one, the nearest expression in
// the same sentence and clause. A reported clause with no expression of
// its own takes the reporting verb's ("said on Monday he had rejected").
// Otherwise the publication date is used. Expressions in captions,
// republication stamps, expressions after "since", "until", "by"... (which
// bound a span rather than date a point) and non-calendar values (durations,
// PRESENT_REF) never date an event.
func EventDate(a *model.Article, tok int) Date {
	pub := Date{Value: a.Published, Precision: "day", Basis: "published", Timex: -1, Span: model.NoSpan}
	if a.Published == "" {
		pub = Date{Timex: -1, Span: model.NoSpan}
	}
	if tok < 0 || tok >= len(a.Tokens) {
		return pub
	}
	si := sentenceOf(a, tok)
	if si < 0 || isCaption(a, si) {
		return pub
	}
	var cands []int
	for i, x := range a.Timexes {
		if x.Sentence == si && usable(a, i) {
			cands = append(cands, i)
		}
	}
	if len(cands) == 0 {
		return pub
	}
	best := -1
	if a.Tokens[tok].Syntax != nil {
		best = governing(a, tok, cands)
		if best < 0 {
			// A reported clause: try the verbs that report it.
			v := tok
			for hops := 0; hops < 2 && best < 0; hops++ {
				s := a.Tokens[v].Syntax
				if s == nil || s.Head < 0 || s.Head >= len(a.Tokens) || !clauseRel(s.Rel) {
					break
				}
				v = s.Head
				best = governing(a, v, cands)
			}
		}
		if best < 0 && !syntaxComplete(a, si) {
			best = nearest(a, tok, cands)
		}
	} else {
		best = nearest(a, tok, cands)
	}
	if best < 0 {
		return pub
	}
	x := a.Timexes[best]
	day, _ := FirstDay(x.Value)
	prec := x.Precision
	if prec == "" {
		prec = precisionOf(x.Value)
	}
	return Date{Value: day, Precision: prec, Basis: "timex", Timex: best, Span: x.Span}
}

// sentenceOf returns the index of the sentence holding token tok, or -1.
func sentenceOf(a *model.Article, tok int) int {
	i := sort.Search(len(a.Sentences), func(i int) bool { return a.Sentences[i].EndToken > tok })
	if i < len(a.Sentences) && a.Sentences[i].FirstToken <= tok {
		return i
	}
	return -1
}

// usable reports whether timex i may date an event: a calendar value, not
// a republication stamp, not the bound of a span.
func usable(a *model.Article, i int) bool {
	x := a.Timexes[i]
	if x.Type != "DATE" && x.Type != "TIME" {
		return false
	}
	if _, ok := FirstDay(x.Value); !ok {
		return false
	}
	switch lastWord(a.Text[:min(x.Span.Start, len(a.Text))]) {
	case "since", "until", "till", "by", "before", "after", "from", "through", "throughout", "between":
		return false
	}
	return !isStamp(a, x)
}

// isStamp reports whether x repeats a date candidate that lost to the
// chosen publication date (a republication or crawl stamp).
func isStamp(a *model.Article, x model.Timex) bool {
	for _, dc := range a.DateCandidates {
		if dc.Date == a.Published || dc.Text == "" {
			continue
		}
		if strings.Contains(foldSpaces(dc.Text), foldSpaces(x.Text)) {
			return true
		}
	}
	return false
}

func foldSpaces(s string) string { return strings.Join(strings.Fields(s), " ") }

// clauseRel reports relations that start a clause of their own.
func clauseRel(rel string) bool {
	switch rel {
	case "ccomp", "advcl", "acl", "acl:relcl", "parataxis", "csubj", "csubj:pass", "xcomp", "conj", "root":
		return true
	}
	return false
}

// governing returns the candidate whose head chain reaches verb v without
// passing through another clause's head, nearest to v; -1 if none.
func governing(a *model.Article, v int, cands []int) int {
	best, bestDist := -1, 1<<30
	for _, ci := range cands {
		first, end := tokensIn(a, a.Timexes[ci].Span)
		h := headOf(a, first, end)
		if h < 0 {
			continue
		}
		reached := false
		for steps := 0; steps < 20 && h >= 0 && h < len(a.Tokens); steps++ {
			s := a.Tokens[h].Syntax
			if s == nil {
				break
			}
			if s.Head == v {
				reached = true
				break
			}
			if clauseRel(s.Rel) {
				break // crossed into another clause
			}
			h = s.Head
		}
		if reached {
			d := abs(first - v)
			if d < bestDist {
				best, bestDist = ci, d
			}
		}
	}
	return best
}

// syntaxComplete reports whether every token of sentence si has a parse.
func syntaxComplete(a *model.Article, si int) bool {
	s := a.Sentences[si]
	for i := s.FirstToken; i < s.EndToken && i < len(a.Tokens); i++ {
		if a.Tokens[i].Syntax == nil {
			return false
		}
	}
	return true
}

// nearest returns the candidate nearest to token tok in the same clause,
// where a semicolon or a dash ends a clause, or -1.
func nearest(a *model.Article, tok int, cands []int) int {
	best, bestDist := -1, 1<<30
	for _, ci := range cands {
		first, end := tokensIn(a, a.Timexes[ci].Span)
		if first >= len(a.Tokens) {
			continue
		}
		lo, hi := tok, first
		if first < tok {
			lo, hi = end, tok
		}
		crossed := false
		for i := lo; i < hi && i < len(a.Tokens); i++ {
			switch a.TokenText(a.Tokens[i]) {
			case ";", "—", "–":
				crossed = true
			}
		}
		if crossed {
			continue
		}
		d := hi - lo
		if d < bestDist {
			best, bestDist = ci, d
		}
	}
	return best
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

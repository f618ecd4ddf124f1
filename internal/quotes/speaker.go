package quotes

import (
	"sort"
	"strings"

	"github.com/sitrep/sitrep/internal/model"
)

// person is one mention of a named person.
type person struct {
	span    model.Span
	name    string // canonical: the fullest form used first
	female  bool
	titles  string // lower-case role words around the mention
	inQuote bool
	para    int
}

// particles may stand inside a name in lower case.
var particles = set(`al bin ibn bint abu el de da del della di du la le van von der den ben`)

// findPersons collects the article's person names in text order, with
// each name resolved to the fullest form used before it. When the actor
// stage filled Mentions, its PER mentions are used instead.
func (x *extractor) findPersons() {
	if x.mentionPersons() {
		return
	}
	for pi := range x.paras {
		p := &x.paras[pi]
		for k := 0; k+1 < len(p.sents); k++ {
			ws := p.words[p.sents[k]:p.sents[k+1]]
			for i := 0; i < len(ws); {
				if !isCap(ws[i].text) {
					i++
					continue
				}
				j := i + 1
				for j < len(ws) {
					w := ws[j]
					if isCap(w.text) && !isPossessive(w.text) {
						j++
						continue
					}
					if (particles[w.text] || w.lower == "of" && titleWords[ws[j-1].lower]) && j+1 < len(ws) && isCap(ws[j+1].text) {
						j += 2
						continue
					}
					break
				}
				x.addPerson(ws, i, j, i == 0, pi)
				i = j
			}
		}
	}
}

// addPerson strips titles from the capitalised run ws[i:j] and records it
// when what remains looks like a person's name.
func (x *extractor) addPerson(ws []word, i, j int, sentStart bool, pi int) {
	run := ws[i:j]
	if sentStart {
		for len(run) > 0 && functionWords[run[0].lower] {
			run = run[1:]
		}
	}
	titled := false
	var titles []string
	// strip through the last title word: "Health Minister Omar Haddad"
	cut := 0
	for k, w := range run[:max(0, len(run)-1)] {
		if titleWords[w.lower] || nationWords[w.lower] || roleNouns[w.lower] || w.lower == "of" {
			cut = k + 1
		}
	}
	for _, w := range run[:cut] {
		if (titleWords[w.lower] || roleNouns[w.lower]) && !nationWords[w.lower] && w.lower != "of" && w.lower != "the" {
			titled = true
		}
		titles = append(titles, w.lower)
	}
	run = run[cut:]
	// a trailing role word is not part of the name ("Trump Jr." stays)
	if len(run) == 0 || len(run) > 4 {
		return
	}
	for _, w := range run {
		if orgWords[w.lower] || titleWords[w.lower] || allCaps(w.text) && len(w.text) > 2 || !isWord(w.text) || functionWords[w.lower] {
			return
		}
	}
	// lower-case role words just before ("foreign ministry spokesman")
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		if !isLowerWord(ws[k].text) {
			break
		}
		titles = append(titles, ws[k].lower)
	}
	// an apposition after (", a White House spokesman,")
	if j+1 < len(ws) && ws[j].text == "," {
		for k := j + 1; k < len(ws) && k <= j+6 && ws[k].text != ","; k++ {
			titles = append(titles, ws[k].lower)
		}
	}
	surname := run[len(run)-1].text
	name := joinWords(run)
	canon := x.bySurname[surname]
	if canon == "" && len(run) == 1 && !titled {
		canon = x.byFirst[surname]
	}
	if canon == "" {
		if len(run) < 2 && !titled {
			return
		}
		canon = name
	}
	first := strings.ToLower(strings.Fields(canon)[0])
	female := femaleNames[first]
	for _, t := range titles {
		if t == "mrs" || t == "mrs." || t == "ms" || t == "ms." || t == "spokeswoman" || t == "congresswoman" || t == "chairwoman" || t == "queen" || t == "princess" || t == "lady" {
			female = true
		}
	}
	if x.bySurname == nil {
		x.bySurname, x.byFirst = map[string]string{}, map[string]string{}
	}
	cs := strings.Fields(canon)
	x.bySurname[cs[len(cs)-1]] = canon
	if len(cs) > 1 {
		x.byFirst[cs[0]] = canon
	}
	x.persons = append(x.persons, person{
		span: model.Span{Start: run[0].start, End: run[len(run)-1].end}, name: canon, female: female,
		titles: strings.Join(titles, " "), inQuote: run[0].inQuote, para: pi,
	})
}

// mentionPersons fills the registry from the actor stage's PER mentions
// and reports whether there were any.
func (x *extractor) mentionPersons() bool {
	found := false
	for _, m := range x.a.Mentions {
		if m.Kind != "PER" || m.Person == "" {
			continue
		}
		found = true
		pi := x.paraOf(m.Span.Start)
		x.persons = append(x.persons, person{span: m.Span, name: m.Person, para: pi, female: femaleNames[strings.ToLower(strings.Fields(m.Person)[0])]})
	}
	sort.SliceStable(x.persons, func(i, j int) bool { return x.persons[i].span.Start < x.persons[j].span.Start })
	return found
}

// paraOf returns the index in x.paras of the paragraph holding off.
func (x *extractor) paraOf(off int) int {
	i := sort.Search(len(x.paras), func(i int) bool { return x.paras[i].span.End > off })
	if i >= len(x.paras) {
		return len(x.paras) - 1
	}
	return i
}

// personIn returns the registered person mention inside span s, if any.
func (x *extractor) personIn(s model.Span) *person {
	i := sort.Search(len(x.persons), func(i int) bool { return x.persons[i].span.Start >= s.Start })
	for ; i < len(x.persons) && x.persons[i].span.Start < s.End; i++ {
		if p := &x.persons[i]; p.span.End <= s.End {
			return p
		}
	}
	return nil
}

// antecedent returns the person a pronoun or description at off refers
// to: the nearest person named before it outside quotes, within the last
// few paragraphs; for "she" a woman when one is near; for a role noun a
// person carrying that title when one is near.
func (x *extractor) antecedent(off int, female bool, role string) *person {
	pi := x.paraOf(off)
	var best *person
	for i := len(x.persons) - 1; i >= 0; i-- {
		p := &x.persons[i]
		if p.span.End > off || p.inQuote {
			continue
		}
		if pi-p.para > 6 {
			break
		}
		if best == nil {
			best = p
			if !female && role == "" {
				return p
			}
		}
		if female && p.female {
			return p
		}
		if role != "" && strings.Contains(p.titles, role) {
			return p
		}
	}
	return best
}

// speaker resolves a speaker phrase into a model speaker.
func (x *extractor) speaker(np *npRef) *model.Speaker {
	if np == nil {
		return nil
	}
	text := normSpace(joinWords(np.words))
	s := &model.Speaker{Name: text, Mention: np.span}
	defer x.fromMentions(s)
	ws := np.words
	first := ws[0].lower
	if len(ws) == 1 && subjectPronouns[first] {
		switch first {
		case "he", "she":
			if p := x.antecedent(np.span.Start, first == "she", ""); p != nil {
				s.Name = p.name
				x.repeatPerson(p, np, s.Name)
			}
		case "it":
			if x.last != nil {
				s.Name, s.Description, s.Anonymous, s.Actor, s.Sector = x.last.Name, x.last.Description, x.last.Anonymous, x.last.Actor, x.last.Sector
			}
		}
		return s
	}
	// a named person inside the phrase
	if p := x.personIn(np.span); p != nil {
		s.Name = p.name
		if d := strings.TrimSpace(strings.Trim(strings.Replace(text, p.span.In(x.text), "", 1), " ,")); d != "" && d != text {
			s.Description = d
		}
		return s
	}
	head, definite, indefinite := x.npHead(ws)
	if definite && personRoleNouns[head] {
		s.Description = text
		if p := x.antecedent(np.span.Start, false, head); p != nil {
			s.Name = p.name
			x.repeatPerson(p, np, s.Name)
		}
		return s
	}
	if indefinite && (roleNouns[head] || documentNouns[head]) || !definite && (head == "officials" || head == "sources" || head == "source" || head == "diplomats" || head == "aides") {
		s.Anonymous = true
		s.Description = text
		if head == "source" || head == "sources" {
			if aff := x.affiliation(np.span.Start); aff != "" && !strings.Contains(text, aff) {
				s.Description = text + " (" + aff + ")"
			}
		}
		x.last = s
		return s
	}
	// an organisation, a document or an unresolved name
	if definite || documentNouns[head] {
		s.Description = text
	}
	if !isCap(ws[len(ws)-1].text) || documentNouns[head] {
		x.last = s
	} else {
		x.last = s
	}
	return s
}

// repeatPerson records a resolved pronoun or description as a new mention
// of p, so that the next pronoun finds it.
func (x *extractor) repeatPerson(p *person, np *npRef, name string) {
	q := *p
	q.span = np.span
	q.name = name
	q.inQuote = false
	q.para = x.paraOf(np.span.Start)
	i := sort.Search(len(x.persons), func(i int) bool { return x.persons[i].span.Start > np.span.Start })
	x.persons = append(x.persons, person{})
	copy(x.persons[i+1:], x.persons[i:])
	x.persons[i] = q
}

// npHead returns the head noun of a description (its last word, or the
// last word before "of", "after", "at", "in", "from", "with") and whether
// it is definite ("the", a possessive) or indefinite ("a", "another").
func (x *extractor) npHead(ws []word) (head string, definite, indefinite bool) {
	end := len(ws)
	for i, w := range ws {
		if i > 0 && (w.lower == "of" || w.lower == "after" || w.lower == "at" || w.lower == "in" || w.lower == "from" || w.lower == "with" || w.lower == "for" || w.lower == "close" || w.text == "," || w.text == "(") {
			end = i
			break
		}
	}
	if end == 0 {
		return "", false, false
	}
	head = ws[end-1].lower
	switch ws[0].lower {
	case "the", "his", "her", "their", "its", "this", "that":
		definite = true
	case "a", "an", "another", "one", "some", "several", "two", "three", "other", "many", "senior", "unnamed", "anonymous":
		indefinite = true
	}
	for _, w := range ws[:end] {
		if isPossessive(w.text) {
			definite = true
		}
	}
	return head, definite, indefinite
}

// affiliation finds who an unnamed source belongs to from the text just
// before ("No 10 sources said ..." -> "No 10").
func (x *extractor) affiliation(off int) string {
	pi := x.paraOf(off)
	for k := pi; k >= 0 && pi-k <= 2; k-- {
		ws := x.paras[k].words
		for i := len(ws) - 1; i > 0; i-- {
			if ws[i].start >= off || ws[i].lower != "sources" && ws[i].lower != "source" {
				continue
			}
			j := i
			for j > 0 && (isCap(ws[j-1].text) || isNumber(ws[j-1].text) && j > 1 && isCap(ws[j-2].text)) {
				j--
			}
			if j < i {
				return joinWords(ws[j:i])
			}
		}
	}
	return ""
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// fromMentions fills actor, sector and person from an actor-stage mention
// covering the speaker's mention.
func (x *extractor) fromMentions(s *model.Speaker) {
	if len(x.a.Mentions) == 0 || !s.Mention.Valid() {
		return
	}
	var best *model.Mention
	for i := range x.a.Mentions {
		m := &x.a.Mentions[i]
		if m.Span.End <= s.Mention.Start || m.Span.Start >= s.Mention.End {
			continue
		}
		if best == nil || m.Kind == "PER" && best.Kind != "PER" {
			best = m
		}
	}
	if best == nil {
		return
	}
	if best.Person != "" {
		s.Name = best.Person
		s.Anonymous = false
	}
	if best.Actor != "" {
		s.Actor = best.Actor
	}
	if best.Sector != "" {
		s.Sector = best.Sector
	}
}

// resolve turns speaker phrases into speakers and carries speakers over to
// quotes that name none: from another quote of the same paragraph, from
// the quote a multi-paragraph quote continues, or, for a quote that opens
// its paragraph, from the previous paragraph's last speaker.
func (x *extractor) resolve() {
	idx := map[int]int{}
	for i, c := range x.cands {
		idx[c.seq] = i
	}
	for i := range x.cands {
		c := &x.cands[i]
		if c.np != nil {
			c.spk = x.speaker(c.np)
			if c.spk != nil && c.channel != "" {
				c.spk.Channel = c.channel
			}
		}
	}
	// next[i]: the next direct quote of i's paragraph with its own speaker
	next := make([]int, len(x.cands))
	nx := -1
	for i := len(x.cands) - 1; i >= 0; i-- {
		next[i] = nx
		if nx >= 0 && x.cands[nx].para != x.cands[i].para {
			next[i] = -1
		}
		if c := x.cands[i]; c.spk != nil && c.np != nil && c.kind != KindIndirect {
			nx = i
		} else if nx >= 0 && x.cands[nx].para != c.para {
			nx = -1
		}
	}
	var prevDirect *model.Speaker
	prevPara := -1
	lastByPara := map[int]*model.Speaker{}
	for i := range x.cands {
		c := &x.cands[i]
		if c.spk == nil && c.kind != KindIndirect {
			if c.chainPrev >= 0 {
				if j, ok := idx[c.chainPrev]; ok && x.cands[j].spk != nil {
					c.spk = x.cands[j].spk
				}
			}
			if c.spk == nil && prevDirect != nil && prevPara == c.para {
				// another quote of the paragraph: the previous one first
				c.spk = prevDirect
			}
			if c.spk == nil && next[i] >= 0 {
				c.spk = x.cands[next[i]].spk
			}
			if c.spk == nil && c.opensPara && c.para > 0 {
				c.spk = lastByPara[c.para-1]
			}
		}
		if c.spk != nil {
			lastByPara[c.para] = c.spk
			if c.kind != KindIndirect {
				prevDirect, prevPara = c.spk, c.para
			}
		}
	}
}

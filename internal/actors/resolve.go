package actors

import (
	"strings"

	"github.com/sitrep/sitrep/internal/model"
)

// personAt fills a KB person's actor code and sector for the article date:
// the office held then, or, outside every term, the country with sector
// ELI after the last term (a former office holder) and the title's sector
// (or none) before the first.
func (st *art) personAt(m *ment) {
	p := &st.r.kb.People[m.person]
	m.pname = p.Name
	t, ok, after := p.termAt(st.date)
	switch {
	case ok:
		m.code, m.sector, m.role = t.Country, t.Sector, t.Role
	case t.Country != "":
		if m.code == "" {
			m.code = t.Country
		}
		if after {
			m.sector = "ELI"
		}
		m.role = ""
	}
}

// surnameKey is the lower-cased key of the mention's tokens.
func (st *art) key(m ment) string {
	var b strings.Builder
	for k := m.s; k < m.e; k++ {
		if k > m.s {
			b.WriteByte(' ')
		}
		b.WriteString(st.toks[k].lower)
	}
	return b.String()
}

// lastWordKey returns the lower-cased last word of a name, with hyphenated
// parts joined as the tokenizer splits them ("amir - abdollahian").
func lastWordKey(name string) []string {
	words := strings.Fields(name)
	if len(words) == 0 {
		return nil
	}
	last := words[len(words)-1]
	out := []string{joinLower(tokenTexts(last))}
	for _, f := range surnameForms(name) {
		out = append(out, joinLower(tokenTexts(f)))
	}
	return out
}

// resolve links names, surnames, descriptions and pronouns in text order.
func (st *art) resolve() {
	for i := range st.ments {
		m := &st.ments[i]
		switch {
		case m.kind == "":
		case m.role == "govOf":
			p := *m
			if p.person < 0 {
				p.e = p.nameEnd
				p.person = st.uniqueSurname(st.key(p))
			}
			if p.person >= 0 {
				st.personAt(&p)
				m.code, m.sector = p.code, "GOV"
			}
			m.person, m.pname = -1, ""
		case m.person >= 0:
			st.personAt(m)
		case m.kind == KindPER && m.name:
			st.resolveName(i)
		}
	}
	// Descriptions, title phrases and pronouns, in text order.
	for i := range st.ments {
		m := &st.ments[i]
		switch {
		case m.kind == "":
		case m.desc && m.via == "title":
			a := st.ments[m.ante]
			m.pname, m.code, m.sector, m.person = a.pname, a.code, a.sector, a.person
		case m.desc && m.group:
			if m.definite && m.code == "" {
				if a := st.findGroup(i); a >= 0 {
					st.link(i, a)
				}
			}
		case m.desc:
			if !m.definite {
				continue
			}
			if a := st.findPerson(i); a >= 0 {
				st.link(i, a)
			} else if m.code != "" && m.role != "" {
				if p := st.holder(m.code, m.role); p >= 0 {
					role := m.role
					m.person = p
					st.personAt(m)
					m.role = role // what the text calls them, for later links
				}
			}
		case m.pron:
			if a := st.findPronoun(i); a >= 0 {
				st.link(i, a)
			}
		}
	}
	// A person working for an organisation ("a spokesman for the group").
	for i := range st.ments {
		m := &st.ments[i]
		if m.kind != KindPER || m.person >= 0 || m.code != "" {
			continue
		}
		ref := m.orgRef
		if ref <= -2 {
			sk := -2 - ref
			ref = -1
			for k, o := range st.ments {
				if o.desc && o.s == st.sectors[sk].s {
					ref = k
				}
			}
		}
		if ref >= 0 && st.ments[ref].code != "" {
			m.code = st.ments[ref].code
			if s := st.ments[ref].sector; s == "REB" || s == "IGO" || s == "NGO" {
				m.sector = s
			}
		}
	}
	st.entities()
}

// link makes mention i refer to mention a.
func (st *art) link(i, a int) {
	m, o := &st.ments[i], st.ments[a]
	m.ante = a
	m.pname, m.person = o.pname, o.person
	if o.code != "" {
		m.code = o.code
	}
	if o.sector != "" {
		m.sector = o.sector
	}
}

// resolveName resolves a recognised personal name outside the base: a
// surname of an earlier full name in the article, a surname of a person of
// the base holding office at the article date, or a new person.
func (st *art) resolveName(i int) {
	m := &st.ments[i]
	key := st.key(*m)
	nwords := 0
	for k := m.s; k < m.e; k++ {
		if st.toks[k].alpha && st.toks[k].text != "-" {
			nwords++
		}
	}
	isHyphen := false
	for k := m.s; k < m.e; k++ {
		if st.toks[k].text == "-" {
			isHyphen = true
		}
	}
	single := nwords == 1 || (isHyphen && nwords == 2) || (nwords == 2 && nameParticles[st.toks[m.s].lower])
	// An earlier person of the article with this surname or full name.
	for a := i - 1; a >= 0; a-- {
		o := st.ments[a]
		if o.kind != KindPER || o.pname == "" || o.desc || o.pron {
			continue
		}
		if strings.EqualFold(o.pname, m.text(st)) {
			st.link(i, a)
			m.via = "coref"
			return
		}
		if single {
			for _, lk := range lastWordKey(o.pname) {
				if lk == key {
					st.link(i, a)
					m.via = "coref"
					return
				}
			}
		}
		if !single && nwords >= 2 {
			// "Bashar Assad" after "Bashar al-Assad".
			ow := strings.Fields(strings.ToLower(o.pname))
			mw := strings.Fields(strings.ToLower(m.text(st)))
			if len(ow) >= 2 && ow[0] == mw[0] && strings.HasSuffix(ow[len(ow)-1], mw[len(mw)-1]) {
				st.link(i, a)
				m.via = "coref"
				return
			}
		}
	}
	// A surname of the base.
	if single {
		if p := st.uniqueSurname(key); p >= 0 {
			m.person = p
			st.personAt(m)
			m.via = "kb"
			return
		}
	} else if len(m.pname) == 0 {
		ws := strings.Fields(m.text(st))
		if p := st.uniqueSurname(joinLower(tokenTexts(ws[len(ws)-1]))); p >= 0 {
			pw := strings.Fields(st.r.kb.People[p].Name)
			if strings.EqualFold(pw[0], ws[0]) {
				m.person = p
				st.personAt(m)
				m.via = "kb"
				return
			}
		}
	}
	m.pname = m.text(st)
}

// text returns the mention's text with folded white space.
func (m ment) text(st *art) string {
	var b strings.Builder
	for k := m.s; k < m.e; k++ {
		b.WriteString(st.toks[k].text)
		if st.toks[k].space && k+1 < m.e {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// uniqueSurname returns the one person of the base with this surname who
// held an office at the article date (any office when undated), or -1.
func (st *art) uniqueSurname(key string) int {
	cands := st.r.kb.surnames[key]
	found := -1
	for _, p := range cands {
		_, ok, _ := st.r.kb.People[p].termAt(st.date)
		if !ok {
			continue
		}
		if found >= 0 {
			return -1
		}
		found = p
	}
	return found
}

// roleCompatible reports whether a description's role fits a person's.
func roleCompatible(desc, person string) bool {
	switch desc {
	case "":
		return false
	case "LEADER":
		return person == "HOS" || person == "HOG" || person == "LEADER"
	case "HOS":
		return person == "HOS"
	case "HOG":
		return person == "HOG"
	case "MIN":
		return person == "FM" || person == "DM" || person == "MIN"
	case "SPOKES":
		return person == "SPOKES"
	case "CMD":
		return person == "CMD"
	}
	return desc == person
}

// findPerson returns the nearest earlier person mention a definite
// description can refer to, or -1.
func (st *art) findPerson(i int) int {
	m := st.ments[i]
	for a := i - 1; a >= 0; a-- {
		o := st.ments[a]
		if o.kind != KindPER || o.pname == "" || o.pron {
			continue
		}
		if m.sent-o.sent > 12 {
			break
		}
		if m.code != "" && o.code != m.code {
			continue
		}
		if m.role == "HOG" && st.titledPresident(o.pname, i) {
			continue // "the prime minister" is not someone called president
		}
		if roleCompatible(m.role, o.role) || m.role == "HOS" && o.role == "HOG" && o.code != "" && st.holder(o.code, "HOS") < 0 {
			// A president is the head of state, or where that office is
			// not a presidency (Iran's supreme leader) the head of
			// government.
			return a
		}
	}
	return -1
}

// holder returns the person of the base who held role for code at the
// article date, or -1. A leader is the head of state, then of government.
func (st *art) holder(code, role string) int {
	roles := []string{role}
	switch role {
	case "LEADER":
		roles = []string{"LEADER", "HOS", "HOG"}
	case "HOS":
		roles = []string{"HOS", "HOG"}
	case "MIN":
		return -1
	}
	for _, want := range roles {
		for p := range st.r.kb.People {
			t, ok, _ := st.r.kb.People[p].termAt(st.date)
			if ok && t.Country == code && t.Role == want && st.date != "" {
				return p
			}
		}
	}
	return -1
}

// findGroup returns the nearest earlier armed group or organisation a
// definite collective description ("the group") can refer to, or -1.
func (st *art) findGroup(i int) int {
	m := st.ments[i]
	for a := i - 1; a >= 0; a-- {
		o := st.ments[a]
		if o.kind != KindORG || o.code == "" || o.desc && o.ante < 0 {
			continue
		}
		if m.sent-o.sent > 12 {
			break
		}
		if o.sector == m.sector || (m.sector == "REB" && o.sector == "") {
			return a
		}
	}
	return -1
}

// findPronoun returns the nearest earlier mention a subject pronoun can
// refer to: a person for "he"/"she", a group or state for "they".
func (st *art) findPronoun(i int) int {
	m := st.ments[i]
	for a := i - 1; a >= 0; a-- {
		o := st.ments[a]
		if m.sent-o.sent > 3 {
			break
		}
		if o.pron && o.role == m.role && o.ante >= 0 {
			return o.ante
		}
		switch m.role {
		case "m", "f":
			if o.kind == KindPER && o.pname != "" && !o.pron {
				return a
			}
		case "p":
			// "they": a group, an organisation or a state named (or
			// described, "the militants") in this or the last sentence.
			if m.sent-o.sent > 1 || o.code == "" || o.pron || o.demonym || o.city {
				continue
			}
			if o.kind == KindORG && (!o.desc || o.group) || o.kind == KindLOC && o.place {
				return a
			}
		}
	}
	return -1
}

// entities numbers coreference chains: one per person, per actor code of
// a name, per recognised name, and per unlinked description.
func (st *art) entities() {
	ids := map[string]int{}
	next := 0
	newID := func(key string) int {
		if key != "" {
			if id, ok := ids[key]; ok {
				return id
			}
		}
		next++
		if key != "" {
			ids[key] = next
		}
		return next
	}
	for i := range st.ments {
		m := &st.ments[i]
		switch {
		case m.kind == "":
		case m.pname != "":
			m.entity = newID("P:" + strings.ToLower(m.pname))
		case m.ante >= 0 && st.ments[m.ante].entity > 0:
			m.entity = st.ments[m.ante].entity
		case m.city:
			m.entity = newID("L:" + strings.ToLower(m.text(st)))
		case m.code != "" && !m.desc && !m.pron:
			m.entity = newID("C:" + m.code + ":" + m.sector)
		case m.name:
			m.entity = newID("N:" + strings.ToLower(m.text(st)))
		case m.code != "" || m.desc:
			m.entity = newID("")
		}
	}
	// Persons outside the base take the country and sector any mention of
	// their chain has ("Afkham said" after "Iranian foreign ministry
	// spokesman Marzieh Afkham").
	type info struct{ code, sector string }
	chain := map[int]info{}
	for _, m := range st.ments {
		if m.entity == 0 || m.kind != KindPER {
			continue
		}
		in := chain[m.entity]
		if in.code == "" {
			in.code = m.code
		}
		if in.sector == "" {
			in.sector = m.sector
		}
		chain[m.entity] = in
	}
	for i := range st.ments {
		m := &st.ments[i]
		if m.kind != KindPER || m.entity == 0 || m.person >= 0 {
			continue
		}
		in := chain[m.entity]
		if m.code == "" {
			m.code = in.code
		}
		if m.sector == "" {
			m.sector = in.sector
		}
	}
}

// emit writes the article's mentions.
func (st *art) emit() {
	a := st.a
	for _, m := range st.ments {
		if m.kind == "" {
			continue
		}
		if (m.pron || m.desc) && m.code == "" && m.pname == "" {
			continue
		}
		span := model.Span{Start: st.toks[m.s].start, End: st.toks[m.e-1].end}
		via := m.via
		a.Mentions = append(a.Mentions, model.Mention{
			Span: span, Text: span.In(a.Text), Sentence: m.sent, Kind: m.kind, Actor: m.code, Sector: m.sector,
			Person: m.pname, Entity: m.entity, Via: via,
		})
	}
}

// titledPresident reports whether the article calls person name
// "president" before mention i.
func (st *art) titledPresident(name string, i int) bool {
	for _, o := range st.ments[:i] {
		if o.pname == name && o.desc && strings.EqualFold(o.text(st), "president") {
			return true
		}
	}
	return false
}

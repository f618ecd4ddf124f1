package actors

import "strings"

// titleInfo is what a title or apposition says about a person.
type titleInfo struct {
	code, sector, role string
	spans              []int // sector phrases used (indexes st.sectors)
	orgRef             int   // mention of the organisation, or -1
	found              bool
}

// compose links titles, appositions and descriptions in sentence [s,e).
func (st *art) compose(s, e int) {
	used := map[int]bool{}
	for mi := range st.ments {
		m := &st.ments[mi]
		if m.s < s || m.s >= e || m.kind != KindPER || !m.name {
			continue
		}
		ti := st.leftTitle(m.s, s)
		if !ti.found {
			ti = st.rightApposition(m.e, e)
		} else if ti.code == "" {
			// "President Hollande of France".
			if m.e+1 < e && st.toks[m.e].lower == "of" {
				if k := st.mentionStarting(m.e + 1); k >= 0 && st.ments[k].place {
					ti.code = st.ments[k].code
				}
			}
		}
		if !ti.found {
			continue
		}
		m.orgRef = ti.orgRef
		st.setTitle(mi, ti)
		for _, k := range ti.spans {
			used[k] = true
			sp := st.sectors[k]
			if sp.w.Modifier {
				continue
			}
			st.ments = append(st.ments, ment{s: sp.s, e: sp.e, sent: st.toks[sp.s].sent, kind: KindPER, desc: true,
				via: "title", ante: mi, orgRef: -1, person: -1, role: sp.w.Role, sector: sp.w.Sector})
		}
	}
	// "the Obama administration": a person's government.
	for mi := range st.ments {
		m := &st.ments[mi]
		if m.s < s || m.s >= e || m.kind != KindPER || m.e >= e || (m.person < 0 && len(st.r.kb.surnames[st.key(*m)]) == 0) {
			continue
		}
		if k := st.sectorAt(m.e); k >= 0 && st.sectors[k].s == m.e && st.sectors[k].w.Org && st.sectors[k].w.Sector == "GOV" {
			used[k] = true
			m.nameEnd = m.e
			m.e = st.sectors[k].e
			m.kind = KindORG
			m.name = false
			m.via = "kb"
			m.role = "govOf"
		}
	}
	for k, sp := range st.sectors {
		if sp.s < s || sp.s >= e || used[k] || sp.w.Modifier {
			continue
		}
		st.description(k, s, e)
	}
	for i := s; i < e; i++ {
		if st.covered[i] != 0 {
			continue
		}
		if g, ok := subjectPronouns[st.toks[i].lower]; ok {
			st.ments = append(st.ments, ment{s: i, e: i + 1, sent: st.toks[i].sent, pron: true, role: g, via: "pronoun",
				person: -1, ante: -1, orgRef: -1, kind: KindPER})
		}
	}
}

// setTitle stores title information on a person mention; the resolver
// decides later whether the base's dated terms override it.
func (st *art) setTitle(mi int, ti titleInfo) {
	m := &st.ments[mi]
	if m.code == "" {
		m.code = ti.code
	}
	if m.sector == "" {
		m.sector = ti.sector
	}
	if m.role == "" {
		m.role = ti.role
	}
}

// mentionStarting returns the mention that starts at token i, or -1.
func (st *art) mentionStarting(i int) int {
	for k := range st.ments {
		if st.ments[k].s == i && st.ments[k].kind != "" {
			return k
		}
	}
	return -1
}

// mentionEnding returns the mention that ends at token i (exclusive), or -1.
func (st *art) mentionEnding(i int) int {
	for k := range st.ments {
		if st.ments[k].e == i && st.ments[k].kind != "" && !st.ments[k].pron && !st.ments[k].desc {
			return k
		}
	}
	return -1
}

// absorbOrg takes the country (and a body's sector) from mention k.
func (st *art) absorbOrg(ti *titleInfo, k int) {
	m := st.ments[k]
	if m.kind == KindPER {
		return
	}
	if ti.code == "" {
		ti.code = m.code
		if m.sector != "" && !m.place && !m.demonym {
			ti.sector = m.sector
		}
	}
	if !m.place && !m.demonym && ti.orgRef < 0 {
		ti.orgRef = k
	}
}

// leftTitle reads a title written before a name at token n: "Iranian
// foreign ministry spokesman", "Iraq's Foreign Minister", "U.S. Secretary
// of State", "Iran's supreme leader, Ayatollah".
func (st *art) leftTitle(n, s int) titleInfo {
	ti := titleInfo{orgRef: -1}
	j := n - 1
	comma := false
	skipped := 0
	for j >= s {
		t := st.toks[j]
		if honorifics[t.lower] {
			j--
			continue
		}
		if k := st.sectorAt(j); k >= 0 {
			sp := st.sectors[k]
			if sp.w.Person || sp.w.Title || sp.w.Modifier {
				if !sp.w.Modifier && ti.role == "" && ti.sector == "" {
					ti.sector, ti.role = sp.w.Sector, sp.w.Role
				} else if !sp.w.Modifier && ti.role == "" {
					ti.role = sp.w.Role
				}
				if !sp.w.Modifier {
					ti.found = true
				}
				ti.spans = append(ti.spans, k)
				j = sp.s - 1
				continue
			}
			if sp.w.Org { // "foreign ministry spokesman" is one phrase; "ministry" alone
				j = sp.s - 1
				continue
			}
			break
		}
		if t.text == "," && j == n-1 && !comma {
			comma = true
			j--
			continue
		}
		if t.lower == "'s" || t.lower == "'" {
			if k := st.mentionEnding(j); k >= 0 {
				st.absorbOrg(&ti, k)
				j = st.ments[k].s - 1
				break
			}
			break
		}
		if k := st.mentionEnding(j + 1); k >= 0 && st.ments[k].kind != KindPER {
			st.absorbOrg(&ti, k)
			j = st.ments[k].s - 1
			continue
		}
		if descModifiers[t.lower] && ti.found {
			j--
			continue
		}
		if ti.found && skipped < 2 && t.alpha && !t.cap && !functionWords[t.lower] {
			// "defence ministry spokesman": a noun modifying the title.
			skipped++
			j--
			continue
		}
		break
	}
	if comma && ti.code == "" {
		// After a comma only a full title with a country counts
		// ("Iran's supreme leader, Ayatollah Ali Khamenei").
		return titleInfo{orgRef: -1}
	}
	return ti
}

// rightApposition reads ", a White House spokesman," after a name ending
// at token n.
func (st *art) rightApposition(n, e int) titleInfo {
	ti := titleInfo{orgRef: -1}
	if n >= e || st.toks[n].text != "," {
		return ti
	}
	j := n + 1
	if j < e && (definites[st.toks[j].lower] || indefinites[st.toks[j].lower] || st.toks[j].lower == "his" || st.toks[j].lower == "her" || st.toks[j].lower == "its" || st.toks[j].lower == "their") {
		j++
	} else if k := st.mentionStarting(j); k >= 0 && st.ments[k].e+1 < e && st.toks[st.ments[k].e].lower == "'s" {
		st.absorbOrg(&ti, k)
		j = st.ments[k].e + 1
	} else {
		return ti
	}
	for j < e {
		t := st.toks[j]
		if k := st.sectorAt(j); k >= 0 {
			sp := st.sectors[k]
			if (sp.w.Person || sp.w.Title) && !ti.found {
				ti.sector, ti.role, ti.found = sp.w.Sector, sp.w.Role, true
				ti.spans = append(ti.spans, k)
			} else if sp.w.Modifier {
				ti.spans = append(ti.spans, k)
			}
			j = sp.e
			continue
		}
		if k := st.mentionStarting(j); k >= 0 && st.ments[k].kind != KindPER {
			st.absorbOrg(&ti, k)
			j = st.ments[k].e
			continue
		}
		if descModifiers[t.lower] {
			j++
			continue
		}
		if (t.lower == "for" || t.lower == "of" || t.lower == "at") && ti.found {
			k := j + 1
			if k < e && definites[st.toks[k].lower] {
				k++
			}
			if mi := st.mentionStarting(k); mi >= 0 && st.ments[mi].kind != KindPER {
				st.absorbOrg(&ti, mi)
			} else if sk := st.sectorAt(k); sk >= 0 && st.sectors[sk].w.Group {
				// "a spokesman for the group": resolved with the group.
				ti.orgRef = -2 - sk
			}
		}
		break
	}
	return ti
}

// isHead reports whether the phrase ending before token i heads its noun
// phrase (is not followed by another noun).
func (st *art) isHead(i, e int) bool {
	if i >= e {
		return true
	}
	t := st.toks[i]
	if !t.alpha || functionWords[t.lower] || personVerbs[t.lower] || t.cap {
		return true
	}
	if st.sectorAt(i) >= 0 {
		return false
	}
	return strings.HasSuffix(t.lower, "ed")
}

// description turns sector phrase k into a description mention when it
// heads a noun phrase with a determiner, a possessive or a country.
func (st *art) description(k, s, e int) {
	sp := st.sectors[k]
	w := sp.w
	if !(w.Person || w.Group) || !st.isHead(sp.e, e) {
		return
	}
	m := ment{s: sp.s, e: sp.e, sent: st.toks[sp.s].sent, desc: true, group: w.Group && !w.Person, role: w.Role,
		sector: w.Sector, via: "description", person: -1, ante: -1, orgRef: -1}
	if m.group {
		m.kind = KindORG
	} else {
		m.kind = KindPER
	}
	det := ""
	j := sp.s - 1
	for j >= s {
		t := st.toks[j]
		if sk := st.sectorAt(j); sk >= 0 {
			if st.sectors[sk].w.Modifier || st.sectors[sk].w.Org || st.sectors[sk].w.Person {
				j = st.sectors[sk].s - 1
				continue
			}
			break
		}
		if descModifiers[t.lower] {
			j--
			continue
		}
		if t.lower == "'s" || t.lower == "'" {
			if mk := st.mentionEnding(j); mk >= 0 {
				st.descOrg(&m, mk)
			}
			det = "the"
			break
		}
		if mk := st.mentionEnding(j + 1); mk >= 0 && st.ments[mk].kind != KindPER {
			st.descOrg(&m, mk)
			j = st.ments[mk].s - 1
			continue
		}
		if definites[t.lower] || indefinites[t.lower] || t.lower == "his" || t.lower == "her" || t.lower == "its" || t.lower == "their" {
			det = t.lower
		}
		break
	}
	if m.code == "" && !m.group {
		// "the ambassadors of Arnor", "soldiers from Gondor", "lawmakers
		// in Fornost": a place or body named right after the noun (not
		// for a collective description: "the group in Iraq" is an
		// anaphor of the group named before).
		k := sp.e
		if k+1 < e && (st.toks[k].lower == "of" || st.toks[k].lower == "from" || st.toks[k].lower == "in") {
			k++
			if definites[st.toks[k].lower] && k+1 < e {
				k++
			}
			if mk := st.mentionStarting(k); mk >= 0 && st.ments[mk].kind != KindPER {
				st.descOrg(&m, mk)
			}
		}
	}
	m.definite = definites[det] || det == "its" || det == "their"
	switch {
	case m.definite:
	case m.code != "":
	default:
		return
	}
	st.ments = append(st.ments, m)
}

// descOrg gives description m the country or organisation of mention k.
func (st *art) descOrg(m *ment, k int) {
	o := st.ments[k]
	if o.kind == KindPER || o.code == "" || m.code != "" {
		return
	}
	m.code = o.code
	if !o.place && !o.demonym && o.sector != "" {
		if o.sector == "REB" || o.sector == "IGO" || m.group {
			m.sector = o.sector
		} else if o.sector != "GOV" || m.sector == "" {
			m.sector = o.sector
		}
	}
}

package actors

import (
	"strings"
	"unicode/utf8"
)

// norp holds capitalised words for nationalities, religions and political
// or ethnic groups that are not named entities ("Sunni", "Kurds").
var norp = set("sunni", "sunnis", "shia", "shias", "shiite", "shiites", "shi'ite", "shi'ites", "muslim", "muslims",
	"christian", "christians", "jewish", "jew", "jews", "arab", "arabs", "arabic", "kurd", "kurds", "kurdish",
	"western", "eastern", "european", "europeans", "islamic", "islamist", "islamists", "alawite", "alawites",
	"yazidi", "yazidis", "catholic", "catholics", "protestant", "hindu", "hindus", "buddhist", "sikh",
	"english", "latin", "asian", "african", "africans", "latino", "hispanic", "caucasian", "democrat",
	"democrats", "republican", "republicans", "conservative", "conservatives", "liberal", "liberals",
	"labour", "tory", "tories", "marxist", "communist", "communists", "socialist", "nazi", "nazis",
	"internet", "web", "god", "allah", "lord", "jesus", "christ", "bible", "koran", "quran", "caliphate",
	"takfiri", "takfiris", "jihadist", "jihadists", "salafist", "salafi", "wahhabi", "zionist", "baathist",
	"west", "east", "north", "south", "middle", "ok", "okay", "lol", "thanks", "hello", "hi",
	"mom", "dad", "mum", "sir", "madam", "ma'am", "guys", "dear")

// nameLike reports whether token i can be part of a name.
func (st *art) nameLike(i int) bool {
	t := st.toks[i]
	if !t.alpha || st.covered[i] != 0 {
		return false
	}
	if t.upos == "PROPN" && t.cap {
		return !timeWords[t.lower]
	}
	afterHonorific := i > 0 && honorifics[st.toks[i-1].lower] && st.toks[i-1].sent == t.sent
	if !t.cap || timeWords[t.lower] && !afterHonorific || t.text == "I" || norp[t.lower] || honorifics[t.lower] {
		return false
	}
	if functionWords[t.lower] && !t.allCaps && !afterHonorific {
		return false
	}
	if t.upos != "" && t.first && t.upos != "PROPN" && t.upos != "NOUN" {
		return false
	}
	return true
}

// particleAt reports whether token i is a lower-case name particle
// glued to a capitalised word ("al-Assad", "bin Laden").
func (st *art) particleAt(i, e int) bool {
	t := st.toks[i]
	if !nameParticles[t.lower] || st.covered[i] != 0 {
		return false
	}
	if i+2 < e && st.toks[i+1].text == "-" && !t.space && !st.toks[i+1].space && st.toks[i+2].cap {
		return true
	}
	return i+1 < e && st.toks[i+1].cap && st.toks[i+1].alpha && t.lower != "de" && t.lower != "la" && t.lower != "le"
}

// recogniseNames finds capitalised names outside the base in [s,e).
func (st *art) recogniseNames(s, e int) {
	if st.shouty(s, e) {
		return
	}
	for i := s; i < e; {
		if !(st.nameLike(i) || st.particleAt(i, e)) {
			i++
			continue
		}
		j := i + 1
		for j < e {
			t := st.toks[j]
			switch {
			case st.nameLike(j) && !(t.first):
				j++
				continue
			case (t.text == "-" || t.text == "'") && !st.toks[j-1].space && !t.space && j+1 < e && (st.nameLike(j+1) || st.toks[j+1].cap && st.covered[j+1] == 0):
				j += 2
				continue
			case st.particleAt(j, e) && j+1 < e:
				j++
				continue
			case t.text == "&" && j+1 < e && st.nameLike(j+1):
				j += 2
				continue
			case (t.lower == "of" || t.lower == "for") && j+1 < e && (orgPrefixes[st.toks[i].lower] || locPrefixes[st.toks[i].lower] && st.toks[i].lower != "north" && st.toks[i].lower != "south"):
				k := j + 1
				if k < e && st.toks[k].lower == "the" && k+1 < e {
					k++
				}
				if st.nameLike(k) {
					j = k + 1
					continue
				}
				if mi := st.mentionAt(k); mi >= 0 && st.ments[mi].s == k && !st.ments[mi].demonym && st.ments[mi].kind != KindPER {
					// "Bank of America", "University of Texas": the place
					// is part of the organisation's name.
					j = st.ments[mi].e
					st.ments[mi].kind = ""
					continue
				}
			}
			break
		}
		// Trim a trailing particle or connector.
		for j > i+1 && !st.toks[j-1].cap {
			j--
		}
		if j == i+1 && (!st.keepSingle(i, e) || utf8.RuneCountInString(st.toks[i].text) == 1 || orgSuffixes[st.toks[i].lower]) {
			i++
			continue
		}
		kind := st.typeName(i, j, e)
		if kind != "" {
			st.ments = append(st.ments, ment{s: i, e: j, sent: st.toks[i].sent, kind: kind, person: -1, via: "ner", name: true, ante: -1, orgRef: -1, code: st.leadingCountryIf(kind, i, j)})
			for k := i; k < j; k++ {
				st.covered[k] = 1
			}
		}
		i = j
	}
}

// mentionAt returns the index of the mention covering token i, or -1.
func (st *art) mentionAt(i int) int {
	for k := len(st.ments) - 1; k >= 0; k-- {
		m := st.ments[k]
		if m.kind != "" && m.s <= i && i < m.e {
			return k
		}
	}
	return -1
}

// keepSingle decides whether a one-word capitalised candidate at i is a
// name: mid-sentence words are; a sentence's first word only when it is a
// known given name or surname, or is seen capitalised elsewhere.
func (st *art) keepSingle(i, e int) bool {
	t := st.toks[i]
	if !t.first {
		return true
	}
	if t.upos == "PROPN" {
		return true
	}
	if st.r.kb.given[t.lower] || len(st.r.kb.surnames[t.lower]) > 0 || st.capsSeen[t.lower] {
		return true
	}
	if i+1 < e && personVerbs[st.toks[i+1].lower] {
		return true
	}
	return t.allCaps && len(t.text) <= 6
}

// typeName gives a recognised name [s,e) its entity type.
func (st *art) typeName(s, e, end int) string {
	first, last := st.toks[s], st.toks[e-1]
	n := e - s
	if s > 0 && st.toks[s-1].sent == first.sent {
		p := st.toks[s-1]
		if honorifics[p.lower] || strings.HasSuffix(p.lower, ".") && honorifics[p.lower] {
			return KindPER
		}
		if k := st.sectorAt(s - 1); k >= 0 && (st.sectors[k].w.Title || st.sectors[k].w.Person) {
			return KindPER
		}
	}
	if n >= 2 && orgSuffixes[last.lower] || n >= 2 && orgPrefixes[first.lower] {
		return KindORG
	}
	if n >= 2 && st.leadingCountry(s, e) != "" && !locSuffixes[last.lower] {
		return KindORG // "Iranian Embassy", "Iran Air"
	}
	if n >= 2 && (locSuffixes[last.lower] || locPrefixes[first.lower]) {
		return KindLOC
	}
	if n == 1 && first.allCaps && len(first.text) <= 6 {
		return KindORG
	}
	if st.r.kb.given[first.lower] || len(st.r.kb.surnames[last.lower]) > 0 {
		return KindPER
	}
	if e < end && personVerbs[st.toks[e].lower] {
		return KindPER
	}
	if n == 1 && s > 0 && locPreps[st.toks[s-1].lower] && st.toks[s-1].sent == first.sent {
		return KindLOC
	}
	if n == 1 && st.earlierSurname(first.lower) {
		return KindPER
	}
	if n >= 2 && n <= 4 {
		return KindPER
	}
	return KindORG
}

// earlierSurname reports whether an earlier personal name of the article
// ends with the word w.
func (st *art) earlierSurname(w string) bool {
	for _, m := range st.ments {
		if m.kind == KindPER && m.name && m.e-m.s >= 2 && st.toks[m.e-1].lower == w {
			return true
		}
	}
	return false
}

// leadingCountryIf returns leadingCountry for organisations and places;
// a person is not coded by the country word in their name.
func (st *art) leadingCountryIf(kind string, s, e int) string {
	if kind == KindPER {
		return ""
	}
	return st.leadingCountry(s, e)
}

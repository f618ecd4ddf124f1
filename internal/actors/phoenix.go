package actors

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// datedCode is one CAMEO code of a dictionary entry with the dates it
// applies (inclusive YYYY-MM-DD; "" bounds are open).
type datedCode struct {
	code     string
	from, to string
}

// Dict is a PETRARCH/Phoenix actor and agent dictionary set loaded with
// LoadPhoenix. A Dict is immutable after loading and safe for concurrent
// use; add it to a Resolver with NewResolver.
type Dict struct {
	gaz     *gazetteer
	sectors map[string]SectorWord
	// sectorMax is the longest agent phrase in tokens.
	sectorMax int
	// Entries counts actor entries (primary names and "+" synonyms);
	// Agents counts agent phrases after plural and macro expansion.
	Entries, Agents int
	// Skipped counts codes whose dates could not be read; they are ignored
	// (the entry keeps its other codes).
	Skipped int
}

// LoadPhoenix reads PETRARCH/Phoenix dictionaries: any number of actor
// files (Phoenix.Countries.actors.txt, Phoenix.International.actors.txt,
// Phoenix.MilNonState.actors.txt...) and agent files (Phoenix.agents.txt).
// Actor entries are "NAME_ [CODE]" lines, "+SYNONYM" lines and indented
// "[CODE DATES]" lines with dates as ">YYMMDD", "<YYMMDD" or
// "YYMMDD-YYMMDD" (two- or four-digit years); agent entries are
// "PHRASE {PLURALS} [~CODE]" with "!MACRO! = A, B" substitutions. Names
// match text case-insensitively, except that short one-word names must be
// in capitals and other words need a capital letter. Unreadable dates are
// counted in Skipped, not errors; an error is returned only for I/O.
func LoadPhoenix(actorFiles, agentFiles []io.Reader) (*Dict, error) {
	d := &Dict{gaz: newGazetteer(), sectors: map[string]SectorWord{}}
	for i, r := range actorFiles {
		if err := d.readActors(r); err != nil {
			return nil, fmt.Errorf("actor dictionary %d: %w", i+1, err)
		}
	}
	for i, r := range agentFiles {
		if err := d.readAgents(r); err != nil {
			return nil, fmt.Errorf("agent dictionary %d: %w", i+1, err)
		}
	}
	return d, nil
}

// stripComment removes a "#" comment.
func stripComment(s string) string {
	if i := strings.IndexByte(s, '#'); i >= 0 {
		return s[:i]
	}
	return s
}

// dictPhrase turns a dictionary phrase ("BARACK_OBAMA_") into words.
func dictPhrase(s string) string {
	s = strings.ReplaceAll(strings.TrimSpace(s), "_", " ")
	return strings.Join(strings.Fields(s), " ")
}

func (d *Dict) readActors(r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 4*1024*1024)
	var names []string
	var codes []datedCode
	flush := func() {
		if len(names) > 0 && len(codes) > 0 {
			t := &target{person: -1, dated: codes, via: "dict"}
			t.kind = dictKind(names[0], codes)
			for _, n := range names {
				d.gaz.add(n, t, true)
				d.Entries++
			}
		}
		names, codes = nil, nil
	}
	for sc.Scan() {
		line := stripComment(sc.Text())
		if strings.TrimSpace(line) == "" {
			continue
		}
		indented := line[0] == ' ' || line[0] == '\t'
		line = strings.TrimSpace(line)
		var codePart string
		if i := strings.IndexByte(line, '['); i >= 0 {
			codePart = line[i:]
			line = strings.TrimSpace(line[:i])
		}
		switch {
		case line == "" && codePart != "":
			// An indented code line of the current entry.
		case strings.HasPrefix(line, "+"):
			if n := dictPhrase(line[1:]); n != "" {
				names = append(names, n)
			}
		case !indented:
			flush()
			if n := dictPhrase(line); n != "" {
				names = append(names, n)
			}
		}
		if codePart != "" {
			codes = append(codes, d.parseCodes(codePart)...)
		}
	}
	flush()
	return sc.Err()
}

// parseCodes reads "[IRNGOV >19890604] [ELI]" into dated codes.
func (d *Dict) parseCodes(s string) []datedCode {
	var out []datedCode
	for {
		i := strings.IndexByte(s, '[')
		if i < 0 {
			return out
		}
		s = s[i+1:]
		j := strings.IndexAny(s, "]}")
		inner := s
		if j >= 0 {
			inner, s = s[:j], s[j+1:]
		} else {
			s = ""
		}
		f := strings.Fields(inner)
		if len(f) == 0 || strings.Trim(f[0], "-~") == "" {
			continue
		}
		dc := datedCode{code: strings.Trim(f[0], "~")}
		ok := true
		if len(f) > 1 {
			// "<950601", "< 950601", "19950601 - 19990815": the dates
			// may be written with spaces.
			dc.from, dc.to, ok = parseDictDates(strings.Join(f[1:], ""))
		}
		if !ok {
			d.Skipped++
			continue
		}
		out = append(out, dc)
	}
}

// parseDictDates reads ">YYMMDD", "<YYMMDD" or "YYMMDD-YYMMDD".
func parseDictDates(s string) (from, to string, ok bool) {
	switch {
	case strings.HasPrefix(s, ">"):
		from, ok = dictDate(s[1:])
		return from, "", ok
	case strings.HasPrefix(s, "<"):
		to, ok = dictDate(s[1:])
		return "", to, ok
	}
	a, b, found := strings.Cut(s, "-")
	if !found {
		return "", "", false
	}
	from, ok1 := dictDate(a)
	to, ok2 := dictDate(b)
	return from, to, ok1 && ok2
}

// dictDate reads YYMMDD (years 00-30 are 20xx, the rest 19xx) or YYYYMMDD.
func dictDate(s string) (string, bool) {
	for _, c := range s {
		if c < '0' || c > '9' {
			return "", false
		}
	}
	switch len(s) {
	case 6:
		century := "19"
		if s[:2] <= "30" {
			century = "20"
		}
		s = century + s
	case 8:
	default:
		return "", false
	}
	if s[4:6] < "01" || s[4:6] > "12" || s[6:8] < "01" || s[6:8] > "31" {
		return "", false
	}
	return s[:4] + "-" + s[4:6] + "-" + s[6:8], true
}

// dictKind guesses the entity type of a dictionary entry.
func dictKind(name string, codes []datedCode) string {
	code := codes[0].code
	switch {
	case len(code) == 3 && !strings.ContainsAny(name, " "):
		return KindLOC
	case strings.HasPrefix(code, "IGO") || strings.HasPrefix(code, "NGO") || strings.HasPrefix(code, "IMG") ||
		strings.HasPrefix(code, "MNC") || strings.HasPrefix(code, "NGM"):
		return KindORG
	}
	words := strings.Fields(name)
	for _, w := range words {
		if orgSuffixes[strings.ToLower(w)] {
			return KindORG
		}
	}
	if len(words) >= 2 && len(words) <= 5 {
		return KindPER
	}
	return KindORG
}

func (d *Dict) readAgents(r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 4*1024*1024)
	macros := map[string][]string{}
	for sc.Scan() {
		line := strings.TrimSpace(stripComment(sc.Text()))
		if line == "" {
			continue
		}
		if strings.HasPrefix(line, "!") {
			if name, vals, ok := strings.Cut(line, "="); ok {
				var list []string
				for v := range strings.SplitSeq(vals, ",") {
					if v = dictPhrase(v); v != "" {
						list = append(list, v)
					}
				}
				macros[strings.TrimSpace(name)] = list
				continue
			}
		}
		i := strings.IndexByte(line, '[')
		if i < 0 {
			continue
		}
		code := strings.Trim(strings.TrimRight(line[i+1:], "]} \t"), "~ ")
		if j := strings.IndexAny(code, "] }"); j >= 0 {
			code = code[:j]
		}
		head := line[:i]
		var phrases []string
		if j := strings.IndexByte(head, '{'); j >= 0 {
			plurals := head[j+1:]
			head = head[:j]
			if k := strings.IndexByte(plurals, '}'); k >= 0 {
				plurals = plurals[:k]
			}
			for p := range strings.FieldsSeq(plurals) {
				phrases = append(phrases, p)
			}
		}
		head = strings.TrimSpace(head)
		phrases = append(phrases, head)
		if !strings.Contains(line[:i], "{") {
			// Without braces the regular plural is implied; "{}" means none.
			phrases = append(phrases, regularPlural(head))
		}
		if len(code) < 3 {
			continue
		}
		sw := SectorWord{Sector: code[:3], Person: true, Group: true}
		for _, p := range phrases {
			for _, exp := range expandMacros(p, macros) {
				if exp = strings.ToLower(dictPhrase(exp)); exp == "" {
					continue
				}
				toks := tokenTexts(exp)
				d.sectors[joinLower(toks)] = sw
				d.sectorMax = max(d.sectorMax, len(toks))
				d.Agents++
			}
		}
	}
	return sc.Err()
}

// expandMacros replaces "!NAME!" in p by each of the macro's values.
func expandMacros(p string, macros map[string][]string) []string {
	i := strings.IndexByte(p, '!')
	if i < 0 {
		return []string{p}
	}
	j := strings.IndexByte(p[i+1:], '!')
	if j < 0 {
		return []string{strings.ReplaceAll(p, "!", "")}
	}
	name := p[i : i+j+2]
	vals, ok := macros[name]
	if !ok {
		return []string{strings.ReplaceAll(p, name, "")}
	}
	var out []string
	for _, v := range vals {
		for _, e := range expandMacros(p[:i]+v+p[i+j+2:], macros) {
			out = append(out, e)
		}
	}
	return out
}

// codeAt picks the entry's code for date ("" means any date): a dated code
// covering the date first, then an undated one. A bare sector code ("ELI")
// takes the country of the entry's other codes.
func codeAt(codes []datedCode, date string) string {
	pick := ""
	for _, c := range codes {
		if c.from == "" && c.to == "" {
			continue
		}
		if date == "" || ((c.from == "" || c.from <= date) && (c.to == "" || date <= c.to)) {
			pick = c.code
			break
		}
	}
	if pick == "" {
		for _, c := range codes {
			if c.from == "" && c.to == "" {
				pick = c.code
				break
			}
		}
	}
	if pick == "" && date != "" {
		// Outside every dated code: the person is a former office holder.
		pick = "ELI"
	}
	if len(pick) == 3 && isSectorCode(pick) {
		for _, c := range codes {
			if len(c.code) >= 3 && !isSectorCode(c.code[:3]) {
				return c.code[:3] + pick
			}
		}
	}
	return pick
}

// isSectorCode reports whether a three-letter code is a CAMEO sector.
func isSectorCode(s string) bool {
	switch s {
	case "GOV", "MIL", "REB", "OPP", "MED", "NGO", "IGO", "BUS", "JUD", "LEG", "CVL", "REL", "SPY", "COP",
		"EDU", "HLH", "ELI", "LAB", "REF", "UAF", "INS", "AGR", "CRM", "DEV", "ENV", "HRI", "MOD", "RAD",
		"PTY", "SEP", "PRO", "IMG":
		return true
	}
	return false
}

// regularPlural forms the English plural of a dictionary phrase's last
// word ("SHARECROPPER" → "SHARECROPPERS", "MILITIA" → "MILITIAS").
func regularPlural(p string) string {
	p = strings.TrimRight(p, "_ ")
	up := strings.ToUpper(p)
	switch {
	case strings.HasSuffix(up, "!"):
		return p // ends in a macro, which lists its own forms
	case strings.HasSuffix(up, "MAN"):
		return p[:len(p)-3] + "MEN"
	case strings.HasSuffix(up, "S") || strings.HasSuffix(up, "X") || strings.HasSuffix(up, "CH") || strings.HasSuffix(up, "SH"):
		return p + "ES"
	case strings.HasSuffix(up, "Y") && len(up) > 1 && !strings.ContainsRune("AEIOU", rune(up[len(up)-2])):
		return p[:len(p)-1] + "IES"
	}
	return p + "S"
}

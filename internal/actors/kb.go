package actors

import (
	"bufio"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/segment"
)

//go:embed kb/*.tsv kb/*.txt kb/*.gz
var kbFiles embed.FS

// Entity kinds of a mention.
const (
	KindPER = "PER"
	KindORG = "ORG"
	KindLOC = "LOC"
)

// Term is one office a person held: the actor code it was held for, the
// role (HOS, HOG, FM, DM, SG, LEADER, SPOKES, MIN, CMD, OTHER), the sector
// and the dates. From and To are inclusive YYYY-MM-DD bounds; partial dates
// in the source are widened (a From of "2013" is 2013-01-01, a To of "2013"
// is 2013-12-31) and an open To is "9999-12-31".
type Term struct {
	Country, Role, Sector string
	From, To              string
}

// Person is a named individual of the base with the offices they held.
type Person struct {
	// Name is the canonical name ("Ali Khamenei").
	Name string
	// Aliases are other full names ("Ayatollah Ali Khamenei").
	Aliases []string
	Terms   []Term
}

// termAt returns the term active on date (YYYY-MM-DD; "" means any date,
// which picks the latest term), and whether one was found. When none is
// active, after reports whether date is after the person's last term.
func (p *Person) termAt(date string) (t Term, ok, after bool) {
	best := -1
	for i, tm := range p.Terms {
		if date == "" || (tm.From <= date && date <= tm.To) {
			if best < 0 || tm.From > p.Terms[best].From || (date != "" && rolePriority(tm.Role) > rolePriority(p.Terms[best].Role)) {
				best = i
			}
		}
	}
	if best >= 0 {
		return p.Terms[best], true, false
	}
	// Outside every term: the latest term that ended before the date
	// makes a former office holder; otherwise the first term to come.
	ended, next := -1, -1
	for i, tm := range p.Terms {
		if tm.To < date && (ended < 0 || tm.To > p.Terms[ended].To) {
			ended = i
		}
		if tm.From > date && (next < 0 || tm.From < p.Terms[next].From) {
			next = i
		}
	}
	if ended >= 0 {
		return p.Terms[ended], false, true
	}
	if next >= 0 {
		return p.Terms[next], false, false
	}
	return Term{}, false, false
}

// rolePriority orders roles when a person held several at once.
func rolePriority(role string) int {
	switch role {
	case "HOS":
		return 9
	case "HOG":
		return 8
	case "SG":
		return 7
	case "LEADER":
		return 6
	case "FM", "DM":
		return 5
	case "CMD":
		return 4
	case "MIN":
		return 3
	case "SPOKES":
		return 2
	}
	return 1
}

// target is what a gazetteer name resolves to.
type target struct {
	code, sector, kind string
	// person indexes KB.People, or -1.
	person int
	// demonym marks adjectives and demonyms ("Iranian"): they give a
	// country but are not names of an entity.
	demonym bool
	// ambiguous names ("Jordan", "Chad") need context.
	ambiguous bool
	// place marks state, capital and city names; city marks cities and
	// regions other than the capital, which name a place rather than the
	// state as an actor.
	place, city bool
	// parent is the organisation an IGO body belongs to ("UN").
	parent string
	// dated holds a dictionary entry's date-bounded codes.
	dated []datedCode
	via   string
}

// Case rules for one token of a gazetteer name.
const (
	caseFree  uint8 = iota // any case ("the", "of", punctuation)
	caseCap                // the text token must start with a capital
	caseExact              // the text token must be exactly this (acronyms)
)

// gazName is one name of the gazetteer.
type gazName struct {
	toks  []string
	cases []uint8
	t     *target
}

// gazetteer maps lower-cased token n-grams (joined by one space) to names.
type gazetteer struct {
	names  map[string][]gazName
	maxLen int
	// first maps the first word of each key (up to its first space) to
	// the most words of a key that starts with it, so that matching skips
	// tokens no name starts with.
	first map[string]int
}

func newGazetteer() *gazetteer {
	return &gazetteer{names: map[string][]gazName{}, first: map[string]int{}}
}

// maxAt bounds the tokens of a name starting with a token whose
// lower-cased text is w: a key made of n tokens from there has w's first
// word as its own and at least n-1 spaces. 0 means no name starts there.
func (g *gazetteer) maxAt(w string) int {
	if i := strings.IndexByte(w, ' '); i >= 0 {
		w = w[:i]
	}
	return g.first[w]
}

// add tokenises name and adds it with target t. dict selects the case
// rules for all-capital dictionary entries.
func (g *gazetteer) add(name string, t *target, dict bool) {
	toks := tokenTexts(name)
	if len(toks) == 0 {
		return
	}
	cases := make([]uint8, len(toks))
	for i, w := range toks {
		if dict {
			cases[i] = dictCase(w, len(toks))
		} else {
			cases[i] = surfaceCase(w)
		}
	}
	key := joinLower(toks)
	for _, n := range g.names[key] {
		if equalStrings(n.toks, toks) && n.t.code == t.code && n.t.person == t.person && n.t.demonym == t.demonym {
			return
		}
	}
	g.names[key] = append(g.names[key], gazName{toks: toks, cases: cases, t: t})
	g.maxLen = max(g.maxLen, len(toks))
	w, _, _ := strings.Cut(key, " ")
	g.first[w] = max(g.first[w], strings.Count(key, " ")+1)
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// surfaceCase is the case rule for a token of a name written in normal
// case: acronyms match exactly, capitalised words need a capital, the rest
// is free.
func surfaceCase(w string) uint8 {
	upper, lower := 0, 0
	for _, r := range w {
		if unicode.IsUpper(r) {
			upper++
		} else if unicode.IsLower(r) {
			lower++
		}
	}
	switch {
	case upper >= 2 && lower <= 1 && utf8.RuneCountInString(w) <= 6:
		return caseExact
	case upper > 0:
		return caseCap
	}
	return caseFree
}

// dictCase is the case rule for a token of an all-capital dictionary
// entry: function words are free, short single-token entries must be in
// capitals, other words need a capital.
func dictCase(w string, n int) uint8 {
	lw := strings.ToLower(w)
	if functionWords[lw] || nameParticles[lw] || !hasLetter(w) {
		return caseFree
	}
	if n == 1 && utf8.RuneCountInString(w) <= 3 {
		return caseExact
	}
	return caseCap
}

// tokenTexts splits s with the article tokenizer and returns the token
// texts, so that names and text are split alike.
func tokenTexts(s string) []string {
	toks := segment.Tokenize(s)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = normApos(t.Span.In(s))
	}
	return out
}

// normApos folds typographic apostrophes to ASCII.
func normApos(s string) string {
	if !strings.ContainsAny(s, "’‘`") {
		return s
	}
	return strings.NewReplacer("’", "'", "‘", "'", "`", "'").Replace(s)
}

// lowerKey lower-cases one token for gazetteer keys.
func lowerKey(s string) string { return strings.ToLower(normApos(s)) }

func joinLower(toks []string) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(lowerKey(t))
	}
	return b.String()
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// SectorWord is what a role or title word says about an actor.
type SectorWord struct {
	// Sector is the CAMEO/PLOVER sector code.
	Sector string
	// Role is the office the word names (HOS, HOG, FM...) or "".
	Role string
	// Person is true for words naming a person ("minister", "journalist");
	// Title for words written before a name ("President"); Group for
	// collective nouns ("militants", "the group"); Org for organisation
	// nouns ("ministry"); Modifier for "former", "retired".
	Person, Title, Group, Org, Modifier bool
}

// KB is the actor knowledge base: gazetteer, sector words, people and the
// word lists name recognition uses. A KB is immutable after loading and
// safe for concurrent use.
type KB struct {
	gaz     *gazetteer
	sectors map[string]SectorWord
	// sectorMax is the longest sector phrase in tokens.
	sectorMax int
	// People are the named individuals, in file order.
	People []Person
	// surnames maps a lower-cased surname form to people.
	surnames map[string][]int
	// given holds lower-cased given names (for name recognition).
	given map[string]bool
	// codes maps each actor code of the base to its canonical name.
	codes map[string]string
	// parents maps IGO body codes to the organisation they belong to.
	parents map[string]string
	// ner is the name recognition model (ner.model.gz), or nil.
	ner *NERModel
	// wordKinds maps a lower-cased capitalised word of a base name to the
	// kinds of the names it occurs in (bit 1 PER, 2 ORG, 4 LOC).
	wordKinds map[string]uint8
}

// NER returns the base's name recognition model, or nil.
func (kb *KB) NER() *NERModel { return kb.ner }

// Code returns the canonical name of an actor code of the base, or "".
func (kb *KB) Code(code string) string { return kb.codes[code] }

// Parent returns the organisation an IGO body belongs to ("UNSC" → "UN"),
// or "".
func (kb *KB) Parent(code string) string { return kb.parents[code] }

var (
	defaultOnce sync.Once
	defaultKB   *KB
	defaultErr  error
)

// Default returns the embedded knowledge base, loaded once and shared.
func Default() (*KB, error) {
	defaultOnce.Do(func() {
		sub, err := fs.Sub(kbFiles, "kb")
		if err != nil {
			defaultErr = err
			return
		}
		defaultKB, defaultErr = LoadKB(sub)
	})
	return defaultKB, defaultErr
}

// DefaultFS returns the embedded knowledge base files (states.tsv,
// bodies.tsv, igos.tsv, groups.tsv, orgs.tsv, cities.tsv, sectors.tsv,
// people.tsv, given_names.txt, ner.model.gz), for callers that build a KB with some files replaced.
func DefaultFS() fs.FS {
	sub, err := fs.Sub(kbFiles, "kb")
	if err != nil {
		panic("BUG: embedded kb: " + err.Error())
	}
	return sub
}

// LoadKB reads a knowledge base from fsys. Each of states.tsv, bodies.tsv,
// igos.tsv, groups.tsv, orgs.tsv, cities.tsv, sectors.tsv, people.tsv,
// given_names.txt and ner.model.gz is read
// when present; a malformed line is an error naming the file and line.
func LoadKB(fsys fs.FS) (*KB, error) {
	kb := &KB{
		gaz:      newGazetteer(),
		sectors:  map[string]SectorWord{},
		surnames: map[string][]int{},
		given:    map[string]bool{},
		codes:    map[string]string{},
		parents:  map[string]string{},
	}
	loaders := []struct {
		file string
		cols []string
		fn   func(rec map[string]string) error
	}{
		{"states.tsv", []string{"code", "names", "adjectives", "capitals", "cities"}, kb.addState},
		{"bodies.tsv", []string{"code", "sector", "kind", "names"}, kb.addBody},
		{"igos.tsv", []string{"code", "sector", "parent", "names"}, kb.addIGO},
		{"groups.tsv", []string{"code", "base", "sector", "names"}, kb.addGroup},
		{"orgs.tsv", []string{"code", "sector", "country", "names"}, kb.addGroup},
		{"cities.tsv", []string{"code", "cities"}, kb.addCities},
		{"sectors.tsv", []string{"phrase", "sector", "role", "type"}, kb.addSector},
		{"people.tsv", []string{"name", "aliases", "country", "role", "sector", "from", "to"}, kb.addPersonLine},
	}
	for _, l := range loaders {
		f, err := fsys.Open(l.file)
		if err != nil {
			if isNotExist(err) {
				continue
			}
			return nil, err
		}
		err = readTSV(f, l.file, l.cols, l.fn)
		f.Close()
		if err != nil {
			return nil, err
		}
	}
	if f, err := fsys.Open("given_names.txt"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			line := strings.TrimSpace(sc.Text())
			if line == "" || line[0] == '#' {
				continue
			}
			for _, w := range strings.Fields(line) {
				kb.given[strings.ToLower(w)] = true
			}
		}
		f.Close()
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("given_names.txt: %w", err)
		}
	} else if !isNotExist(err) {
		return nil, err
	}
	if f, err := fsys.Open("ner.model.gz"); err == nil {
		kb.ner, err = LoadNER(f)
		f.Close()
		if err != nil {
			return nil, err
		}
	} else if !isNotExist(err) {
		return nil, err
	}
	kb.indexPeople()
	kb.wordKinds = map[string]uint8{}
	for _, names := range kb.gaz.names {
		for _, n := range names {
			if n.t.demonym {
				continue
			}
			bit := map[string]uint8{KindPER: 1, KindORG: 2, KindLOC: 4}[n.t.kind]
			for k, w := range n.toks {
				if n.cases[k] != caseFree {
					kb.wordKinds[strings.ToLower(w)] |= bit
				}
			}
		}
	}
	return kb, nil
}

func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }

// readTSV reads a tab-separated file with '#' comments whose first other
// line is a header naming at least cols, and calls fn per record.
func readTSV(r io.Reader, file string, cols []string, fn func(map[string]string) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 4*1024*1024)
	var header []string
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.Split(text, "\t")
		if header == nil {
			header = fields
			for _, c := range cols {
				if !contains(header, c) {
					return fmt.Errorf("%s:%d: header lacks column %q", file, line, c)
				}
			}
			continue
		}
		if len(fields) > len(header) {
			return fmt.Errorf("%s:%d: %d fields, header has %d", file, line, len(fields), len(header))
		}
		rec := make(map[string]string, len(header))
		for i, h := range header {
			if i < len(fields) {
				rec[h] = strings.TrimSpace(fields[i])
			}
		}
		if err := fn(rec); err != nil {
			return fmt.Errorf("%s:%d: %w", file, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// splitList splits a ";"-separated list, dropping empty items.
func splitList(s string) []string {
	var out []string
	for item := range strings.SplitSeq(s, ";") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

func validCode(code string) error {
	if code == "" {
		return fmt.Errorf("empty code")
	}
	for _, r := range code {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '+') {
			return fmt.Errorf("bad code %q", code)
		}
	}
	return nil
}

func (kb *KB) addState(rec map[string]string) error {
	code := rec["code"]
	if err := validCode(code); err != nil {
		return err
	}
	names := splitList(rec["names"])
	if len(names) == 0 {
		return fmt.Errorf("state %s has no name", code)
	}
	kb.codes[code] = strings.TrimPrefix(names[0], "~")
	state := &target{code: code, kind: KindLOC, person: -1, place: true, via: "kb"}
	amb := &target{code: code, kind: KindLOC, person: -1, place: true, ambiguous: true, via: "kb"}
	for _, n := range names {
		if strings.HasPrefix(n, "~") {
			kb.gaz.add(n[1:], amb, false)
		} else {
			kb.gaz.add(n, state, false)
		}
	}
	dem := &target{code: code, kind: KindLOC, person: -1, demonym: true, via: "kb"}
	for _, n := range splitList(rec["adjectives"]) {
		kb.gaz.add(n, dem, false)
	}
	for _, n := range splitList(rec["capitals"]) {
		if strings.HasPrefix(n, "~") {
			kb.gaz.add(n[1:], amb, false)
		} else {
			kb.gaz.add(n, state, false)
		}
	}
	return kb.addCities(map[string]string{"code": code, "cities": rec["cities"]})
}

func (kb *KB) addCities(rec map[string]string) error {
	code := rec["code"]
	if err := validCode(code); err != nil {
		return err
	}
	state := &target{code: code, kind: KindLOC, person: -1, place: true, city: true, via: "kb"}
	amb := &target{code: code, kind: KindLOC, person: -1, place: true, city: true, ambiguous: true, via: "kb"}
	for _, n := range splitList(rec["cities"]) {
		if strings.HasPrefix(n, "~") {
			kb.gaz.add(n[1:], amb, false)
		} else {
			kb.gaz.add(n, state, false)
		}
	}
	return nil
}

func (kb *KB) addBody(rec map[string]string) error {
	code := rec["code"]
	if err := validCode(code); err != nil {
		return err
	}
	kind := rec["kind"]
	if kind != KindORG && kind != KindLOC {
		return fmt.Errorf("kind %q is not ORG or LOC", kind)
	}
	t := &target{code: code, sector: rec["sector"], kind: kind, person: -1, via: "kb"}
	for _, n := range splitList(rec["names"]) {
		kb.gaz.add(n, t, false)
	}
	return nil
}

func (kb *KB) addIGO(rec map[string]string) error {
	code := rec["code"]
	if err := validCode(code); err != nil {
		return err
	}
	names := splitList(rec["names"])
	if len(names) == 0 {
		return fmt.Errorf("organisation %s has no name", code)
	}
	kb.codes[code] = names[0]
	if p := rec["parent"]; p != "" {
		kb.parents[code] = p
	}
	t := &target{code: code, sector: rec["sector"], kind: KindORG, person: -1, parent: rec["parent"], via: "kb"}
	for _, n := range names {
		kb.gaz.add(n, t, false)
	}
	return nil
}

func (kb *KB) addGroup(rec map[string]string) error {
	code := rec["code"]
	if err := validCode(code); err != nil {
		return err
	}
	names := splitList(rec["names"])
	if len(names) == 0 {
		return fmt.Errorf("group %s has no name", code)
	}
	kb.codes[code] = names[0]
	t := &target{code: code, sector: rec["sector"], kind: KindORG, person: -1, via: "kb"}
	for _, n := range names {
		kb.gaz.add(n, t, false)
	}
	return nil
}

func (kb *KB) addSector(rec map[string]string) error {
	phrase := strings.ToLower(rec["phrase"])
	if phrase == "" || rec["sector"] == "" {
		return fmt.Errorf("empty phrase or sector")
	}
	typ := rec["type"]
	sw := SectorWord{
		Sector:   rec["sector"],
		Role:     rec["role"],
		Person:   strings.Contains(typ, "P"),
		Title:    strings.Contains(typ, "T"),
		Group:    strings.Contains(typ, "G"),
		Org:      strings.Contains(typ, "O"),
		Modifier: strings.Contains(typ, "X"),
	}
	toks := tokenTexts(phrase)
	key := joinLower(toks)
	kb.sectors[key] = sw
	kb.sectorMax = max(kb.sectorMax, len(toks))
	return nil
}

// addPersonLine adds one line of people.tsv: a person's term of office.
// Lines with the same name are merged into one person.
func (kb *KB) addPersonLine(rec map[string]string) error {
	name := rec["name"]
	if name == "" {
		return fmt.Errorf("empty name")
	}
	from, err := normDate(rec["from"], false)
	if err != nil {
		return err
	}
	to, err := normDate(rec["to"], true)
	if err != nil {
		return err
	}
	idx := -1
	for i := len(kb.People) - 1; i >= 0; i-- {
		if kb.People[i].Name == name {
			idx = i
			break
		}
	}
	if idx < 0 {
		kb.People = append(kb.People, Person{Name: name})
		idx = len(kb.People) - 1
	}
	p := &kb.People[idx]
	for _, a := range splitList(rec["aliases"]) {
		if !contains(p.Aliases, a) {
			p.Aliases = append(p.Aliases, a)
		}
	}
	if rec["country"] != "" {
		p.Terms = append(p.Terms, Term{Country: rec["country"], Role: rec["role"], Sector: rec["sector"], From: from, To: to})
	}
	return nil
}

// normDate widens YYYY, YYYY-MM or YYYY-MM-DD to a day; upper picks the
// last day of the period, and an empty upper bound is open (9999-12-31).
func normDate(s string, upper bool) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		if upper {
			return "9999-12-31", nil
		}
		return "0000-01-01", nil
	}
	ok := func(part string, n int) bool {
		if len(part) != n {
			return false
		}
		for _, c := range part {
			if c < '0' || c > '9' {
				return false
			}
		}
		return true
	}
	parts := strings.Split(s, "-")
	switch {
	case len(parts) == 1 && ok(parts[0], 4):
		if upper {
			return s + "-12-31", nil
		}
		return s + "-01-01", nil
	case len(parts) >= 2 && (parts[1] < "01" || parts[1] > "12"), len(parts) == 3 && (parts[2] < "01" || parts[2] > "31"):
		return "", fmt.Errorf("bad date %q", s)
	case len(parts) == 2 && ok(parts[0], 4) && ok(parts[1], 2):
		if upper {
			return s + "-31", nil
		}
		return s + "-01", nil
	case len(parts) == 3 && ok(parts[0], 4) && ok(parts[1], 2) && ok(parts[2], 2):
		return s, nil
	}
	return "", fmt.Errorf("bad date %q (want YYYY, YYYY-MM or YYYY-MM-DD)", s)
}

// indexPeople adds the people's names and aliases to the gazetteer and
// indexes their surnames.
func (kb *KB) indexPeople() {
	for i := range kb.People {
		p := &kb.People[i]
		t := &target{kind: KindPER, person: i, via: "kb"}
		kb.gaz.add(p.Name, t, false)
		for _, a := range p.Aliases {
			if len(tokenTexts(a)) == 1 && !strings.Contains(p.Name, a) {
				// A one-word alias that is not part of the name ("Abu
				// Mazen" style nicknames are two words) still names them.
				kb.gaz.add(a, t, false)
				continue
			}
			if len(tokenTexts(a)) == 1 {
				continue // a surname: resolved through surnames below
			}
			kb.gaz.add(a, t, false)
		}
		for _, s := range surnameForms(p.Name) {
			key := joinLower(tokenTexts(s))
			if !containsInt(kb.surnames[key], i) {
				kb.surnames[key] = append(kb.surnames[key], i)
			}
		}
		for _, a := range p.Aliases {
			if len(tokenTexts(a)) == 1 || strings.HasSuffix(p.Name, " "+a) {
				key := joinLower(tokenTexts(a))
				if !containsInt(kb.surnames[key], i) {
					kb.surnames[key] = append(kb.surnames[key], i)
				}
			}
		}
	}
}

func containsInt(list []int, x int) bool {
	for _, y := range list {
		if y == x {
			return true
		}
	}
	return false
}

// surnameForms returns the forms a person's surname takes alone: the last
// word ("Kerry"), and for Arabic names with a particle both "al-Assad"
// and "Assad".
func surnameForms(name string) []string {
	words := strings.Fields(name)
	if len(words) < 2 {
		return nil
	}
	last := words[len(words)-1]
	out := []string{last}
	lower := strings.ToLower(last)
	for _, p := range []string{"al-", "el-", "ad-", "as-", "an-", "ar-", "at-", "az-", "ash-"} {
		if strings.HasPrefix(lower, p) && len(last) > len(p)+1 {
			out = append(out, last[len(p):])
		}
	}
	// "Amir-Abdollahian": also "Abdollahian"? No: hyphenated surnames
	// stay whole, only Arabic particles are dropped.
	return out
}

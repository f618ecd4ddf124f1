package events

import (
	"bufio"
	"io"
	"sort"
	"strings"
)

// LoadPetrarchVerbs reads a PETRARCH verb dictionary (the CAMEO.2.0.txt /
// PETR.Validate.verbs.txt format):
//
//   - synonym sets: "&NAME" followed by "+WORD" lines (members may be
//     phrases with "_" or spaces, or other synsets);
//   - verb blocks: "--- NAME [CODE] ---", then verb lines ("RUSH",
//     "SPEED {SPEEDING SPEEDS SPED}" with irregular forms, multi-word
//     verbs "KLM_NOP_+RST [002]" where "+" marks the verb and the other
//     words must stand next to it), then pattern lines
//     "- WORDS * WORDS [CODE] # comment".
//
// What the matcher uses of a pattern: the words before "*" must occur
// before the verb in its sentence and the words after it in the verb's
// phrase, in order, each word matching a token's form or lemma (a synset
// matches any of its members, which may be phrases); words joined by "_"
// must stand next to each other (and to the verb: "IN_*"). "$" and "+"
// place the source and the target: the nearest actor mention at that
// point of the sequence, which overrides the roles the parse gives when
// one is there. "%" (a compound actor) makes coordinated sources act on
// each other; "^" (skip a phrase) and the grouping marks "( ) { }" are
// separators. A block or pattern code
// "---" means "no event"; a code pair "013:012" keeps the first; codes
// that are not CAMEO codes (the validation suite's WEIS codes such as
// "223") are kept as given. The PETRARCH verb-noun disambiguation and
// the "~" negation patterns are not supported.
func LoadPetrarchVerbs(r io.Reader, name string) (*Dictionary, error) {
	d := newDictionary(name)
	synsets := map[string][]string{}
	var (
		cur       string // current synset being read
		blockCode string
		verbs     []petrVerb
		inBlock   bool
	)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var pending [][2]string // pattern lines of the block: text, code
	flush := func() {
		for _, v := range verbs {
			add := func(p *Pattern) {
				d.add(p)
				for _, f := range v.forms {
					if f != v.lemma {
						cp := *p
						cp.Lemma = f
						d.addForm(&cp)
					}
				}
			}
			code := v.code
			if code == "" {
				code = blockCode
			}
			if code != "" {
				add(&Pattern{Code: code, Lemma: v.lemma, Before: v.before, After: v.after, Target: petrVerbTargets, Origin: name})
			}
			for _, pl := range pending {
				before, after, mutual := petrPatternWords(pl[0], synsets)
				before = append(before, v.before...)
				after = append(append([]WordSlot{}, v.after...), after...)
				roles := false
				for _, sl := range append(append([]WordSlot{}, before...), after...) {
					roles = roles || sl.Role != ""
				}
				if pl[1] == "" {
					// "---": an explicit non-event; keep it so that it
					// out-ranks the block default.
					add(&Pattern{Code: "", Lemma: v.lemma, Before: before, After: after, Origin: name})
					continue
				}
				add(&Pattern{Code: pl[1], Lemma: v.lemma, Before: before, After: after, Roles: roles, Mutual: mutual, Target: petrVerbTargets, Origin: name})
			}
		}
		verbs, pending = nil, nil
	}
	for sc.Scan() {
		line := sc.Text()
		if i := strings.Index(line, "#"); i >= 0 {
			line = line[:i]
		}
		if strings.HasPrefix(strings.TrimSpace(line), "<!--") {
			continue
		}
		t := strings.TrimSpace(line)
		if t == "" {
			cur = ""
			continue
		}
		switch {
		case strings.HasPrefix(t, "---"):
			flush()
			inBlock = true
			blockCode = petrCode(t)
			cur = ""
		case strings.HasPrefix(t, "&"):
			cur = strings.TrimSuffix(strings.Fields(t)[0], "_")
			if _, ok := synsets[cur]; !ok {
				synsets[cur] = nil
			}
			inBlock = false
			flush()
		case strings.HasPrefix(t, "+") && cur != "":
			synsets[cur] = append(synsets[cur], strings.TrimSpace(t[1:]))
		case strings.HasPrefix(t, "-") && inBlock:
			pending = append(pending, [2]string{petrStripCode(t[1:]), petrCode(t)})
		case inBlock:
			verbs = append(verbs, petrVerbLine(t))
		}
	}
	flush()
	d.sortPatterns()
	return d, sc.Err()
}

// petrVerb is one verb line of a block.
type petrVerb struct {
	lemma         string
	before, after []WordSlot
	code          string
	// forms are the verb's inflected forms: the irregular ones the line
	// lists in braces and the regular ones (petrForms).
	forms []string
}

// petrVerbLine reads "SPEED {SPEEDING SPEEDS SPED}" or "KLM_NOP_+RST [002]".
func petrVerbLine(t string) petrVerb {
	code := ""
	if strings.Contains(t, "[") {
		code = petrCode(t)
	}
	t = petrStripCode(t)
	var irregular []string
	if i := strings.Index(t, "{"); i >= 0 {
		for _, f := range strings.Fields(strings.Trim(t[i:], "{} ")) {
			// "+BREAKS_DOWN": the verb word of a multi-word form
			ws := strings.Split(f, "_")
			w := ws[0]
			for _, x := range ws {
				if strings.HasPrefix(x, "+") {
					w = x
				}
			}
			if w = strings.ToLower(strings.Trim(w, "+}{")); w != "" {
				irregular = append(irregular, w)
			}
		}
		t = t[:i]
	}
	words := strings.FieldsFunc(strings.TrimSpace(t), func(r rune) bool { return r == '_' || r == ' ' })
	v := petrVerb{code: code}
	verb := 0
	for i, w := range words {
		if strings.HasPrefix(w, "+") {
			verb = i
		}
	}
	for i, w := range words {
		w = strings.ToLower(strings.TrimPrefix(w, "+"))
		switch {
		case i == verb:
			v.lemma = w
		case i < verb:
			v.before = append(v.before, WordSlot{Alts: [][]string{{w}}, Adjacent: true})
		default:
			v.after = append(v.after, WordSlot{Alts: [][]string{{w}}, Adjacent: true})
		}
	}
	v.forms = append(irregular, petrForms(v.lemma)...)
	return v
}

// petrForms returns the regular inflections of verb w: "-s"/"-es",
// "-ed"/"-d", "-ing" (with a final "e" dropped, "y" after a consonant
// becoming "ies"/"ied"). PETRARCH dictionaries list base forms; the
// forms let a trigger match when the lemmatiser does not give the base
// form back.
func petrForms(w string) []string {
	if len(w) < 2 {
		return nil
	}
	last := w[len(w)-1]
	prev := w[len(w)-2]
	vowel := func(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }
	switch {
	case last == 'e':
		return []string{w + "s", w + "d", w[:len(w)-1] + "ing"}
	case last == 'y' && !vowel(prev):
		return []string{w[:len(w)-1] + "ies", w[:len(w)-1] + "ied", w + "ing"}
	case last == 's' || last == 'x' || last == 'z' || strings.HasSuffix(w, "ch") || strings.HasSuffix(w, "sh"):
		return []string{w + "es", w + "ed", w + "ing"}
	}
	return []string{w + "s", w + "ed", w + "ing"}
}

// petrCode returns the first code in "[...]", or "" for "---" or none.
func petrCode(t string) string {
	i := strings.LastIndex(t, "[")
	j := strings.LastIndex(t, "]")
	if i < 0 || j < i {
		return ""
	}
	c := strings.TrimSpace(t[i+1 : j])
	c, _, _ = strings.Cut(c, ":")
	if strings.Trim(c, "-") == "" {
		return ""
	}
	return c
}

func petrStripCode(t string) string {
	if i := strings.LastIndex(t, "["); i >= 0 {
		return t[:i]
	}
	return t
}

// petrPatternWords splits a pattern into the word slots before and after
// "*", expanding synsets: "_" joins neighbours that must touch (Adjacent
// towards the verb), "$" and "+" are the source and target slots, "%"
// (a compound actor acting on itself) sets mutual, "^" (skip a phrase)
// and the grouping marks "( ) { }" are separators.
func petrPatternWords(p string, synsets map[string][]string) (before, after []WordSlot, mutual bool) {
	p = strings.NewReplacer("(", " ", ")", " ", "{", " ", "}", " ").Replace(p)
	// Split into elements, remembering whether "_" joined each to the
	// previous one.
	type elem struct {
		w      string
		joined bool
	}
	var elems []elem
	joined := false
	word := strings.Builder{}
	flushWord := func() {
		if word.Len() > 0 {
			elems = append(elems, elem{word.String(), joined})
			word.Reset()
			joined = false
		}
	}
	for _, r := range p {
		switch r {
		case '_':
			flushWord()
			joined = len(elems) > 0
		case ' ', '\t':
			flushWord()
		default:
			word.WriteRune(r)
		}
	}
	flushWord()
	seen := false
	for k, e := range elems {
		w := e.w
		if w == "*" {
			seen = true
			continue
		}
		var sl WordSlot
		switch {
		case w == "$":
			sl.Role = "source"
		case w == "+":
			sl.Role = "target"
		case w == "%":
			mutual = true
			continue
		case w == "^" || w == "=" || w == ".":
			continue
		case strings.HasPrefix(w, "&"):
			sl.Alts = expandSynset(w, synsets, 0)
			if len(sl.Alts) == 0 {
				continue
			}
		default:
			w = strings.Trim(w, "$+%^=")
			if w == "" {
				continue
			}
			sl.Alts = [][]string{{strings.ToLower(w)}}
		}
		if seen {
			sl.Adjacent = e.joined
			after = append(after, sl)
		} else {
			sl.Adjacent = k+1 < len(elems) && elems[k+1].joined
			before = append(before, sl)
		}
	}
	return before, after, mutual
}

// expandSynset returns the phrases a synset stands for: each member's
// words, lower case, members that are synsets expanded.
func expandSynset(name string, synsets map[string][]string, depth int) [][]string {
	if depth > 5 {
		return nil
	}
	var out [][]string
	for _, m := range synsets[strings.TrimSuffix(name, "_")] {
		if strings.HasPrefix(m, "&") {
			out = append(out, expandSynset(strings.Fields(m)[0], synsets, depth+1)...)
			continue
		}
		f := strings.FieldsFunc(strings.ToLower(m), func(r rune) bool { return r == '_' || r == ' ' })
		if len(f) > 0 {
			out = append(out, f)
		}
	}
	// Longer phrases first: "austrian gold florin" before "florin".
	sort.SliceStable(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

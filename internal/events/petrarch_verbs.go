package events

import (
	"bufio"
	"io"
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
// before the verb in its clause and the words after it in the verb's
// phrase, in order, each word matching a token's form or lemma (a synset
// matches any member). The slot markers "$" (source), "+" (target) and
// "%" (compound) and the grouping marks "( ) { }" are read as plain
// word separators: the roles come from the parse. A block or pattern code
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
			code := v.code
			if code == "" {
				code = blockCode
			}
			if code != "" {
				d.add(&Pattern{Code: code, Lemma: v.lemma, Before: v.before, After: v.after, Target: petrVerbTargets, Origin: name})
			}
			for _, pl := range pending {
				before, after := petrPatternWords(pl[0], synsets)
				before = append(append([][]string{}, v.before...), before...)
				after = append(append([][]string{}, v.after...), after...)
				if pl[1] == "" {
					// "---": an explicit non-event; keep it so that it
					// out-ranks the block default.
					d.add(&Pattern{Code: "", Lemma: v.lemma, Before: before, After: after, Origin: name})
					continue
				}
				d.add(&Pattern{Code: pl[1], Lemma: v.lemma, Before: before, After: after, Target: petrVerbTargets, Origin: name})
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
	before, after [][]string
	code          string
}

// petrVerbLine reads "SPEED {SPEEDING SPEEDS SPED}" or "KLM_NOP_+RST [002]".
func petrVerbLine(t string) petrVerb {
	code := ""
	if strings.Contains(t, "[") {
		code = petrCode(t)
	}
	t = petrStripCode(t)
	if i := strings.Index(t, "{"); i >= 0 {
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
			v.before = append(v.before, []string{w})
		default:
			v.after = append(v.after, []string{w})
		}
	}
	return v
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
// "*", expanding synsets.
func petrPatternWords(p string, synsets map[string][]string) (before, after [][]string) {
	p = strings.NewReplacer("(", " ", ")", " ", "{", " ", "}", " ", "_", " ").Replace(p)
	seen := false
	for _, w := range strings.Fields(p) {
		switch w {
		case "*":
			seen = true
			continue
		case "$", "+", "%", "^", "=":
			continue
		}
		w = strings.Trim(w, "$+%^=")
		if w == "" || w == "*" {
			if w == "*" {
				seen = true
			}
			continue
		}
		var slot []string
		if strings.HasPrefix(w, "&") {
			slot = expandSynset(strings.TrimSuffix(w, "_"), synsets, 0)
			if len(slot) == 0 {
				continue
			}
		} else {
			slot = []string{strings.ToLower(w)}
		}
		if seen {
			after = append(after, slot)
		} else {
			before = append(before, slot)
		}
	}
	return before, after
}

// expandSynset returns the words a synset stands for: each member's head
// word (its last word), lower case, members that are synsets expanded.
func expandSynset(name string, synsets map[string][]string, depth int) []string {
	if depth > 5 {
		return nil
	}
	var out []string
	for _, m := range synsets[name] {
		if strings.HasPrefix(m, "&") {
			out = append(out, expandSynset(strings.TrimSuffix(strings.Fields(m)[0], "_"), synsets, depth+1)...)
			continue
		}
		f := strings.FieldsFunc(m, func(r rune) bool { return r == '_' || r == ' ' })
		if len(f) > 0 {
			out = append(out, strings.ToLower(f[len(f)-1]))
		}
	}
	return out
}

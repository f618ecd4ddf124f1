package syntax

import (
	"strings"
	"unicode/utf8"
)

// lemmatizer maps a form and its XPOS tag to a lemma: exceptions learned
// from the treebank first, then suffix rules checked against the lemmas the
// treebank knows.
type lemmatizer struct {
	known map[string]bool     // lemmas seen in training
	table map[lemmaKey]string // lower-cased form and XPOS → lemma, where the rules are wrong
}

// lemmaKey is a lower-cased form and its XPOS tag.
type lemmaKey struct{ form, xpos string }

// lowerForm lower-cases form and folds typographic apostrophes, keeping
// digits.
func lowerForm(form string) string {
	if strings.ContainsAny(form, "’‘") {
		form = strings.NewReplacer("’", "'", "‘", "'").Replace(form)
	}
	for i := 0; i < len(form); i++ {
		if c := form[i]; c >= utf8.RuneSelf || (c >= 'A' && c <= 'Z') {
			return strings.ToLower(form)
		}
	}
	return form
}

// lemma returns the lemma of form tagged xpos.
func (l *lemmatizer) lemma(form, xpos string) string {
	lower := lowerForm(form)
	if v, ok := l.table[lemmaKey{lower, xpos}]; ok {
		return v
	}
	return l.rule(form, lower, xpos)
}

// rule is the lemma the suffix rules give.
func (l *lemmatizer) rule(form, lower, xpos string) string {
	switch xpos {
	case "NNP", "NNPS":
		return form
	case "NNS":
		return l.plural(lower)
	case "VBZ":
		return l.plural(lower)
	case "VBD", "VBN":
		return l.strip(lower, "ed")
	case "VBG":
		return l.strip(lower, "ing")
	case "JJR", "RBR":
		return l.strip(lower, "er")
	case "JJS", "RBS":
		return l.strip(lower, "est")
	}
	return lower
}

func (l *lemmatizer) plural(w string) string {
	switch {
	case len(w) < 3 || !strings.HasSuffix(w, "s") || strings.HasSuffix(w, "ss") ||
		strings.HasSuffix(w, "us") || strings.HasSuffix(w, "is"):
		return w
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "xes"), strings.HasSuffix(w, "ches"),
		strings.HasSuffix(w, "shes"), strings.HasSuffix(w, "zzes"), strings.HasSuffix(w, "oes"):
		if stem := w[:len(w)-1]; l.known[stem] {
			return stem
		}
		return w[:len(w)-2]
	}
	return w[:len(w)-1]
}

// strip removes an inflectional ending, trying the candidate stems in
// order of likelihood and preferring one the treebank knows.
func (l *lemmatizer) strip(w, end string) string {
	if !strings.HasSuffix(w, end) || len(w) < len(end)+2 {
		return w
	}
	stem := w[:len(w)-len(end)]
	var cands [4]string
	n := 0
	add := func(s string) {
		if s != "" && n < len(cands) {
			cands[n] = s
			n++
		}
	}
	if strings.HasSuffix(stem, "i") && end != "ing" {
		add(stem[:len(stem)-1] + "y")
	}
	last := len(stem) - 1
	doubled := len(stem) >= 3 && stem[last] == stem[last-1] && !strings.ContainsRune("aeiouy", rune(stem[last]))
	if doubled {
		add(stem[:last])
	}
	add(stem)
	add(stem + "e")
	if end == "ed" && strings.HasSuffix(w, "eed") {
		add(w[:len(w)-1])
	}
	for _, c := range cands[:n] {
		if l.known[c] {
			return c
		}
	}
	// Unknown word: undouble a doubled consonant other than l, s, z, f.
	if doubled && !strings.ContainsRune("lszf", rune(stem[last])) {
		return stem[:last]
	}
	return stem
}

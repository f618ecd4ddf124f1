package events

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Pattern is one way a word triggers an event code.
type Pattern struct {
	// Code is the CAMEO code the pattern yields.
	Code string
	// Noun is true for noun triggers ("rejection", "air strike").
	Noun bool
	// Lemma is the trigger word's lemma, lower case.
	Lemma string
	// Mod is, for verbs, a particle or preposition the verb must carry
	// ("on" in "call on"); for nouns, a compound modifier the noun must
	// carry ("air" in "air strike"). "" when none.
	Mod string
	// Target lists the argument slots tried for the target, in order:
	// "obj", "iobj" or a preposition.
	Target []string
	// Obj, Xcomp and Prep are required complements: an object lemma, an
	// infinitival complement lemma ("*" for any), a preposition on the
	// verb. Empty means no requirement.
	Obj, Xcomp, Prep []string
	// NotObj vetoes the pattern when the object is one of these lemmas
	// ("struck a note" is no attack).
	NotObj []string
	// Before and After are the word slots (see WordSlot) that must occur
	// before the trigger in its sentence and after it in the trigger's
	// phrase, in order. They come from PETRARCH patterns.
	Before, After []WordSlot
	// Roles is true when a slot of Before or After places the source or
	// the target (PETRARCH's "$" and "+").
	Roles bool
	// Mutual is true when coordinated subjects act on each other.
	Mutual bool
	// Origin names the dictionary the pattern came from.
	Origin string
}

// specificity ranks patterns: more constraints first.
func (p *Pattern) specificity() int {
	n := 0
	if p.Mod != "" {
		n += 2
	}
	if len(p.Obj) > 0 {
		n += 2
	}
	if len(p.Xcomp) > 0 {
		n += 2
		if p.Xcomp[0] != "*" {
			n++
		}
	}
	if len(p.Prep) > 0 {
		n++
	}
	for _, sl := range append(append([]WordSlot(nil), p.Before...), p.After...) {
		if sl.Role != "" {
			continue
		}
		n += 2
		if sl.Adjacent {
			n++
		}
		if len(sl.Alts) > 0 {
			n += len(sl.Alts[0]) - 1
		}
	}
	return n
}

// WordSlot is one element of a PETRARCH pattern's word sequence.
type WordSlot struct {
	// Alts are the phrases that fill the slot: a word, or a synset's
	// members; each a sequence of lower-case words matching consecutive
	// tokens by form or lemma.
	Alts [][]string
	// Adjacent is true when the slot must touch its neighbour towards
	// the trigger ("_" in the pattern): the next element for a slot
	// before the trigger, the previous one for a slot after it.
	Adjacent bool
	// Role is "source" or "target" for the pattern's "$" and "+", which
	// stand for an actor mention instead of words; "" otherwise.
	Role string
}

// Dictionary is a set of trigger patterns indexed by lemma. It is
// immutable after loading and safe for concurrent use.
type Dictionary struct {
	// Name says where the dictionary came from.
	Name  string
	verbs map[string][]*Pattern
	nouns map[string][]*Pattern
	// forms indexes verb patterns by inflected form, for triggers whose
	// lemma has no entry (PETRARCH dictionaries; see petrForms).
	forms map[string][]*Pattern
}

// Len returns the number of patterns in d.
func (d *Dictionary) Len() int {
	n := 0
	for _, ps := range d.verbs {
		n += len(ps)
	}
	for _, ps := range d.nouns {
		n += len(ps)
	}
	return n
}

func newDictionary(name string) *Dictionary {
	return &Dictionary{Name: name, verbs: map[string][]*Pattern{}, nouns: map[string][]*Pattern{}, forms: map[string][]*Pattern{}}
}

func (d *Dictionary) add(p *Pattern) {
	if p.Noun {
		d.nouns[p.Lemma] = append(d.nouns[p.Lemma], p)
	} else {
		d.verbs[p.Lemma] = append(d.verbs[p.Lemma], p)
	}
}

// addForm indexes verb pattern p under an inflected form (p.Lemma).
func (d *Dictionary) addForm(p *Pattern) {
	d.forms[p.Lemma] = append(d.forms[p.Lemma], p)
}

// sortPatterns orders each lemma's patterns by decreasing specificity,
// keeping file order among equals.
func (d *Dictionary) sortPatterns() {
	for _, m := range []map[string][]*Pattern{d.verbs, d.nouns, d.forms} {
		for _, ps := range m {
			sort.SliceStable(ps, func(i, j int) bool { return ps[i].specificity() > ps[j].specificity() })
		}
	}
}

// yamlEntry is one entry of the project's verbs.yaml.
type yamlEntry struct {
	Code   string   `yaml:"code"`
	Verbs  []string `yaml:"verbs"`
	Nouns  []string `yaml:"nouns"`
	Target []string `yaml:"target"`
	Obj    []string `yaml:"obj"`
	NotObj []string `yaml:"notobj"`
	Xcomp  []string `yaml:"xcomp"`
	Prep   []string `yaml:"prep"`
	Mutual bool     `yaml:"mutual"`
}

// anyPrep is the target slot that takes any prepositional argument, the
// first in text order that names an actor.
const anyPrep = "*"

// clauseSubj is the target slot that takes the subject of a content
// clause ("allowed that X is...").
const clauseSubj = "ccomp"

var (
	// petrVerbTargets are the target slots of PETRARCH dictionary
	// patterns: the object, then the first actor of the verb phrase,
	// then the subject of a content clause.
	petrVerbTargets    = []string{"obj", anyPrep, clauseSubj}
	defaultVerbTargets = []string{"obj", "with", "against", "on", "to", "toward", "towards"}
	defaultNounTargets = []string{"on", "against", "with", "to", "toward", "towards", "from", "of", "at", "into"}
)

// LoadDictionary reads a verb-pattern dictionary in the project's YAML
// format (see data/verbs.yaml for the fields). codes, when not nil, is
// used to reject unknown CAMEO codes.
func LoadDictionary(r io.Reader, name string, codes map[string]Code) (*Dictionary, error) {
	var entries []yamlEntry
	if err := yaml.NewDecoder(r).Decode(&entries); err != nil && err != io.EOF {
		return nil, fmt.Errorf("events: %s: %w", name, err)
	}
	d := newDictionary(name)
	for i, e := range entries {
		if e.Code == "" {
			return nil, fmt.Errorf("events: %s: entry %d has no code", name, i+1)
		}
		if codes != nil {
			if _, ok := codes[e.Code]; !ok {
				return nil, fmt.Errorf("events: %s: entry %d: unknown CAMEO code %q", name, i+1, e.Code)
			}
		}
		for _, v := range e.Verbs {
			f := strings.Fields(strings.ToLower(v))
			if len(f) == 0 {
				continue
			}
			p := &Pattern{Code: e.Code, Lemma: f[0], Target: e.Target, Obj: lower(e.Obj), NotObj: lower(e.NotObj), Xcomp: lower(e.Xcomp), Prep: lower(e.Prep), Mutual: e.Mutual, Origin: name}
			if len(f) > 1 {
				p.Mod = f[len(f)-1]
				if len(f) > 2 { // "take hostage": keep the last word as the required modifier
					p.Mod = strings.Join(f[1:], " ")
				}
			}
			if len(p.Target) == 0 {
				p.Target = defaultVerbTargets
				if p.Mod != "" && !strings.Contains(p.Mod, " ") {
					p.Target = append([]string{p.Mod}, defaultVerbTargets...)
				}
			}
			d.add(p)
			for _, form := range verbForms(f[0]) {
				// a form the lemmatiser gets wrong ("conceded" as
				// "conced") still finds its pattern
				d.forms[form] = append(d.forms[form], p)
			}
		}
		for _, n := range e.Nouns {
			f := strings.Fields(strings.ToLower(n))
			if len(f) == 0 {
				continue
			}
			p := &Pattern{Code: e.Code, Noun: true, Lemma: f[len(f)-1], Target: e.Target, Mutual: e.Mutual, Origin: name}
			if len(f) > 1 {
				p.Mod = f[len(f)-2]
			}
			if len(p.Target) == 0 || (len(p.Target) > 0 && p.Target[0] == "obj") {
				p.Target = defaultNounTargets
			}
			d.add(p)
		}
	}
	d.sortPatterns()
	return d, nil
}

// verbForms returns the regular inflected forms of verb lemma w: those of
// petrForms and, for a short word ending in consonant-vowel-consonant,
// the forms with the last consonant doubled ("ban": "banned").
func verbForms(w string) []string {
	forms := petrForms(w)
	forms = append(forms, irregularForms[w]...)
	n := len(w)
	vowel := func(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }
	if n >= 3 && n <= 5 && !vowel(w[n-1]) && w[n-1] != 'w' && w[n-1] != 'x' && w[n-1] != 'y' && vowel(w[n-2]) && !vowel(w[n-3]) {
		forms = append(forms, w+w[n-1:]+"ed", w+w[n-1:]+"ing")
	}
	return forms
}

// irregularForms are the past forms of irregular verbs the dictionary
// uses, for when the lemmatiser leaves them as they are.
var irregularForms = map[string][]string{
	"take": {"took", "taken"}, "retake": {"retook", "retaken"}, "overrun": {"overran"}, "shoot": {"shot"},
	"strike": {"struck", "stricken"}, "fight": {"fought"}, "beat": {"beaten"}, "hold": {"held"}, "meet": {"met"},
	"send": {"sent"}, "give": {"gave", "given"}, "withdraw": {"withdrew", "withdrawn"}, "forbid": {"forbade", "forbidden"},
	"lay": {"laid"}, "break": {"broke", "broken"}, "speak": {"spoke", "spoken"}, "sell": {"sold"}, "lead": {"led"},
	"seek": {"sought"}, "swear": {"swore", "sworn"}, "lend": {"lent"}, "drive": {"drove", "driven"},
	"throw": {"threw", "thrown"}, "steal": {"stole", "stolen"}, "blow": {"blew", "blown"}, "shut": {"shut"},
	"fly": {"flew", "flown"}, "freeze": {"froze", "frozen"}, "forgive": {"forgave", "forgiven"}, "slay": {"slew", "slain"},
	"undertake": {"undertook", "undertaken"}, "mislead": {"misled"}, "rebuild": {"rebuilt"}, "upset": {"upset"},
}

func lower(ss []string) []string {
	if len(ss) == 0 {
		return nil
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strings.ToLower(s)
	}
	return out
}

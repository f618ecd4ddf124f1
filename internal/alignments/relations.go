package alignments

import (
	"sort"
	"strings"
)

// Relation kinds: a standing relation between two actors that a sentence
// states outright.
const (
	Ally  = "ally"  // "X, Y's main ally", "X and its ally Y", "X, a member of Y"
	Enemy = "enemy" // "X, Y's arch-rival", "X and Y are enemies"
)

// Relation is a standing relation between two actors stated by one
// sentence (A < B): an alliance or an enmity, as opposed to an event
// (something an actor did to another).
type Relation struct {
	A        string   `json:"a"`
	B        string   `json:"b"`
	Kind     string   `json:"kind"`
	Cue      string   `json:"cue"`
	Date     string   `json:"date,omitempty"`
	Evidence Evidence `json:"evidence"`
}

// Weight is the signed tie a relation adds to the network: ±0.8, as much
// as leading an initiative and four times a meeting (a quad-1 event of
// Goldstein 4 at half weight): a writer calling X "Y's main ally" sums up
// a record of cooperation, not one act.
func (r Relation) Weight() float64 {
	if r.Kind == Enemy {
		return -0.8
	}
	return 0.8
}

// relationNouns name a standing relation between actors.
var relationNouns = map[string]string{
	"ally": Ally, "allies": Ally, "partner": Ally, "partners": Ally, "backer": Ally, "backers": Ally,
	"patron": Ally, "patrons": Ally, "protector": Ally, "member": Ally, "members": Ally,
	"enemy": Enemy, "enemies": Enemy, "foe": Enemy, "foes": Enemy, "rival": Enemy, "rivals": Enemy,
	"adversary": Enemy, "adversaries": Enemy, "nemesis": Enemy,
}

// relationNoun returns the relation kind a token names ("arch-rival",
// "archenemy" included), or "".
func relationNoun(w string) string {
	w = strings.TrimPrefix(strings.TrimPrefix(w, "arch"), "-")
	return relationNouns[w]
}

// notYet are modifiers that deny the relation holds now ("former ally",
// "potential partner", "would-be allies").
var notYet = map[string]bool{"former": true, "erstwhile": true, "ex": true, "one-time": true, "onetime": true,
	"potential": true, "would-be": true, "possible": true, "prospective": true, "future": true, "no": true, "unlikely": true}

// copulas link a subject to a relation noun ("X is Y's ally", "X and Y
// remain allies").
var copulas = map[string]bool{"is": true, "are": true, "was": true, "were": true, "been": true, "remains": true,
	"remain": true, "remained": true, "became": true, "becomes": true, "become": true, "becoming": true}

var modals = map[string]bool{"would": true, "could": true, "might": true, "may": true, "will": true, "should": true,
	"can": true, "must": true, "shall": true}

// listCues introduce examples of a plural relation noun ("Y's allies,
// including X").
var listCues = map[string]bool{"including": true, "such": true, "like": true, "notably": true, "among": true}

// functionWords are never modifiers between a possessor and its noun.
var functionWords = map[string]bool{"and": true, "or": true, "the": true, "a": true, "an": true, "'s": true, "'": true,
	"its": true, "their": true, "his": true, "her": true, "one": true, "that": true, "which": true}

func (x *sent) isModifier(j int) bool {
	w := x.low[j]
	if x.in[j] >= 0 || functionWords[w] || prepositions[w] || auxiliaries[w] || negators[w] || holderStops[w] || copulas[w] {
		return false
	}
	for _, r := range w {
		if !(r >= 'a' && r <= 'z' || r == '-') {
			return false
		}
	}
	return true
}

// pair is one relation read from a sentence.
type pair struct{ a, b, kind, cue string }

// Relations finds the standing relations sentences state, by word forms
// around a relation noun (ally, partner, backer, member; enemy, foe,
// rival):
//
//   - apposition or copula with a possessor: "X, Y's main ally", "X is Y's
//     closest ally", "X, one of Y's allies";
//   - with "of": "X, a close ally of Y", "X has been the main ally of Y",
//     "X, a member of Y" (Y an actor; "of Y's foes" is not Y);
//   - a pronoun possessor: "X and its allies Y and Z";
//   - examples: "Y's allies, including X", "allies of Y such as X";
//   - a plural subject: "X and Y are allies".
//
// Modifiers that deny the relation now (former, potential, would-be), a
// negation or a modal before the copula ("would become a member"), and an
// if/unless clause drop the statement. One relation per article, pair and
// kind.
func Relations(sentences []Sentence) []Relation {
	var out []Relation
	seen := map[string]bool{}
	for _, s := range sentences {
		x := newSent(s)
		for _, p := range x.relationPairs() {
			a, b := p.a, p.b
			if a == "" || b == "" || a == b {
				continue
			}
			if b < a {
				a, b = b, a
			}
			k := s.Article + "|" + a + "|" + b + "|" + p.kind
			if seen[k] {
				continue
			}
			seen[k] = true
			out = append(out, Relation{A: a, B: b, Kind: p.kind, Cue: p.cue, Date: s.Date,
				Evidence: Evidence{Article: s.Article, Start: s.Start, End: s.End}})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].A != out[j].A {
			return out[i].A < out[j].A
		}
		if out[i].B != out[j].B {
			return out[i].B < out[j].B
		}
		return out[i].Kind < out[j].Kind
	})
	return out
}

// mentionEndingAt returns the actor of the mention whose last token is j.
func (x *sent) mentionEndingAt(j int) (string, int) {
	if j < 0 || x.in[j] < 0 || (j+1 < len(x.low) && x.in[j+1] == x.in[j]) {
		return "", -1
	}
	a, _ := x.actorOf(x.in[j])
	return a, x.mentionStart(x.in[j])
}

// subjectBefore returns the subject of a relation noun phrase that begins
// at token p (exclusive): the mention before an apposition comma, or the
// subject group before a copula. ok is false when the phrase is neither,
// or is negated or modal ("is not Y's ally", "would become a member").
func (x *sent) subjectBefore(p int) (subj []string, ok bool) {
	if p < 0 {
		return nil, false
	}
	if x.low[p] == "," {
		if a, _ := x.mentionEndingAt(p - 1); a != "" {
			return []string{a}, true
		}
		return nil, false
	}
	q, cop := p, false
	for q >= 0 && x.in[q] < 0 && (copulas[x.low[q]] || auxiliaries[x.low[q]] || negators[x.low[q]] || x.low[q] == "long" ||
		strings.HasSuffix(x.low[q], "ly") || x.low[q] == "still" || x.low[q] == "also") {
		if negators[x.low[q]] || modals[x.low[q]] {
			return nil, false
		}
		if copulas[x.low[q]] {
			cop = true
		}
		q--
	}
	if !cop {
		return nil, false
	}
	for _, h := range x.group(q + 1) {
		subj = append(subj, h.actor)
	}
	return subj, len(subj) > 0
}

// listAfter returns the actors given as examples after a plural relation
// noun at i: "allies, including X and Y", "partners such as X".
func (x *sent) listAfter(i int) []string {
	j := i + 1
	if j < len(x.low) && x.low[j] == "," {
		j++
	}
	if j >= len(x.low) || !listCues[x.low[j]] {
		return nil
	}
	switch x.low[j] {
	case "such":
		if j+1 >= len(x.low) || x.low[j+1] != "as" {
			return nil
		}
		j++
	case "among":
		if j+1 >= len(x.low) || x.low[j+1] != "them" {
			return nil
		}
		j++
	}
	objs, _ := x.nextMentions(j)
	return objs
}

// ofObject returns the actors right after "of" at token j ("of the Y
// government", "of Y and Z"), none when the first is a possessor ("of Y's
// foes").
func (x *sent) ofObject(j int) []string {
	k := j + 1
	for k < len(x.low) && (x.low[k] == "the" || x.low[k] == "both") && x.in[k] < 0 {
		k++
	}
	if k >= len(x.low) || x.in[k] < 0 {
		return nil
	}
	objs, last := x.nextMentions(j)
	if last+1 < len(x.low) && (x.low[last+1] == "'s" || x.low[last+1] == "'") {
		return nil
	}
	if m := x.Mentions[x.in[last]]; strings.HasSuffix(strings.ReplaceAll(strings.ToLower(m.Text), "’", "'"), "'s") {
		return nil
	}
	return objs
}

// relationPairs reads the relation statements of one sentence.
func (x *sent) relationPairs() []pair {
	var out []pair
	add := func(as, bs []string, kind, cue string) {
		for _, a := range as {
			for _, b := range bs {
				out = append(out, pair{a, b, kind, cue})
			}
		}
	}
	for i, w := range x.low {
		kind := relationNoun(w)
		if kind == "" || x.in[i] >= 0 || x.inCondition(i) {
			continue
		}
		cue := x.Tokens[i].Text
		j := i - 1
		for n := 0; j >= 0 && n < 3 && x.isModifier(j); n++ {
			if notYet[x.low[j]] {
				j = -2
				break
			}
			j--
		}
		if j < 0 {
			continue
		}
		plural := strings.HasSuffix(w, "s") && w != "nemesis"
		member := w == "member" || w == "members"
		switch {
		case x.low[j] == "'s" || x.low[j] == "'" || (x.in[j] >= 0 && strings.HasSuffix(strings.ReplaceAll(strings.ToLower(x.Mentions[x.in[j]].Text), "’", "'"), "'s")):
			// Possessor: "Y's main ally".
			e := j
			if x.in[j] < 0 {
				e = j - 1
			}
			y, ys := x.mentionEndingAt(e)
			if y == "" || member {
				continue
			}
			p := ys - 1
			if p >= 0 && x.low[p] == "the" {
				p--
			}
			if p >= 1 && x.low[p] == "of" && x.low[p-1] == "one" { // "one of Y's allies"
				p -= 2
			}
			if subj, ok := x.subjectBefore(p); ok {
				add(subj, []string{y}, kind, cue)
			}
			if plural {
				add(x.listAfter(i), []string{y}, kind, cue)
			}
		case (x.low[j] == "its" || x.low[j] == "their") && j >= 2 && x.low[j-1] == "and":
			// "X and its allies Y and Z", "X and its allies, including Y".
			a, _ := x.mentionEndingAt(j - 2)
			if a == "" || member {
				continue
			}
			ys := x.listAfter(i)
			if len(ys) == 0 && i+1 < len(x.low) && x.in[i+1] >= 0 {
				ys, _ = x.nextMentions(i)
			}
			add([]string{a}, ys, kind, cue)
		case i+1 < len(x.low) && x.low[i+1] == "of":
			// "X, a close ally of Y", "X is a member of Y", "allies of Y such as X".
			ys := x.ofObject(i + 1)
			if len(ys) == 0 {
				continue
			}
			p := j
			if x.low[p] == "a" || x.low[p] == "an" || x.low[p] == "the" {
				p--
				if p >= 1 && x.low[p] == "of" && x.low[p-1] == "one" {
					p -= 2
				}
			}
			if subj, ok := x.subjectBefore(p); ok {
				add(subj, ys, kind, cue)
			}
			if plural && !member {
				_, last := x.nextMentions(i + 1)
				add(x.listAfter(last), ys, kind, cue)
			}
		case plural && !member && copulas[x.low[j]]:
			// "X and Y are (close) allies".
			subj, ok := x.subjectBefore(j)
			if !ok || len(subj) < 2 {
				continue
			}
			for a := range subj {
				for b := a + 1; b < len(subj); b++ {
					out = append(out, pair{subj[a], subj[b], kind, cue})
				}
			}
		}
	}
	return out
}

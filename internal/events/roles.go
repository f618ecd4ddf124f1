package events

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/timex"
)

// trigger is one matched trigger word in a sentence.
type trigger struct {
	tok int
	pat *Pattern
	// mod is the token that satisfied the pattern's Mod (particle,
	// preposition's object or compound), or -1.
	mod int
	// force is true for a threat verb whose complement is force or
	// violence ("vowed to attack"): a threat of force.
	force bool
}

// Word lists of the role and modality rules.
var (
	// objectControl verbs pass their object to an infinitival complement
	// ("urged Iran to join": Iran joins).
	objectControl = set("urge", "ask", "press", "call", "encourage", "invite", "force", "order", "persuade", "allow",
		"help", "tell", "pressure", "push", "convince", "request", "require", "compel", "enable", "lead")
	// speechVerbs report a statement whose content clause is coded on its own.
	speechVerbs = set("say", "tell", "announce", "state", "add", "claim", "insist", "declare", "report", "note", "write",
		"confirm", "explain", "argue", "stress", "reiterate", "recall", "remark", "suggest", "believe", "think")
	// demandSpeech verbs make "X VERB Y must do" a demand.
	demandSpeech = set("say", "tell", "announce", "state", "insist", "declare", "conclude", "add", "stress", "reiterate", "warn")
	negators     = set("not", "never", "n't", "no", "nor", "neither")
	refusals     = set("fail", "refuse", "decline", "avoid", "stop", "cease", "halt", "neglect", "abandon")
	intentions   = set("plan", "intend", "want", "hope", "aim", "seek", "expect", "prepare", "wish", "try", "attempt",
		"mean", "consider", "propose", "promise", "pledge", "vow", "threaten", "offer", "agree", "need", "have",
		// adjectives of readiness: "is willing to withdraw", "prepared to lift"
		"willing", "prepared", "ready", "committed", "commit", "determined", "eager", "poised", "set")
	firstPerson = set("i", "we", "me", "us", "our", "my")
	relPronouns = set("who", "which", "that", "whom")
	// clauseRels are relations the participant search does not cross.
	clauseRels = set("acl", "acl:relcl", "advcl", "ccomp", "xcomp", "parataxis", "conj", "cc", "punct", "csubj",
		"list", "discourse", "vocative", "reparandum", "orphan", "dislocated")
)

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// codeSentence codes the events of sentence si into x.a.Events.
func (c *Coder) codeSentence(x *articleIndex, si int) {
	a := x.a
	s := a.Sentences[si]
	var trigs []trigger
	isTrig := map[int]int{}
	for t := s.FirstToken; t < s.EndToken; t++ {
		if tr, ok := c.match(x, s, t); ok {
			isTrig[t] = len(trigs)
			trigs = append(trigs, tr)
		}
	}
	// "X said Y must (should) do": a demand by X on Y.
	for t := s.FirstToken; t < s.EndToken; t++ {
		if _, ok := isTrig[t]; ok || !demandSpeech[x.lemma(t)] {
			continue
		}
		for _, k := range x.childrenRel(t, "ccomp") {
			for _, aux := range x.childrenRel(k, "aux") {
				if w := x.lower[aux]; w == "must" || w == "should" {
					isTrig[t] = len(trigs)
					trigs = append(trigs, trigger{tok: t, pat: demandPattern, mod: -1})
				}
			}
		}
	}
	// "X said Y would face retaliation": a threat by X against Y.
	for t := s.FirstToken; t < s.EndToken; t++ {
		if _, ok := isTrig[t]; ok || !speechVerbs[x.lemma(t)] {
			continue
		}
		for _, k := range x.childrenRel(t, "ccomp") {
			if x.lemma(k) != "face" {
				continue
			}
			for _, o := range x.childrenRel(k, "obj") {
				if threatNouns[x.lemma(o)] {
					isTrig[t] = len(trigs)
					trigs = append(trigs, trigger{tok: t, pat: threatPattern, mod: -1})
				}
			}
		}
	}
	if len(trigs) == 0 {
		return
	}
	for _, tr := range trigs {
		if h := x.head(tr.tok); h >= 0 && x.rel(tr.tok) == "xcomp" && !tr.pat.Noun && len(tr.pat.Code) >= 2 &&
			tr.pat.Code[:2] >= "15" && tr.pat.Code[:2] <= "20" && threatVerbs[x.lemma(h)] {
			if hi, ok := isTrig[h]; ok {
				trigs[hi].force = true
			}
		}
	}
	seen := map[string]bool{}
	for _, tr := range trigs {
		if tr.pat.Code == "" {
			continue
		}
		t := tr.tok
		h := x.head(t)
		if _, hTrig := isTrig[h]; hTrig && h >= 0 {
			r := x.rel(t)
			if tr.pat.Noun {
				switch baseRel(r) {
				case "obj", "obl", "nsubj", "xcomp", "iobj":
					continue // the governing verb's event covers the noun
				}
			} else if r == "xcomp" || (r == "advcl" && x.hasMarkTo(t)) {
				continue // "refused to cooperate", "agreed to meet"
			}
		}
		c.emit(x, si, tr, seen)
	}
}

// demandPattern codes "X said Y must do": the target is the content
// clause's subject.
var demandPattern = &Pattern{Code: "100", Origin: "rule"}

// threatPattern codes "X said Y would face retaliation": the target is
// the content clause's subject.
var threatPattern = &Pattern{Code: "130", Origin: "rule"}

// threatNouns are what "Y would face" when X threatens Y.
var threatNouns = set("retaliation", "consequence", "punishment", "reprisal", "sanction", "action", "response", "attack",
	"strike", "force", "wrath")

// match finds the pattern token t triggers, if any.
func (c *Coder) match(x *articleIndex, s model.Sentence, t int) (trigger, bool) {
	up := x.upos(t)
	noun := false
	switch up {
	case "VERB":
	case "NOUN":
		noun = true
	default:
		return trigger{}, false
	}
	l := x.lemma(t)
	for _, d := range c.dicts {
		ps := d.verbs[l]
		if noun {
			ps = d.nouns[l]
		} else if len(ps) == 0 {
			ps = d.forms[x.lower[t]]
		}
		for _, p := range ps {
			if mod, ok := x.satisfies(s, t, p); ok {
				return trigger{tok: t, pat: p, mod: mod}, true
			}
		}
	}
	return trigger{}, false
}

// wordIs reports whether token i is the word w (form or lemma, singular
// or plural).
func (x *articleIndex) wordIs(i int, w string) bool {
	f := x.lower[i]
	if f == w || x.lemma(i) == w {
		return true
	}
	return strings.TrimSuffix(f, "s") == w || f == w+"es"
}

func (x *articleIndex) anyWord(i int, ws []string) bool {
	for _, w := range ws {
		if x.wordIs(i, w) {
			return true
		}
	}
	return false
}

// satisfies checks p's constraints on trigger t; it returns the token that
// satisfied Mod (or -1).
func (x *articleIndex) satisfies(s model.Sentence, t int, p *Pattern) (int, bool) {
	mod := -1
	if p.Mod != "" {
		for _, k := range x.kids[t] {
			r := x.rel(k)
			switch {
			case p.Noun && (r == "compound" || r == "amod" || r == "nmod") && x.wordIs(k, p.Mod):
				mod = k
			case !p.Noun && x.wordIs(k, p.Mod) && (r == "compound:prt" || r == "obj" || r == "advmod" || r == "xcomp" || baseRel(r) == "obl" || r == "dep"):
				mod = k
			case !p.Noun && x.caseOf(k) == p.Mod && (baseRel(r) == "obl" || baseRel(r) == "nmod" || r == "obj"):
				mod = k
			}
			if mod >= 0 {
				break
			}
		}
		if mod < 0 {
			// adjacent word: "air strike" written as two tokens the parser
			// did not link, "call on" with "on" attached elsewhere.
			j := t + 1
			if p.Noun {
				j = t - 1
			}
			if j >= s.FirstToken && j < s.EndToken && x.wordIs(j, p.Mod) {
				mod = j
			} else {
				return -1, false
			}
		}
	}
	if len(p.NotObj) > 0 && x.hasObj(t, p.NotObj) {
		return -1, false
	}
	if len(p.Obj) > 0 && !x.hasObj(t, p.Obj) {
		return -1, false
	}
	if len(p.Xcomp) > 0 {
		ok := false
		for _, k := range x.complements(t) {
			if p.Xcomp[0] == "*" || x.anyWord(k, p.Xcomp) {
				ok = true
			}
		}
		if !ok {
			return -1, false
		}
	}
	if len(p.Prep) > 0 {
		ok := false
		for _, k := range x.kids[t] {
			switch baseRel(x.rel(k)) {
			case "obl", "advcl", "nmod", "ccomp":
				if cs := x.caseOf(k); cs != "" {
					for _, w := range p.Prep {
						if cs == w {
							ok = true
						}
					}
				}
			default:
				if x.anyWord(k, p.Prep) && (x.upos(k) == "ADP" || x.rel(k) == "compound:prt" || k == t+1) {
					ok = true
				}
			}
		}
		if !ok {
			return -1, false
		}
	}
	if len(p.Before) > 0 {
		if _, _, ok := x.seqBefore(s, t, p.Before); !ok {
			return -1, false
		}
	}
	if len(p.After) > 0 {
		if _, _, ok := x.seqAfter(s, t, p.After); !ok {
			return -1, false
		}
	}
	return mod, true
}

// hasObj reports whether t's object (or passive subject, oblique, or the
// object of its complement) is one of the lemmas ws.
func (x *articleIndex) hasObj(t int, ws []string) bool {
	var cands []int
	for _, k := range x.kids[t] {
		switch baseRel(x.rel(k)) {
		case "obj", "nsubj", "obl", "iobj", "xcomp", "ccomp":
			if x.rel(k) == "nsubj" {
				continue
			}
			cands = append(cands, k)
			for _, kk := range x.kids[k] {
				switch baseRel(x.rel(kk)) {
				case "obj", "compound", "conj", "nmod", "amod":
					cands = append(cands, kk)
				}
			}
		}
	}
	for _, k := range cands {
		if x.anyWord(k, ws) {
			return true
		}
	}
	return false
}

// phraseAt returns the length of the first alternative of sl matching the
// tokens starting at i, not crossing end, or 0.
func (x *articleIndex) phraseAt(i, end int, sl WordSlot) int {
next:
	for _, alt := range sl.Alts {
		if len(alt) == 0 || i+len(alt) > end {
			continue
		}
		for j, w := range alt {
			if !x.wordIs(i+j, w) {
				continue next
			}
		}
		return len(alt)
	}
	return 0
}

// actorAt reports whether token i is part of a resolved actor mention.
func (x *articleIndex) actorAt(i int) bool {
	mi := x.mention[i]
	return mi >= 0 && x.a.Mentions[mi].Actor != ""
}

// seqBefore matches the word slots before trigger t, from the trigger
// leftwards: each slot at the nearest place before the next element (right
// before it when Adjacent). It returns the tokens of the source and target
// role slots (-1 when the pattern has none or no actor stands there).
func (x *articleIndex) seqBefore(s model.Sentence, t int, slots []WordSlot) (src, tgt int, ok bool) {
	src, tgt = -1, -1
	pos := t // slots must end before pos
	for k := len(slots) - 1; k >= 0; k-- {
		sl := slots[k]
		if sl.Role != "" {
			for i := pos - 1; i >= s.FirstToken; i-- {
				if x.actorAt(i) {
					if sl.Role == "source" {
						src = i
					} else {
						tgt = i
					}
					pos = i
					break
				}
			}
			continue
		}
		found := false
		for end := pos; end > s.FirstToken; end-- {
			for _, alt := range sl.Alts {
				st := end - len(alt)
				if st < s.FirstToken || len(alt) == 0 {
					continue
				}
				if n := x.phraseAt(st, end, WordSlot{Alts: [][]string{alt}}); n > 0 {
					pos, found = st, true
					break
				}
			}
			if found || sl.Adjacent {
				break
			}
		}
		if !found {
			return -1, -1, false
		}
	}
	return src, tgt, true
}

// seqAfter matches the word slots after trigger t, within the next 12
// tokens of the sentence: each slot at the first place after the previous
// element (right after it when Adjacent). It returns the tokens of the
// source and target role slots as seqBefore does.
func (x *articleIndex) seqAfter(s model.Sentence, t int, slots []WordSlot) (src, tgt int, ok bool) {
	src, tgt = -1, -1
	end := min(s.EndToken, t+13)
	pos := t + 1
	for _, sl := range slots {
		if sl.Role != "" {
			for i := pos; i < end; i++ {
				if x.actorAt(i) {
					if sl.Role == "source" {
						src = i
					} else {
						tgt = i
					}
					pos = i + 1
					break
				}
			}
			continue
		}
		found := false
		for i := pos; i < end; i++ {
			if n := x.phraseAt(i, end, sl); n > 0 {
				pos, found = i+n, true
				break
			}
			if sl.Adjacent {
				break
			}
		}
		if !found {
			return -1, -1, false
		}
	}
	return src, tgt, true
}

// roleTokens returns the tokens where pattern p's "$" and "+" slots found
// the source and target of trigger t (-1 when none).
func (x *articleIndex) roleTokens(s model.Sentence, t int, p *Pattern) (src, tgt int) {
	src, tgt = -1, -1
	if !p.Roles {
		return
	}
	if bs, bt, ok := x.seqBefore(s, t, p.Before); ok {
		src, tgt = bs, bt
	}
	if as, at, ok := x.seqAfter(s, t, p.After); ok {
		if as >= 0 {
			src = as
		}
		if at >= 0 {
			tgt = at
		}
	}
	return src, tgt
}

// preverbalSubject reports whether verb t has a subject before it and
// another after it: the parser's mistake for "X accused Y of ...".
func (x *articleIndex) preverbalSubject(t int) bool {
	before, after := false, false
	for _, k := range x.kids[t] {
		if r := x.rel(k); r == "nsubj" || r == "nsubj:outer" {
			if k < t {
				before = true
			} else {
				after = true
			}
		}
	}
	return before && after
}

// passive reports whether verb t is in the passive voice.
func (x *articleIndex) passive(t int) bool {
	for _, k := range x.kids[t] {
		if r := x.rel(k); r == "nsubj:pass" || r == "aux:pass" || r == "csubj:pass" {
			return true
		}
	}
	return false
}

// subjects returns the tokens heading t's source arguments: its subject
// (the agent when passive), or the controller it inherits.
func (x *articleIndex) subjects(t int, depth int) []int {
	if t < 0 || depth > 4 {
		return nil
	}
	var out []int
	if x.passive(t) {
		for _, k := range x.childrenRel(t, "obl") {
			if x.rel(k) == "obl:agent" || x.caseOf(k) == "by" {
				out = append(out, k)
			}
		}
		if len(out) == 0 {
			for _, k := range x.childrenRel(t, "nmod") {
				if x.caseOf(k) == "by" {
					out = append(out, k)
				}
			}
		}
		return out
	}
	pre := x.preverbalSubject(t)
	for _, k := range x.kids[t] {
		if r := x.rel(k); r == "nsubj" || r == "nsubj:outer" {
			if pre && k > t {
				continue // a second, post-verbal "subject" is a misparsed object
			}
			if relPronouns[x.lemma(k)] && strings.HasPrefix(x.rel(t), "acl") {
				if h := x.head(t); h >= 0 {
					out = append(out, h)
				}
				continue
			}
			out = append(out, k)
		}
	}
	if len(out) > 0 {
		return out
	}
	if p := t - 1; p >= 0 && (x.lemma(p) == "have" || x.lemma(p) == "be") && x.head(p) != t {
		// "Russia has threatened" parsed with "has" as the main verb
		if ns := x.childrenRel(p, "nsubj"); len(ns) > 0 {
			return ns
		}
	}
	for _, k := range x.childrenRel(t, "expl") {
		if l := x.lemma(k); l == "it" || l == "they" {
			out = append(out, k) // "says it is willing to", "it" parsed as expletive
		}
	}
	if len(out) > 0 {
		return out
	}
	h := x.head(t)
	if h < 0 {
		return nil
	}
	r := x.rel(t)
	if r == "advcl" && x.hasMarkTo(t) {
		r = "xcomp" // "pressed Iran to join" parsed as a purpose clause
	}
	switch r {
	case "xcomp":
		if objectControl[x.lemma(h)] {
			if objs := x.childrenRel(h, "obj", "iobj"); len(objs) > 0 {
				return objs
			}
			for _, k := range x.childrenRel(h, "obl") {
				if cs := x.caseOf(k); cs == "on" || cs == "upon" || cs == "for" {
					return []int{k}
				}
			}
		}
		if out := x.subjects(h, depth+1); len(out) > 0 {
			return out
		}
		// "he is prepared to lift": the controller is the subject of an
		// adjectival passive with no agent
		return x.childrenRel(h, "nsubj:pass")
	case "conj", "advcl":
		if up := x.upos(h); up == "VERB" || up == "AUX" {
			return x.subjects(h, depth+1)
		}
	case "acl":
		if statementNouns[x.lemma(h)] && x.rel(h) == "obj" {
			// "issued a statement demanding": the issuer demands
			return x.subjects(x.head(h), depth+1)
		}
		return []int{h}
	}
	return nil
}

// statementNouns are documents whose issuer speaks through them ("issued
// a declaration demanding", "released a statement urging").
var statementNouns = set("statement", "declaration", "communique", "resolution", "letter", "message", "decree",
	"note", "motion", "proclamation", "manifesto", "memorandum", "press release", "report")

// withConj expands argument heads with their conjuncts ("France and
// Britain").
func (x *articleIndex) withConj(args []int) []int {
	var out []int
	var walk func(i, d int)
	walk = func(i, d int) {
		out = append(out, i)
		if d > 8 {
			return
		}
		for _, k := range x.kids[i] {
			if x.rel(k) == "conj" {
				walk(k, d+1)
			}
		}
		// "Gondor's leader X and Arnor's President Y" parsed with the
		// second conjunct under the first one's name
		for _, k := range x.kids[i] {
			if r := x.rel(k); r == "appos" || r == "flat" {
				for _, kk := range x.kids[k] {
					if r2 := x.rel(kk); r2 == "flat" || r2 == "appos" {
						for _, c := range x.childrenRel(kk, "conj") {
							walk(c, d+1)
						}
					}
				}
				for _, c := range x.childrenRel(k, "conj") {
					walk(c, d+1)
				}
			}
		}
	}
	for _, a := range args {
		walk(a, 0)
	}
	return out
}

// participant finds the head-most resolved actor mention in the subtree
// of argument head arg, not crossing clause boundaries or conjuncts.
//
// Prepositional modifiers are followed only when they can name the
// participant: "of", "from", "by", "in" ("the government of Iran",
// "militants in Iraq"), and for targets also "with", "to", "for",
// "between" ("ties with Gondor", "aid to Iraq"); never "against", "on",
// "at"... ("the fight against IS" is not IS).
func (x *articleIndex) participant(arg int, target bool) (model.Participant, bool) {
	p, _, ok := x.participantAt(arg, target)
	return p, ok
}

// participantAt is participant that also returns the token where the
// actor mention was found (-1 when none). An agent noun above the actor
// ("the government of Gondor", "soldiers from Gondor": a mention with a
// sector but no actor) gives the actor its sector when it has none.
func (x *articleIndex) participantAt(arg int, target bool) (model.Participant, int, bool) {
	type node struct {
		tok    int
		sector string
	}
	queue := []node{{arg, ""}}
	for d := 0; d < 5 && len(queue) > 0; d++ {
		var next []node
		for _, n := range queue {
			i, sector := n.tok, n.sector
			if mi := x.mention[i]; mi >= 0 {
				m := x.a.Mentions[mi]
				if m.Actor != "" && m.Kind == "PER" && x.upos(i) == "NOUN" {
					// "the president of Armenia": the state the phrase
					// names outranks whoever the title was resolved to
					for _, k := range x.childrenRel(i, "nmod") {
						if km := x.mention[k]; x.caseOf(k) == "of" && km >= 0 && x.a.Mentions[km].Actor != "" &&
							x.a.Mentions[km].Actor != m.Actor && x.a.Mentions[km].Kind == "LOC" {
							o := x.a.Mentions[km]
							return model.Participant{Code: o.Actor, Sector: m.Sector, Text: o.Text, Span: o.Span}, k, true
						}
					}
				}
				if m.Actor != "" {
					if m.Sector != "" || sector == "" {
						sector = m.Sector
					}
					if sector == "" {
						// "Arnor cleric", "Bree Prime Minister X" parsed
						// with the country as the head: the agent word
						// below it gives the sector.
						sector = x.ownSector(i, m.Actor)
					}
					return model.Participant{Code: m.Actor, Sector: sector, Text: m.Text, Span: m.Span}, i, true
				}
				if sector == "" && m.Sector != "" && m.Kind != "PER" {
					sector = m.Sector
				}
			}
			for _, k := range x.kids[i] {
				r := x.rel(k)
				if r == "acl" && basedVerbs[x.lemma(k)] {
					// "a group based in Gondor": where it sits
					for _, kk := range x.childrenRel(k, "obl") {
						if cs := x.caseOf(kk); cs == "in" || cs == "at" {
							next = append(next, node{kk, sector})
						}
					}
					continue
				}
				if clauseRels[r] {
					continue
				}
				if b := baseRel(r); (b == "nmod" || b == "obl") && r != "nmod:poss" && r != "obl:agent" {
					// "the government of Iran", "officials from Iran", but
					// not "the fight against IS", "talks with Iran".
					switch x.caseOf(k) {
					case "", "of", "from", "by", "in":
					case "with", "to", "for", "between":
						if !target {
							continue
						}
					default:
						continue
					}
				}
				next = append(next, node{k, sector})
			}
		}
		queue = next
	}
	if p, ok := x.titled(arg); ok {
		return p, arg, true
	}
	sp := x.a.Tokens[arg].Span
	return model.Participant{Text: sp.In(x.a.Text), Span: sp}, -1, false
}

// basedVerbs are participles that place an unnamed body in a country
// ("a newspaper based in X", "militants operating in X").
var basedVerbs = set("base", "based", "locate", "located", "station", "stationed", "headquarter", "headquartered",
	"operate", "active", "live", "resident")

// ownSector returns the sector of a mention of actor code below token i
// in its noun phrase (flat, compound, appositive or modifier words, at
// most three levels down), or "".
func (x *articleIndex) ownSector(i int, code string) string {
	queue := []int{i}
	for d := 0; d < 3 && len(queue) > 0; d++ {
		var next []int
		for _, n := range queue {
			for _, k := range x.kids[n] {
				switch x.rel(k) {
				case "flat", "compound", "appos", "amod", "nmod:desc":
				default:
					continue
				}
				if mi := x.mention[k]; mi >= 0 {
					if m := x.a.Mentions[mi]; m.Actor == code && m.Sector != "" {
						return m.Sector
					}
				}
				next = append(next, k)
			}
		}
		queue = next
	}
	return ""
}

// titled resolves an office-holder whose country the text leaves unsaid
// ("President Yoweri Museveni", "Judge X": a person mention with a sector
// but no actor code) heading argument arg to the one state the sentence
// names, if it names exactly one: a news sentence that does not say whose
// president acts is about that country's affairs.
func (x *articleIndex) titled(arg int) (model.Participant, bool) {
	mi := x.mention[arg]
	if mi < 0 {
		for _, k := range x.kids[arg] {
			if r := x.rel(k); (r == "flat" || r == "appos" || r == "compound" || r == "nmod:desc" ||
				r == "nmod" && x.caseOf(k) == "of") && x.mention[k] >= 0 {
				// "President X", "supporters of President X"
				mi = x.mention[k]
				break
			}
		}
	}
	if mi < 0 {
		return model.Participant{}, false
	}
	m := x.a.Mentions[mi]
	if m.Actor != "" || m.Sector == "" || m.Kind != "PER" {
		return model.Participant{}, false
	}
	si := x.sentenceOf(arg)
	if si < 0 {
		return model.Participant{}, false
	}
	s := x.a.Sentences[si]
	state := ""
	for _, o := range x.a.Mentions {
		if o.Span.Start < x.a.Tokens[s.FirstToken].Span.Start || o.Span.End > x.a.Tokens[s.EndToken-1].Span.End {
			continue
		}
		if x.reporter(o.Span, arg) {
			continue // "..., a spokeswoman for the Gondor embassy said"
		}
		if o.Actor == "" || len(o.Actor) != 3 || o.Sector == "IGO" || o.Sector == "NGO" {
			continue
		}
		if _, org := actorCountries()[o.Actor]; org {
			continue
		}
		if state != "" && state != o.Actor {
			return model.Participant{}, false
		}
		state = o.Actor
	}
	if state == "" {
		return model.Participant{}, false
	}
	return model.Participant{Code: state, Sector: m.Sector, Text: m.Text, Span: m.Span}, true
}

// untitled reports whether the actor mention at span sp is a person with
// no actor code of its own: an office-holder whose state came from the
// title rule (see titled).
func (x *articleIndex) untitled(sp model.Span) bool {
	toks := x.a.Tokens
	i := sort.Search(len(toks), func(i int) bool { return toks[i].Span.Start >= sp.Start })
	if i >= len(toks) || toks[i].Span.Start != sp.Start {
		return false
	}
	mi := x.mention[i]
	return mi >= 0 && x.a.Mentions[mi].Actor == "" && x.a.Mentions[mi].Kind == "PER"
}

// reporter reports whether the mention at span sp lies in the subject of a
// speech verb that does not govern token arg: the source of a report
// ("a spokeswoman for the Gondor embassy said"), not a party to what it
// reports.
func (x *articleIndex) reporter(sp model.Span, arg int) bool {
	toks := x.a.Tokens
	i := sort.Search(len(toks), func(i int) bool { return toks[i].Span.Start >= sp.Start })
	for d := 0; d < 8 && i >= 0 && i < len(toks); d++ {
		h := x.head(i)
		if h < 0 {
			return false
		}
		if x.rel(i) == "nsubj" && speechVerbs[x.lemma(h)] {
			for a, n := arg, 0; a >= 0 && n < 12; a, n = x.head(a), n+1 {
				if a == i {
					return false // arg is inside the reporter's phrase itself
				}
			}
			return true
		}
		i = h
	}
	return false
}

// sentenceOf returns the index of the sentence holding token i, or -1.
func (x *articleIndex) sentenceOf(i int) int {
	ss := x.a.Sentences
	lo, hi := 0, len(ss)
	for lo < hi {
		mid := (lo + hi) / 2
		if ss[mid].EndToken <= i {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo < len(ss) && ss[lo].FirstToken <= i && i < ss[lo].EndToken {
		return lo
	}
	return -1
}

// quoteAt returns the index of the quote containing span sp, or -1.
func (x *articleIndex) quoteAt(sp model.Span) int {
	for i, q := range x.a.Quotes {
		if q.Span.Start <= sp.Start && sp.End <= q.Span.End {
			return i
		}
	}
	return -1
}

// resolveArgs turns argument heads into participants. Unresolved
// first-person pronouns inside a quote take the quote's speaker;
// unresolved arguments of a clause reported by a speech verb take that
// verb's subject (the speaker's side: "said he had rejected").
func (x *articleIndex) resolveArgs(args []int, t int, source bool) (resolved, unresolved []model.Participant) {
	for _, arg := range x.withConj(args) {
		p, at, ok := x.participantAt(arg, !source)
		var extra []model.Participant
		if ok && at == arg {
			// "the ambassadors of A, B and C" with the first country on
			// the description: the conjuncts hang from the "of" phrase.
			for _, k := range x.childrenRel(arg, "nmod") {
				if km := x.mention[k]; km >= 0 && x.a.Mentions[km].Actor == p.Code && p.Sector != "" && x.a.Mentions[km].Sector == "" {
					at = k
					break
				}
			}
		}
		if ok && at != arg {
			// "ties with Gondor and Arnor", "the ambassadors of A, B
			// and C": the conjuncts of an actor found below the
			// argument's head are participants too.
			for _, c := range x.withConj([]int{at})[1:] {
				if mi := x.mention[c]; mi >= 0 && x.a.Mentions[mi].Actor != "" {
					m := x.a.Mentions[mi]
					sec := m.Sector
					if sec == "" && m.Kind != "PER" {
						sec = p.Sector
						if mp := x.mention[at]; mp >= 0 && x.a.Mentions[mp].Sector == p.Sector {
							sec = "" // the sector was the first conjunct's own
						}
					}
					extra = append(extra, model.Participant{Code: m.Actor, Sector: sec, Text: m.Text, Span: m.Span})
				}
			}
		}
		if !ok && source {
			if firstPerson[x.lower[arg]] {
				if qi := x.quoteAt(x.a.Tokens[arg].Span); qi >= 0 {
					if sp := x.a.Quotes[qi].Speaker; sp != nil && sp.Actor != "" {
						p.Code, p.Sector, ok = sp.Actor, sp.Sector, true
					}
				}
			}
			if !ok && x.upos(arg) == "PRON" {
				if sv := x.speechHead(t); sv >= 0 {
					for _, s := range x.subjects(sv, 0) {
						if sp, ok2 := x.participant(s, false); ok2 {
							p, ok = sp, true
							break
						}
					}
				}
			}
		}
		if ok {
			resolved = append(resolved, p)
			resolved = append(resolved, extra...)
		} else {
			unresolved = append(unresolved, p)
		}
	}
	return resolved, unresolved
}

// leftActor returns the last token of the nearest resolved actor mention
// before verb t in its sentence with no verb in between ("X, meanwhile,
// called for": a subject the parse lost), or -1.
func (x *articleIndex) leftActor(s model.Sentence, t int) int {
	j := t - 1
	for j >= s.FirstToken && (x.upos(j) == "AUX" || x.upos(j) == "ADV" || x.upos(j) == "PART") {
		j--
	}
	if j < t-1 {
		// "X has (reportedly) threatened": only an actor right before
		// the verb's own auxiliaries
		if j >= s.FirstToken {
			if mi := x.mention[j]; mi >= 0 && x.a.Mentions[mi].Actor != "" {
				return j
			}
		}
		return -1
	}
	for i := t - 1; i >= s.FirstToken; i-- {
		if up := x.upos(i); up == "VERB" || up == "AUX" || x.lower[i] == "that" || x.lower[i] == ";" {
			return -1
		}
		if mi := x.mention[i]; mi >= 0 && x.a.Mentions[mi].Actor != "" {
			return i
		}
	}
	return -1
}

// speechHead returns the speech verb whose content clause holds t, or -1.
func (x *articleIndex) speechHead(t int) int {
	for d := 0; d < 4 && t >= 0; d++ {
		r := x.rel(t)
		h := x.head(t)
		if h < 0 {
			return -1
		}
		if (r == "ccomp" || r == "parataxis") && speechVerbs[x.lemma(h)] {
			return h
		}
		if r != "conj" && r != "xcomp" {
			return -1
		}
		t = h
	}
	return -1
}

// targetArgs returns the argument heads of t for the pattern's target
// slots, trying slots in order and stopping at the first that yields a
// resolved participant (all candidates are returned when none does).
func (x *articleIndex) targetArgs(t int, p *Pattern, mod int) []int {
	var fallback []int
	try := func(args []int) []int {
		for _, a := range x.withConj(args) {
			if _, ok := x.participant(a, true); ok {
				return args
			}
		}
		if fallback == nil {
			fallback = args
		}
		return nil
	}
	pass := !p.Noun && x.passive(t)
	for _, slot := range p.Target {
		var args []int
		switch slot {
		case "obj":
			if pass {
				args = x.childrenRel(t, "nsubj:pass")
			} else if p.Noun {
				continue
			} else {
				args = x.childrenRel(t, "obj")
				if len(args) == 0 {
					// "accused the United States of": the object the
					// parser labelled iobj
					args = x.childrenRel(t, "iobj")
				}
				if len(args) == 0 && x.preverbalSubject(t) {
					// "X accused Y of": Y parsed as a second subject
					for _, k := range x.childrenRel(t, "nsubj") {
						if k > t {
							args = append(args, k)
						}
					}
				}
				for _, k := range x.childrenRel(t, "xcomp") {
					// a noun phrase the tagger took for a verb: "rejected
					// a US offer" with "offer" as an xcomp
					if !x.hasMarkTo(k) && len(x.childrenRel(k, "det")) > 0 {
						args = append(args, k)
					}
				}
				if h := x.head(t); len(args) == 0 && h >= 0 && x.rel(t) == "amod" && !strings.HasSuffix(x.lower[t], "ing") &&
					(x.upos(h) == "NOUN" || x.upos(h) == "PROPN") {
					// a participle modifying its patient: "shelled
					// positions of X", "the extradited militant"
					args = append(args, h)
				}
				if len(args) == 0 {
					// "hosted Japanese Prime Minister X" with the object
					// parsed as a secondary predicate
					for _, k := range x.childrenRel(t, "xcomp") {
						if up := x.upos(k); (up == "ADJ" || up == "PROPN" || up == "NOUN") && !x.hasMarkTo(k) && x.mention[k] >= 0 {
							args = append(args, k)
						}
					}
				}
				if mod >= 0 && x.rel(mod) == "compound:prt" && p.Mod != "" {
					// "called on Iran" parsed with a particle
					args = append(args, x.childrenRel(t, "obl")...)
				}
			}
		case "iobj":
			args = x.childrenRel(t, "iobj")
		case clauseSubj:
			for _, k := range x.childrenRel(t, "ccomp") {
				args = append(args, x.childrenRel(k, "nsubj", "nsubj:pass")...)
			}
		case anyPrep:
			// Every prepositional argument of the verb, then of its
			// object, in text order: PETRARCH takes the first actor of
			// the verb phrase whatever the preposition.
			for _, k := range x.kids[t] {
				if b := baseRel(x.rel(k)); (b == "obl" || b == "nmod") && x.caseOf(k) != "" {
					args = append(args, k)
				}
			}
			if !p.Noun {
				for _, o := range x.childrenRel(t, "obj") {
					for _, k := range x.childrenRel(o, "nmod") {
						if x.caseOf(k) != "" {
							args = append(args, k)
						}
					}
				}
			}
			sort.Ints(args)
			for _, a := range args {
				if _, ok := x.participant(a, true); ok {
					args = []int{a}
					break
				}
			}
		default:
			for _, k := range x.kids[t] {
				switch baseRel(x.rel(k)) {
				case "obl", "nmod", "advcl":
					if x.caseOf(k) == slot && !(x.rel(k) == "advcl" && x.hasMarkTo(k)) {
						// (not an infinitive: "dispatched inspectors to X
						// to monitor")
						args = append(args, k)
					}
				case "case", "mark":
					// a preposition the parser made the head of its
					// object ("meeting with -> Zarif")
					if x.lemma(k) == slot {
						for _, kk := range x.kids[k] {
							if x.rel(kk) != "punct" {
								args = append(args, kk)
							}
						}
					}
				}
			}
			if mod >= 0 && p.Mod == slot && x.rel(mod) == "compound:prt" {
				args = append(args, x.childrenRel(t, "obj")...)
			}
			if len(args) == 0 && !p.Noun {
				// the object's phrase: "launched strikes against X",
				// "imposed sanctions on X", "restored ties with X"
				// and one "of" phrase down: "delivered two tonnes of
				// flour to X"
				objs := x.withConj(x.childrenRel(t, "obj"))
				for d := 0; d < 2 && len(args) == 0 && len(objs) > 0; d++ {
					var next []int
					for _, o := range objs {
						for _, k := range x.childrenRel(o, "nmod", "obl") {
							switch x.caseOf(k) {
							case slot:
								args = append(args, k)
							case "of":
								next = append(next, k)
							}
						}
					}
					objs = next
				}
			}
		}
		if got := try(args); got != nil {
			return got
		}
	}
	// A noun governed by a light verb: "held talks with X", "carried out
	// strikes against X".
	if p.Noun {
		if h := x.head(t); h >= 0 && (x.rel(t) == "obj" || baseRel(x.rel(t)) == "obl") {
			for _, slot := range p.Target {
				var args []int
				for _, k := range x.kids[h] {
					if baseRel(x.rel(k)) == "obl" && x.caseOf(k) == slot {
						args = append(args, k)
					}
				}
				if got := try(args); got != nil {
					return got
				}
			}
		}
		return fallback
	}
	// "pressed the region's countries as well as X to join", parsed with
	// "X to join" as a clause under the object: its subject.
	if objectControl[x.lemma(t)] && !p.Noun {
		for _, o := range x.childrenRel(t, "obj") {
			for _, k := range x.childrenRel(o, "acl") {
				if !x.hasMarkTo(k) {
					continue
				}
				if got := try(x.childrenRel(k, "nsubj")); got != nil {
					return got
				}
			}
		}
	}
	// "demanded that X do", "accused X of doing" (parsed with X as the
	// subject of the complement clause): the clause's subject.
	if root := p.Code; len(root) >= 2 && (root[:2] == "02" || root[:2] == "10" || root[:2] == "11" || root[:2] == "13") {
		for _, k := range x.kids[t] {
			r := x.rel(k)
			if r != "ccomp" && r != "advcl" && r != "xcomp" {
				continue
			}
			if cs := x.caseOf(k); cs == "if" || cs == "unless" || cs == "because" || cs == "while" || cs == "after" || cs == "before" || cs == "as" || cs == "when" {
				continue
			}
			var subj []int
			for _, kk := range x.kids[k] {
				if r := x.rel(kk); r == "nsubj" || r == "nsubj:pass" {
					subj = append(subj, kk)
				}
			}
			if got := try(subj); got != nil {
				return got
			}
		}
	}
	// The complement's arguments: "pledged to support Iraq", "agreed to
	// meet X".
	for _, k := range x.complements(t) {
		q := &Pattern{Target: defaultVerbTargets}
		if got := try(x.targetArgs(k, q, -1)); got != nil {
			return got
		}
	}
	return fallback
}

// Collective sources. A multilateral act — a conference's or a group of
// states' — is coded with the source code CollectiveCode as well as (when
// the text names them) each member's own event, so that reports naming the
// group differently ("about 30 countries", "the world's top diplomats",
// "X, Y and Z all pledged") agree on one source and merge.
var (
	// collectiveNouns head a plural group of states or their envoys.
	collectiveNouns = set("country", "state", "nation", "government", "diplomat", "minister", "leader", "participant",
		"member", "delegation", "power", "representative", "delegate", "signatory", "ally", "partner", "envoy")
	// groupNouns are collective on their own ("the participants").
	groupNouns = set("participant", "signatory", "delegate", "delegation")
	// multilateralMods make a plural noun collective: "world's", "international".
	multilateralMods = set("world", "international", "global", "participating", "attending")
)

// CollectiveCode is the source code of an event done jointly by a group
// of states or intergovernmental actors that the text does not reduce to
// one actor (CAMEO's generic intergovernmental code).
const CollectiveCode = "IGO"

// collective reports whether source arguments args (before conjunct
// expansion) denote a multilateral group, and returns it as a
// participant: a plural group noun that no actor resolves, marked as
// many states ("about 30 countries", "all participants", "the world's top
// diplomats"), or arguments under a floating "all" ("X, Y and Z all
// pledged"; several conjuncts or a plural group noun).
func (x *articleIndex) collective(args []int) (model.Participant, bool) {
	if len(args) == 0 {
		return model.Participant{}, false
	}
	all := x.withConj(args)
	span := x.a.Tokens[args[0]].Span
	mk := func() (model.Participant, bool) {
		return model.Participant{Code: CollectiveCode, Sector: "IGO", Text: span.In(x.a.Text), Span: span}, true
	}
	plural := func(i int) bool {
		return x.upos(i) == "NOUN" && collectiveNouns[x.lemma(i)] && x.lower[i] != x.lemma(i)
	}
	if v := x.head(args[0]); v >= 0 && x.upos(args[0]) != "PRON" {
		coordinated := len(x.withConj(args[:1])) >= 2
		for _, k := range x.kids[v] {
			// "A, B and C all pledged": "all" between the subject and
			// its verb
			if x.lemma(k) == "all" && (x.rel(k) == "advmod" || x.rel(k) == "det") && args[0] < k && k < v &&
				(coordinated || plural(args[0])) {
				return mk()
			}
		}
	}
	for _, a := range all {
		if !plural(a) {
			continue
		}
		if _, ok := x.participant(a, false); ok {
			continue
		}
		if groupNouns[x.lemma(a)] {
			return mk()
		}
		for _, k := range x.kids[a] {
			r, l := x.rel(k), x.lemma(k)
			switch {
			case r == "nummod",
				r == "det" && l == "all",
				(r == "nmod:poss" || r == "amod" || r == "compound") && multilateralMods[l]:
				return mk()
			}
		}
	}
	return model.Participant{}, false
}

// reciprocal reports whether coordinated sources of trigger t with no
// target act on each other: cooperation, consultation and agreement
// (CAMEO 03–06: "A and B agreed") are reciprocal, and so is any act on
// "their" own joint thing or on "each other" ("A and B delayed their
// meeting").
func (x *articleIndex) reciprocal(t int, code string) bool {
	if len(code) >= 2 && code[:2] >= "03" && code[:2] <= "06" {
		return true
	}
	for _, k := range x.kids[t] {
		switch baseRel(x.rel(k)) {
		case "obj", "obl":
			for _, kk := range x.kids[k] {
				if l := x.lower[kk]; l == "their" || l == "other" || l == "another" {
					return true
				}
			}
		}
	}
	return false
}

// needsTarget reports whether events of CAMEO root root mean nothing
// without a target: appeals, consultations, cooperation, aid,
// investigations, demands, disapproval, rejections, threats and reduced
// relations are acts on someone. Statements, intents, yielding, protest,
// force posture and violence are coded without one ("X vowed to fight",
// "X killed 12 people").
func needsTarget(root string) bool {
	switch root {
	case "02", "04", "05", "06", "07":
		return true
	}
	return false
}

// actorNouns name people or bodies that act: an unresolved target
// headed by one is an actor the resolver does not know, not a thing.
var actorNouns = set("government", "official", "leader", "minister", "country", "state", "nation", "people", "rebel",
	"force", "troop", "soldier", "authority", "president", "party", "group", "militant", "police", "army", "diplomat",
	"counterpart", "ally", "partner", "neighbour", "neighbor", "regime", "administration", "opposition", "member",
	"delegation", "representative", "envoy", "ambassador", "side", "faction", "movement", "organisation",
	"organization", "agency", "council", "court", "parliament", "ministry", "company", "union", "activist",
	"protester", "demonstrator", "civilian", "refugee", "student", "worker", "insurgent", "fighter", "guerrilla")

// domesticSectors maps nouns for people and bodies inside a country to
// the sector they signal.
var domesticSectors = map[string]string{
	"government": "GOV", "official": "GOV", "authority": "GOV", "minister": "GOV", "president": "GOV",
	"leader": "GOV", "regime": "GOV", "administration": "GOV", "ministry": "GOV", "governor": "GOV",
	"police": "COP", "policeman": "COP", "officer": "COP",
	"opposition": "OPP", "activist": "OPP", "protester": "OPP", "protestor": "OPP", "demonstrator": "OPP",
	"dissident": "OPP", "opponent": "OPP", "candidate": "OPP", "critic": "OPP",
	"rebel": "REB", "militant": "REB", "insurgent": "REB", "guerrilla": "REB", "fighter": "REB", "separatist": "REB",
	"civilian": "CVL", "resident": "CVL", "villager": "CVL", "citizen": "CVL", "people": "CVL", "person": "CVL",
	"national": "CVL", "prisoner": "CVL", "detainee": "CVL", "youth": "CVL", "inhabitant": "CVL",
	"refugee": "REF", "migrant": "REF",
	"student": "EDU", "teacher": "EDU", "worker": "LAB", "union": "LAB", "journalist": "MED", "newspaper": "MED",
	"soldier": "MIL", "troop": "MIL", "army": "MIL", "military": "MIL",
	"court": "JUD", "judge": "JUD", "judiciary": "JUD",
	"parliament": "LEG", "lawmaker": "LEG", "legislator": "LEG", "deputy": "LEG",
}

// domestic resolves an unresolved target of a source's own country: when
// a target argument's phrase (not crossing clauses) is headed by or
// contains a noun for people or bodies inside a country ("cracked down
// on protesters", "ordered the officials to"), an office-holder the text
// gives no country ("President X") or an organisation the actor base does
// not know, and the source belongs to a state, the target is that state
// with the noun's sector. News that names no other country for the
// people acted on reports that country's internal affairs, as the PLOVER
// coders code them (the same state on both sides, different sectors).
// Intents, consultations, cooperation, aid (CAMEO 03–07) and force
// posture (15) are left alone: "met rebel leaders" is as often about
// another country's rebels, "mobilised the army" is aimed abroad.
func (x *articleIndex) domestic(code string, args []int, src model.Participant) (model.Participant, bool) {
	if len(code) >= 2 && (code[:2] >= "03" && code[:2] <= "07" || code[:2] == "15") {
		return model.Participant{}, false // diplomacy, aid, force posture: mostly across borders
	}
	state := countryLevel(src)
	if len(state) != 3 || state == "IGO" || state == "NGO" || state == "IMG" {
		return model.Participant{}, false
	}
	for _, arg := range x.withConj(args) {
		queue := []int{arg}
		for d := 0; d < 4 && len(queue) > 0; d++ {
			var next []int
			for _, i := range queue {
				if mi := x.mention[i]; mi >= 0 {
					m := x.a.Mentions[mi]
					if m.Actor != "" {
						return model.Participant{}, false // a named actor the search did not take
					}
					if (m.Kind == "PER" && m.Sector != "") || m.Kind == "ORG" {
						sec := m.Sector
						if sec == "" {
							sec = "OPP"
						}
						return model.Participant{Code: state, Sector: sec, Text: m.Text, Span: m.Span}, true
					}
				}
				if sec, ok := domesticSectors[x.lemma(i)]; ok && x.upos(i) == "NOUN" {
					sp := x.a.Tokens[i].Span
					return model.Participant{Code: state, Sector: sec, Text: sp.In(x.a.Text), Span: sp}, true
				}
				for _, k := range x.kids[i] {
					if r := x.rel(k); !clauseRels[r] && r != "nmod:poss" {
						next = append(next, k)
					}
				}
			}
			queue = next
		}
	}
	return model.Participant{}, false
}

// onlyState gives an act of yielding, demand, disapproval, rejection,
// threat, sanction, coercion or force (CAMEO 08–20 but force posture) that
// resolves no one acted on its source's own state as target when that is
// the only state the sentence names (outside the subject of a speech verb
// that reports it, see reporter): with no other country in view the
// act is the country's internal affair ("the judge ordered the former
// president to appear", "the president threatened to ban opposition
// candidates" when the parse loses the object). Sector GOV (CVL when the
// source is the government). The caller does not apply it when the
// unresolved target is an actor the resolver does not know ("threatened
// no country").
func (x *articleIndex) onlyState(si, t int, code string, src model.Participant) (model.Participant, bool) {
	if len(code) < 2 || code[:2] < "08" || code[:2] == "15" {
		return model.Participant{}, false
	}
	if code[:2] >= "18" && (src.Sector == "" || src.Sector == "MIL") {
		// a state's or army's force is as often used abroad ("a Turkish
		// air strike hit a base"); police, rebels and the like act at home
		return model.Participant{}, false
	}
	state := countryLevel(src)
	if len(state) != 3 || state == "IGO" || state == "NGO" || state == "IMG" {
		return model.Participant{}, false
	}
	s := x.a.Sentences[si]
	for _, m := range x.a.Mentions {
		if m.Sentence != si && (m.Span.Start < x.a.Tokens[s.FirstToken].Span.Start || m.Span.End > x.a.Tokens[s.EndToken-1].Span.End) {
			continue
		}
		if m.Actor == "" || x.reporter(m.Span, t) {
			continue
		}
		if c := countryLevel(model.Participant{Code: m.Actor, Sector: m.Sector}); c != state {
			return model.Participant{}, false
		}
	}
	sec := "GOV"
	if src.Sector == "GOV" {
		sec = "CVL"
	}
	return model.Participant{Code: state, Sector: sec, Span: model.NoSpan}, true
}

// internalTarget gives a protest or a coercion (CAMEO 14, 17) that names
// no one it acts on ("demonstrators rioted", "declared a curfew") its
// source's own state as target: protesters act against their government,
// and a state's coercion with no foreign object falls on its own people
// (sector GOV for protests, CVL for coercion).
func internalTarget(code string, src model.Participant) (model.Participant, bool) {
	if len(code) < 2 {
		return model.Participant{}, false
	}
	sec := ""
	switch code[:2] {
	case "14":
		sec = "GOV"
	case "17":
		sec = "CVL"
	default:
		return model.Participant{}, false
	}
	state := countryLevel(src)
	if len(state) != 3 || state == "IGO" || state == "NGO" || state == "IMG" {
		return model.Participant{}, false
	}
	if src.Sector == sec {
		sec = ""
	}
	return model.Participant{Code: state, Sector: sec, Span: model.NoSpan}, true
}

// actorLike reports whether the unresolved target at span sp names an
// actor the resolver did not code: a name, an entity mention, or a noun
// for people or bodies. False for things ("the plan", "the outline")
// and for no target at all.
func (x *articleIndex) actorLike(sp model.Span) bool {
	if sp == model.NoSpan || sp.End <= sp.Start {
		return false
	}
	toks := x.a.Tokens
	for i := sort.Search(len(toks), func(i int) bool { return toks[i].Span.Start >= sp.Start }); i < len(toks); i++ {
		if toks[i].Span.Start >= sp.End {
			break
		}
		if x.mention[i] >= 0 || x.upos(i) == "PROPN" || actorNouns[x.lemma(i)] {
			return true
		}
	}
	return false
}

// proposalNouns name what a rejection rejects when it is someone's
// proposal; proposalVerbs make one.
var (
	proposalNouns = set("request", "offer", "proposal", "appeal", "invitation", "demand", "overture", "plea", "bid",
		"suggestion", "approach", "initiative", "call", "idea", "plan")
	proposalVerbs = set("ask", "request", "offer", "propose", "invite", "urge", "appeal", "suggest", "call", "press",
		"demand", "approach", "seek", "plead")
)

// proposer returns the target of a rejection whose object is a bare
// proposal noun ("he rejected the request"): the resolved subject of the
// nearest verb of asking or offering before the trigger in this sentence
// or the one before it ("Kerry asked Zarif and he rejected the request"),
// when that subject is not one of the rejecting sources.
func (x *articleIndex) proposer(si, t int, srcs []model.Participant) (model.Participant, bool) {
	ok := false
	for _, k := range x.childrenRel(t, "obj") {
		if proposalNouns[x.lemma(k)] {
			ok = true
		}
	}
	if !ok {
		return model.Participant{}, false
	}
	first := x.a.Sentences[si].FirstToken
	if si > 0 {
		first = x.a.Sentences[si-1].FirstToken
	}
	for v := t - 1; v >= first; v-- {
		if x.upos(v) != "VERB" || !proposalVerbs[x.lemma(v)] {
			continue
		}
		for _, s := range x.subjects(v, 0) {
			g, ok := x.participant(s, false)
			if !ok {
				continue
			}
			self := false
			for _, src := range srcs {
				if src.Code == g.Code {
					self = true
				}
			}
			if !self {
				return g, true
			}
		}
		return model.Participant{}, false
	}
	return model.Participant{}, false
}

// nounSources returns the source argument heads of noun trigger t.
func (x *articleIndex) nounSources(t int, p *Pattern, mod int) []int {
	var out []int
	agent := false
	for _, k := range x.kids[t] {
		if k == mod {
			continue
		}
		switch x.rel(k) {
		case "nmod:poss", "compound", "amod":
			out = append(out, k)
		case "nmod":
			if cs := x.caseOf(k); cs == "by" || cs == "from" && !slices.Contains(p.Target, "from") {
				// "calls by X", "an appeal from X" (not "withdrawal
				// from X", where "from" names the target)
				out = append(out, k)
				agent = true
			}
		}
	}
	for _, k := range out {
		if _, ok := x.participant(k, false); ok {
			return out
		}
	}
	if agent {
		// the noun names its own agent, one the resolver does not know:
		// not the governing verb's subject ("conceded to demands from X")
		return out
	}
	// light verb: "X carried out strikes", "X held talks", "X engaged in
	// talks"; not "X followed the invasion", "X survived the attack".
	if h := x.head(t); h >= 0 && x.upos(h) == "VERB" && !witnessVerbs[x.lemma(h)] {
		r := x.rel(t)
		switch cs := x.caseOf(t); {
		case r == "obj", baseRel(r) == "obl" && !timeCases[cs]:
			return x.subjects(h, 0)
		}
	}
	return out
}

// timeCases introduce an event noun that only dates another act ("met
// after the attack").
var timeCases = set("after", "before", "during", "following", "since", "amid", "despite", "until", "ahead")

// witnessVerbs govern an event noun without being its agent's act.
var witnessVerbs = set("follow", "precede", "survive", "suffer", "witness", "see", "watch", "report", "describe", "face",
	"escape", "mark", "recall", "remember", "fear", "expect", "condemn", "denounce", "criticize", "criticise",
	"deplore", "protest", "investigate", "blame", "mourn", "commemorate", "cover", "discuss", "oppose", "welcome",
	// responses to another's act: "rejected calls for", "bowed to pressure"
	"reject", "accept", "concede", "bow", "yield", "respond", "answer", "heed", "ignore", "defy", "refuse", "dismiss",
	"rebuff", "resist", "deny", "receive", "consider", "study", "review", "back", "support", "endorse", "approve",
	"renege", "violate", "breach")

// negation reports whether trigger t is negated and how: "denied" for a
// clause under "deny", "refused" for a complement of "fail", "refuse"...,
// "" for a plain "not".
func (x *articleIndex) negation(t int, noun bool) (bool, string) {
	v := t
	if noun {
		for _, k := range x.kids[t] {
			if x.rel(k) == "det" && x.lemma(k) == "no" {
				return true, ""
			}
		}
		if h := x.head(t); h >= 0 && (x.rel(t) == "obj" || baseRel(x.rel(t)) == "obl") {
			v = h
		} else {
			return false, ""
		}
	}
	if !noun {
		// "threatened no country", "sent no troops"
		for _, o := range x.childrenRel(t, "obj") {
			for _, k := range x.kids[o] {
				if x.rel(k) == "det" && x.lower[k] == "no" {
					return true, ""
				}
			}
		}
	}
	for d := 0; d < 4 && v >= 0; d++ {
		for _, k := range x.kids[v] {
			r := x.rel(k)
			if (r == "advmod" || r == "neg" || r == "det" || r == "cc:preconj") && negators[x.lower[k]] {
				return true, ""
			}
		}
		h := x.head(v)
		r := x.rel(v)
		if h < 0 {
			break
		}
		switch {
		case r == "xcomp" && refusals[x.lemma(h)]:
			return true, "refused"
		case (r == "ccomp" || r == "xcomp" || r == "advcl") && x.lemma(h) == "deny":
			return true, "denied"
		case r == "xcomp" || r == "conj":
			v = h
		default:
			return false, ""
		}
	}
	return false, ""
}

// modality returns the modality of trigger t: "future", "possible",
// "hypothetical", "intended" or "".
func (x *articleIndex) modality(t int, noun bool) string {
	v := t
	if noun {
		if h := x.head(t); h >= 0 && (x.rel(t) == "obj" || baseRel(x.rel(t)) == "obl") {
			v = h
		} else {
			return ""
		}
	}
	mod := ""
	for d := 0; d < 5 && v >= 0; d++ {
		hasTo := false
		for _, k := range x.kids[v] {
			r := x.rel(k)
			if r == "mark" {
				switch x.lemma(k) {
				case "if", "unless", "whether":
					return "hypothetical"
				case "to":
					hasTo = true
				}
			}
			if r != "aux" {
				continue
			}
			switch x.lower[k] {
			case "will", "shall", "'ll", "wo", "’ll":
				if mod == "" {
					mod = "future"
				}
			case "would", "'d":
				// In a clause reported by a speech verb "would" is the
				// future of the past ("said it would not coordinate");
				// elsewhere it is conditional.
				if mod == "" {
					mod = "hypothetical"
					if x.speechHead(v) >= 0 {
						mod = "future"
					}
				}
			case "should", "must", "ought":
				if mod == "" {
					mod = "hypothetical"
				}
			case "could", "might", "may", "can", "ca":
				if mod == "" || mod == "hypothetical" {
					mod = "possible"
				}
			case "is", "are", "was", "were", "be", "am":
				if hasTo || x.hasMarkTo(v) {
					if mod == "" {
						mod = "future" // "is to meet"
					}
				}
			}
		}
		h := x.head(v)
		r := x.rel(v)
		if h < 0 {
			break
		}
		switch {
		case r == "xcomp" && x.lemma(h) == "have" && !x.hasMarkTo(v):
			v = h // "has threatened" parsed with "has" as the verb
		case r == "xcomp" && (intentions[x.lemma(h)] || x.lemma(h) == "go"):
			if mod == "" {
				mod = "intended"
				if x.lemma(h) == "go" {
					mod = "future"
				}
			}
			v = h
		case r == "xcomp" && x.lemma(h) == "be":
			if mod == "" {
				mod = "future"
			}
			v = h
		case r == "conj" || r == "xcomp":
			v = h
		case r == "advcl" && x.hasMarkTo(v) && intentions[x.lemma(h)] && x.upos(h) == "ADJ":
			// "committed to opening" parsed as an adverbial clause
			if mod == "" {
				mod = "intended"
			}
			v = h
		case r == "advcl":
			// conditionals are marked on the advcl itself (handled above)
			return mod
		default:
			return mod
		}
	}
	return mod
}

// complements returns t's infinitival complements: xcomp children and
// "to" clauses parsed as advcl.
func (x *articleIndex) complements(t int) []int {
	var out []int
	for _, k := range x.kids[t] {
		if r := x.rel(k); r == "xcomp" || (r == "advcl" && x.hasMarkTo(k)) {
			out = append(out, k)
		}
	}
	return out
}

func (x *articleIndex) hasMarkTo(v int) bool {
	for _, k := range x.kids[v] {
		if x.rel(k) == "mark" && x.lemma(k) == "to" {
			return true
		}
	}
	return false
}

// threatVerbs announce an act as a threat: "vowed to fight", "swore to
// attack".
var threatVerbs = set("threaten", "vow", "swear")

// threat returns the CAMEO threat code trigger t (of CAMEO root root)
// becomes, or "": an act made conditional on the target's behaviour
// ("will withdraw its force unless...") is a threat (139, an ultimatum),
// and force or violence (roots 15-20) announced with a threat verb that is
// no trigger itself ("threatened to launch an offensive") is a threat of
// force (138), as CAMEO codes both; a threat verb that is a trigger gets
// 138 through trigger.force.
func (x *articleIndex) threat(t int, root string, noun bool) string {
	v := t
	if noun {
		if h := x.head(t); h >= 0 && (x.rel(t) == "obj" || baseRel(x.rel(t)) == "obl") {
			v = h
		} else {
			return ""
		}
	}
	for _, k := range x.childrenRel(v, "advcl") {
		for _, m := range x.childrenRel(k, "mark") {
			if x.lemma(m) == "unless" {
				return "139"
			}
		}
	}
	if root < "15" || root > "20" {
		return ""
	}
	for d := 0; d < 3 && v >= 0; d++ {
		if x.rel(v) != "xcomp" {
			return ""
		}
		v = x.head(v)
		if v >= 0 && threatVerbs[x.lemma(v)] {
			return "138"
		}
	}
	return ""
}

// announcedThreat is the CAMEO threat code of an announced future act of
// root root, or "" when the root is not a hostile act: protest (133),
// reduced relations (131), coercion (132 administrative sanctions) and
// force (138).
func announcedThreat(root string) string {
	switch root {
	case "14":
		return "133"
	case "16":
		return "131"
	case "17":
		return "132"
	case "15", "18", "19", "20":
		return "138"
	}
	return ""
}

// conditionTarget returns the subject of a condition set on a threat or
// on an act made conditional ("unless Y resigns": an ultimatum to Y): an
// "if" or "unless" clause of trigger t or of its infinitival complement,
// when t is a threat (CAMEO 13) or the clause is "unless". A subject that
// is one of the sources is no target. For a threat whose condition the
// parse lost, the first actor within four words after a following "if"
// or "unless" is taken.
func (x *articleIndex) conditionTarget(t int, code string, srcs []model.Participant) (model.Participant, bool) {
	threat := len(code) >= 2 && code[:2] == "13"
	for _, v := range append([]int{t}, x.complements(t)...) {
		for _, k := range x.childrenRel(v, "advcl") {
			cond := ""
			for _, m := range x.childrenRel(k, "mark") {
				if l := x.lemma(m); l == "if" || l == "unless" {
					cond = l
				}
			}
			if cond == "" || (!threat && cond != "unless") {
				continue
			}
			for _, sj := range x.subjects(k, 0) {
				g, ok := x.participant(sj, true)
				if !ok || isSource(g, srcs) {
					continue
				}
				return g, true
			}
		}
	}
	if !threat {
		return model.Participant{}, false
	}
	// the parse lost the clause: the first actor named right after an
	// "if" or "unless" that follows the threat, in its sentence
	si := x.sentenceOf(t)
	if si < 0 {
		return model.Participant{}, false
	}
	end := x.a.Sentences[si].EndToken
	for i := t + 1; i < end; i++ {
		if l := x.lower[i]; l != "if" && l != "unless" {
			continue
		}
		for j := i + 1; j < end && j <= i+4; j++ {
			if mi := x.mention[j]; mi >= 0 && x.a.Mentions[mi].Actor != "" {
				m := x.a.Mentions[mi]
				g := model.Participant{Code: m.Actor, Sector: m.Sector, Text: m.Text, Span: m.Span}
				if !isSource(g, srcs) {
					return g, true
				}
			}
		}
		break
	}
	return model.Participant{}, false
}

// conflictNouns name the fighting a show of force prepares.
var conflictNouns = set("war", "attack", "offensive", "invasion", "strike", "operation", "campaign", "assault",
	"confrontation", "conflict", "fight", "battle", "incursion")

// postureTarget returns the adversary of a show of force (CAMEO 15) named
// in the fighting it prepares: "mobilised reservists for a possible war
// against Y", "massed troops for an offensive on Y".
func (x *articleIndex) postureTarget(t int, srcs []model.Participant) (model.Participant, bool) {
	var nouns []int
	for _, k := range x.kids[t] {
		if b := baseRel(x.rel(k)); (b == "obl" || b == "nmod") && x.caseOf(k) == "for" && conflictNouns[x.lemma(k)] {
			nouns = append(nouns, k)
		}
	}
	for _, o := range x.childrenRel(t, "obj") {
		for _, k := range x.childrenRel(o, "nmod") {
			if x.caseOf(k) == "for" && conflictNouns[x.lemma(k)] {
				nouns = append(nouns, k)
			}
		}
	}
	for _, n := range nouns {
		for _, k := range x.kids[n] {
			if b := baseRel(x.rel(k)); b != "nmod" && b != "obl" {
				continue
			}
			switch x.caseOf(k) {
			case "against", "on", "with":
				if g, ok := x.participant(k, true); ok && !isSource(g, srcs) {
					return g, true
				}
			}
		}
	}
	return model.Participant{}, false
}

// isSource reports whether g is one of the sources (same code and span, or
// same code and sector).
func isSource(g model.Participant, srcs []model.Participant) bool {
	for _, s := range srcs {
		if s.Code == g.Code && (s.Span == g.Span || s.Sector == g.Sector) {
			return true
		}
	}
	return false
}

// protestObjects are nouns whose phrase names what a protest is against
// ("in protest against Y", "in defiance of Y", "their anger at Y").
var protestObjects = set("protest", "defiance", "opposition", "anger", "outrage", "disapproval", "solidarity", "response",
	"retaliation", "support", "condemnation", "demonstration", "rally", "march", "strike")

// protestTarget returns the actor a protest with no target phrase is
// aimed at, from its purpose ("blocked roads to protest Y's decision",
// "to show their anger at Y") or an "in protest/defiance of" phrase: the
// first resolved actor in the object or against/at/over/of/for phrases of
// those, other than the sources.
func (x *articleIndex) protestTarget(t int, noun bool, srcs []model.Participant) (model.Participant, bool) {
	v := t
	if noun {
		if h := x.head(t); h >= 0 {
			v = h
		}
	}
	var cands []int
	addArgs := func(n int, objs bool) {
		for _, k := range x.kids[n] {
			r := x.rel(k)
			switch {
			case objs && r == "obj":
				cands = append(cands, k)
			case baseRel(r) == "obl" || baseRel(r) == "nmod":
				switch x.caseOf(k) {
				case "against", "at", "over", "of", "for", "toward", "towards":
					cands = append(cands, k)
				}
			}
		}
	}
	heads := []int{t, v}
	for _, o := range x.childrenRel(v, "obj") {
		heads = append(heads, o) // a purpose clause the parser hung on the object
	}
	for _, n := range heads {
		for _, k := range x.kids[n] {
			r := x.rel(k)
			switch {
			case (r == "advcl" || r == "xcomp" || r == "acl") && x.hasMarkTo(k):
				addArgs(k, true)
				for _, o := range x.childrenRel(k, "obj") {
					if protestObjects[x.lemma(o)] {
						addArgs(o, false)
					}
				}
			case (baseRel(r) == "obl" || baseRel(r) == "nmod") && protestObjects[x.lemma(k)]:
				addArgs(k, false)
			}
		}
	}
	for _, c := range cands {
		if g, ok := x.participant(c, true); ok && !isSource(g, srcs) {
			return g, true
		}
	}
	return model.Participant{}, false
}

// domesticRoot reports whether pattern code code is one of material
// conflict or protest (CAMEO 14–20), acts that are often domestic, even
// when announced (and so coded as a threat).
func domesticRoot(code string) bool {
	return len(code) >= 2 && code[:2] >= "14" && code[:2] <= "20"
}

// refusalCode is the CAMEO code a negated cooperation becomes when its
// source asserts it: the refusal of that kind of cooperation.
func refusalCode(root string) string {
	switch root {
	case "04":
		return "125" // reject proposal to meet, discuss, negotiate
	case "06":
		return "121" // reject material cooperation
	case "07":
		return "122" // reject request for material aid
	case "08":
		return "124" // decline to yield
	default:
		return "120" // reject
	}
}

// intentCode is the CAMEO 03x code for an announced cooperation of root.
func intentCode(root string) string {
	switch root {
	case "04":
		return "036" // express intent to meet or negotiate
	case "05":
		return "032" // express intent to engage in diplomatic cooperation
	case "06":
		return "031" // express intent to engage in material cooperation
	case "07":
		return "033" // express intent to provide material aid
	default:
		return "035" // express intent to yield
	}
}

// location returns the place an "in"/"at" oblique of t names, if it is a
// location mention.
func (x *articleIndex) location(t int) string {
	for _, k := range x.kids[t] {
		switch baseRel(x.rel(k)) {
		case "obl", "nmod":
		default:
			continue
		}
		if cs := x.caseOf(k); cs != "in" && cs != "at" && cs != "near" {
			continue
		}
		if mi := x.mention[k]; mi >= 0 && x.a.Mentions[mi].Kind == "LOC" {
			return x.a.Mentions[mi].Text
		}
	}
	return ""
}

// emit builds the events of one trigger.
func (c *Coder) emit(x *articleIndex, si int, tr trigger, seen map[string]bool) {
	a := x.a
	t, p := tr.tok, tr.pat
	var srcArgs []int
	if p.Noun {
		srcArgs = x.nounSources(t, p, tr.mod)
	} else {
		srcArgs = x.subjects(t, 0)
	}
	roleSrc, roleTgt := x.roleTokens(a.Sentences[si], t, p)
	if roleSrc >= 0 {
		srcArgs = []int{roleSrc}
	}
	srcs, _ := x.resolveArgs(srcArgs, t, true)
	if len(srcs) == 0 && len(srcArgs) == 0 && !p.Noun && !x.passive(t) {
		// (not for a passive with no agent: the actor before it is the patient)
		if m := x.leftActor(a.Sentences[si], t); m >= 0 {
			srcs, _ = x.resolveArgs([]int{m}, t, true)
		}
	}
	if !p.Noun {
		if g, ok := x.collective(srcArgs); ok {
			srcs = append(srcs, g)
		}
	}
	if len(srcs) == 0 {
		return
	}
	tgtArgs := x.targetArgs(t, p, tr.mod)
	if roleTgt >= 0 {
		tgtArgs = []int{roleTgt}
	}
	tgts, unres := x.resolveArgs(tgtArgs, t, false)
	if len(p.Code) >= 2 && p.Code[:2] >= "03" && p.Code[:2] <= "07" {
		// "X's diplomats met President Y": the title rule's one state
		// is the diplomats' own, but meetings and cooperation are
		// mostly across borders, so the office-holder stays unresolved
		kept := tgts[:0]
		for _, g := range tgts {
			if x.untitled(g.Span) && len(srcs) > 0 && g.Code == srcs[0].Code {
				unres = append(unres, model.Participant{Text: g.Text, Span: g.Span})
				continue
			}
			kept = append(kept, g)
		}
		tgts = kept
	}
	if len(tgts) == 0 && len(p.Code) >= 2 && p.Code[:2] == "12" && !p.Noun {
		if g, ok := x.proposer(si, t, srcs); ok {
			tgts = []model.Participant{g}
		}
	}
	if len(tgts) == 0 && !p.Noun {
		// "threatened to stop the talks if Y goes ahead", "will boycott
		// unless Y resigns": the one the condition names
		if g, ok := x.conditionTarget(t, p.Code, srcs); ok {
			tgts = []model.Participant{g}
		}
	}
	if len(tgts) == 0 && len(p.Code) >= 2 && p.Code[:2] == "15" {
		// "mobilised reservists for a war against Y"
		if g, ok := x.postureTarget(t, srcs); ok {
			tgts = []model.Participant{g}
		}
	}
	if len(tgts) == 0 && len(p.Code) >= 2 && p.Code[:2] == "14" {
		// "blocked roads to protest Y's policy", "rallied in defiance of Y"
		if g, ok := x.protestTarget(t, p.Noun, srcs); ok {
			tgts = []model.Participant{g}
		}
	}
	negated, how := x.negation(t, p.Noun)
	if len(tgts) == 0 {
		if len(srcs) > 1 && (p.Mutual || x.reciprocal(t, p.Code)) {
			tgts = srcs
		} else if c.requireTarget {
			return
		} else if g, ok := x.domestic(p.Code, tgtArgs, srcs[0]); ok {
			tgts = []model.Participant{g}
		} else if g, ok := internalTarget(p.Code, srcs[0]); ok && !negated && (len(unres) == 0 || !x.actorLike(unres[0].Span)) {
			// (An act that did not happen names no one it was done to:
			// "officials did not condemn", "cannot waive sanctions" are
			// no domestic events.)
			tgts = []model.Participant{g}
		} else if g, ok := x.onlyState(si, t, p.Code, srcs[0]); ok && !negated && (len(unres) == 0 || !x.actorLike(unres[0].Span)) {
			tgts = []model.Participant{g}
		} else if p.Noun && (len(unres) == 0 || !x.actorLike(unres[0].Span)) {
			return // an event noun with no one acted on is too often no event
		} else if len(unres) > 0 {
			tgts = unres[:1]
		} else {
			tgts = []model.Participant{{Span: model.NoSpan}}
		}
	}
	modality := x.modality(t, p.Noun)
	code := p.Code
	root := code
	if len(root) > 2 {
		root = root[:2]
	}
	if !c.literal && !negated {
		if tr.force {
			code, root, modality = "138", "13", ""
		} else if root != "13" {
			if tc := x.threat(t, root, p.Noun); tc != "" {
				code, root, modality = tc, "13", ""
			}
		}
	}
	if negated && !c.literal {
		switch {
		case how == "denied":
			modality = "denied"
		case how == "" && modality != "hypothetical" && modality != "possible" && root >= "03" && root <= "08" &&
			(modality == "future" || x.quoteAt(a.Tokens[t].Span) >= 0 || x.speechHead(t) >= 0):
			// A stated "we will not coordinate" is a refusal, not a
			// cooperation (a reported "has not sent aid" stays a negated
			// event).
			code, negated, modality = refusalCode(root), false, ""
		case how == "refused" && root >= "03" && root <= "08":
			code, negated, modality = refusalCode(root), false, ""
		}
	}
	if !negated && !c.literal && modality == "future" && root != "13" && (x.speechHead(t) >= 0 || x.quoteAt(a.Tokens[t].Span) >= 0) {
		if tc := announcedThreat(root); tc != "" {
			// "said they would boycott", "will blockade the capital": an
			// announced act of protest, sanction, coercion or force is
			// coded by CAMEO as the threat of it
			code, root, modality = tc, "13", ""
		}
	}
	if !negated && !c.literal && (modality == "future" || modality == "intended") && len(code) >= 2 && code[:2] >= "04" && code[:2] <= "08" {
		// CAMEO and PLOVER code announced cooperation as intent to
		// cooperate ("will meet" is 036, PLOVER AGREE).
		code = intentCode(code[:2])
	}
	if !c.keepUntargeted && tgts[0].Code == "" && len(code) >= 2 && needsTarget(code[:2]) && !x.actorLike(tgts[0].Span) {
		return // "X rejected the plan", "X held talks": no second actor
	}
	k, known := c.codes[code]
	if !known {
		k = Code{CAMEO: code}
		if len(code) >= 2 {
			k.Quad = quadOf(code[:2])
		}
	}
	mode := k.Mode
	switch {
	case negated:
		mode = "negated"
	case modality == "future" || modality == "intended":
		mode = "future"
	case modality == "hypothetical" || modality == "possible":
		mode = "hypothetical"
	}
	tspan := a.Tokens[t].Span
	if tr.mod >= 0 && tr.mod < len(a.Tokens) {
		ms := a.Tokens[tr.mod].Span
		if tr.mod == t-1 || tr.mod == t+1 {
			tspan = model.Span{Start: min(tspan.Start, ms.Start), End: max(tspan.End, ms.End)}
		}
	}
	date := timex.EventDate(a, t)
	quote := ""
	if qi := x.quoteAt(tspan); qi >= 0 {
		quote = a.Quotes[qi].ID
	}
	loc := x.location(t)
	if loc == "" && p.Noun {
		if h := x.head(t); h >= 0 {
			loc = x.location(h)
		}
	}
	for _, s := range srcs {
		for _, g := range tgts {
			if g.Code != "" && g.Code == s.Code && (g.Sector == s.Sector || g.Span == s.Span) && k.Quad != 4 && !domesticRoot(p.Code) {
				continue // self-event
			}
			if g.Span == s.Span && g.Code != "" {
				continue
			}
			key := strings.Join([]string{strconv.Itoa(t), s.Code, s.Span.String(), g.Code, g.Span.String()}, "|")
			if seen[key] {
				continue
			}
			seen[key] = true
			a.Events = append(a.Events, model.Event{
				Sentence: si, Span: a.Sentences[si].Span,
				Trigger: tspan.In(a.Text), TriggerSpan: tspan,
				Source: s, Target: g,
				CAMEO: code, Root: k.Root(), PLOVER: k.PLOVER, Mode: mode,
				Goldstein: k.Goldstein, Quad: k.Quad,
				Negated: negated, Modality: modality,
				Date: date.Value, DatePrecision: date.Precision, DateBasis: date.Basis, DateSpan: date.Span,
				Location: loc, Quote: quote,
			})
		}
	}
}

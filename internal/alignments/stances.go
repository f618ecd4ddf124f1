package alignments

import (
	"sort"
	"strings"
)

// Token is one token of a sentence: its byte span in the article text and
// its text.
type Token struct {
	Start, End int
	Text       string
}

// Mention is an actor mention: byte span, text, resolved actor code ("" if
// unresolved) and the person it names, if any.
type Mention struct {
	Start, End int
	Text       string
	Actor      string
	Person     string
}

// Quote is a quote's content span with its speaker's actor and name; a
// first-person pronoun inside it ("we") stands for the speaker.
type Quote struct {
	Start, End int
	Actor      string
	Person     string
}

// Sentence is one sentence with what the stance rules read: tokens,
// mentions and quotes, all with byte spans into the article text.
type Sentence struct {
	Article string
	// Date is the article's publication date (YYYY-MM-DD or "").
	Date     string
	Start    int
	End      int
	Tokens   []Token
	Mentions []Mention
	Quotes   []Quote
}

// Stance kinds.
const (
	Join        = "join"        // joins, attends, takes part
	Lead        = "lead"        // leads, builds, hosts
	Support     = "support"     // supports, backs, pledges to
	Refuse      = "refuse"      // refuses, rejects, opposes
	Excluded    = "excluded"    // is excluded, not invited, kept out (By: who)
	Conditional = "conditional" // takes part only if On is absent/present
	Invited     = "invited"     // is invited or urged to take part (By: who)
)

// Stance is one actor's stance toward an initiative, read from one
// sentence.
type Stance struct {
	Initiative string `json:"initiative"`
	Actor      string `json:"actor"`
	Kind       string `json:"kind"`
	// On and Condition qualify a conditional stance: the actor takes
	// part only if On is "absent" (or "present").
	On        string `json:"on,omitempty"`
	Condition string `json:"condition,omitempty"`
	// By is who excludes or invites the actor.
	By string `json:"by,omitempty"`
	// Person is the person the text names as holding the stance.
	Person   string   `json:"person,omitempty"`
	Cue      string   `json:"cue"`
	Date     string   `json:"date,omitempty"`
	Evidence Evidence `json:"evidence"`
}

// Tie is one signed tie a stance adds to the network.
type Tie struct {
	A, B   string
	Weight float64
}

// Ties returns the network ties a stance implies: joining, leading or
// supporting an initiative ties the actor to it; refusing or being
// excluded repels; a condition on another actor's absence is membership
// plus distance from that actor. Urging a third party to join, support or
// cooperate with an initiative is the caller's support for it (+0.6,
// more than the invitee's tie: the caller is committed, the invitee only
// asked) and a weak tie to the invitee (+0.2, what an appeal weighs as a
// quad-1 event at half weight, so an appeal does not pull the caller into
// the invitee's camp); excluding someone is a negative tie to them.
func (s Stance) Ties() []Tie {
	in := s.Initiative
	switch s.Kind {
	case Lead:
		return []Tie{{s.Actor, in, 0.8}}
	case Join:
		return []Tie{{s.Actor, in, 0.6}}
	case Support:
		return []Tie{{s.Actor, in, 0.5}}
	case Refuse:
		return []Tie{{s.Actor, in, -0.6}}
	case Excluded:
		t := []Tie{{s.Actor, in, -0.4}}
		if s.By != "" {
			t = append(t, Tie{s.By, s.Actor, -0.3}, Tie{s.By, in, 0.3})
		}
		return t
	case Conditional:
		t := []Tie{{s.Actor, in, 0.5}}
		if s.On != "" {
			w := -0.5
			if s.Condition == "present" {
				w = 0.5
			}
			t = append(t, Tie{s.Actor, s.On, w})
		}
		return t
	case Invited:
		if s.By != "" {
			return []Tie{{s.By, s.Actor, 0.2}, {s.By, in, 0.6}}
		}
	}
	return nil
}

// Initiative heads: nouns that name a group or a gathering of actors.
var strongHeads = map[string]string{
	"coalition": "coalition", "coalitions": "coalition", "alliance": "alliance", "alliances": "alliance",
	"conference": "conference", "conferences": "conference", "meeting": "meeting", "summit": "summit",
	"campaign": "campaign", "bloc": "bloc", "front": "front",
}

// Weak heads name a joint effort only with an explicit adversary
// ("the fight against X").
var weakHeads = map[string]bool{"fight": true, "war": true, "effort": true, "efforts": true, "action": true, "battle": true}

// targetCues introduce the adversary an initiative is formed against.
var targetCues = map[string]bool{"against": true, "fight": true, "defeat": true, "counter": true, "combat": true,
	"confront": true, "destroy": true}

// Cue classes, by word form (the rules run without a parse).
var cueForms = map[string]string{}

func addForms(class string, forms ...string) {
	for _, f := range forms {
		cueForms[f] = class
	}
}

func init() {
	addForms(Join, "join", "joins", "joined", "joining", "participate", "participates", "participated", "participating",
		"attend", "attends", "attended", "attending", "volunteer", "volunteered", "enter", "entered")
	addForms(Lead, "build", "builds", "building", "built", "lead", "leads", "leading", "host", "hosts", "hosted", "hosting",
		"convene", "convened", "convenes", "organise", "organised", "organize", "organized", "opened", "forge", "forged", "form", "formed", "forming")
	addForms(Support, "support", "supports", "supported", "supporting", "backed", "backing",
		"endorse", "endorsed", "endorses", "pledge", "pledged", "pledges", "welcome", "welcomed", "welcomes")
	addForms(Refuse, "refuse", "refused", "refuses", "refusing", "reject", "rejected", "rejects", "rejecting",
		"decline", "declined", "declines", "oppose", "opposed", "opposes", "opposition", "boycott", "boycotted",
		"boycotting", "veto", "vetoed", "spurn", "spurned", "rebuff", "rebuffed", "snub", "snubbed", "shun", "shunned")
	addForms(Excluded, "exclude", "excluded", "excludes", "excluding", "exclusion", "bar", "barred", "bars", "ban", "banned",
		"shut", "kept", "keep", "keeps", "left")
	addForms(Invited, "invite", "invited", "invites", "inviting", "invitation", "urge", "urged", "urges", "press", "pressed",
		"presses", "insist", "insisted", "insists", "want", "wanted", "wants", "call", "called", "calls", "ask", "asked", "asks",
		"regret", "regrets", "regretted", "deplore", "deplored", "hoped", "hope", "hopes", "like",
		"appealed", "encourage", "encouraged", "encourages")
}

// participation words: a stance cue that is one of these, or governs one,
// is about taking part even when the sentence names no initiative.
var participation = map[string]bool{"join": true, "joins": true, "joined": true, "joining": true, "participate": true,
	"participates": true, "participated": true, "participating": true, "attend": true, "attends": true, "attended": true,
	"attending": true, "present": true, "part": true, "member": true, "invite": true, "invited": true, "exclude": true,
	"excluded": true, "absence": true, "attendance": true, "cooperate": true, "cooperative": true, "presence": true,
	"offer": true, "appeal": true, "request": true, "requests": true, "invitation": true, "cooperation": true}

var negators = map[string]bool{"not": true, "n't": true, "never": true, "no": true, "nor": true, "neither": true}

var auxiliaries = map[string]bool{"is": true, "are": true, "was": true, "were": true, "be": true, "been": true, "being": true,
	"has": true, "have": true, "had": true, "will": true, "would": true, "could": true, "should": true, "may": true,
	"might": true, "can": true, "did": true, "does": true, "do": true, "must": true, "shall": true}

var prepositions = map[string]bool{"to": true, "in": true, "at": true, "from": true, "on": true, "into": true, "with": true,
	"against": true, "for": true, "of": true, "by": true, "toward": true, "towards": true, "over": true, "about": true,
	"alongside": true, "than": true}

// holderStops end the backward search for the holder of a cue: a new
// clause or reported speech begins after them.
var holderStops = map[string]bool{"said": true, "says": true, "told": true, "that": true, "which": true, "who": true,
	"because": true, "when": true, "but": true, "while": true, "whereas": true, ";": true, ":": true, "if": true,
	"unless": true, "“": true, "”": true, "\"": true}

var conditionWords = map[string]bool{"if": true, "unless": true, "provided": true, "long": true}

var presenceWords = map[string]bool{"present": true, "there": true, "attended": true, "attends": true, "attend": true,
	"attending": true, "invited": true, "included": true, "participated": true, "participates": true, "participating": true,
	"part": true, "involved": true, "admitted": true}

var communication = map[string]bool{"told": true, "informed": true, "assured": true, "warned": true, "notified": true,
	"reminded": true, "promised": true, "advised": true}

var firstPerson = map[string]bool{"we": true, "our": true, "us": true, "i": true, "my": true, "me": true}

// sent wraps a sentence with lower-cased tokens and the mention covering
// each token.
type sent struct {
	Sentence
	low  []string
	ment []int // index into Mentions of the mention starting at token i, else -1
	in   []int // index of the mention covering token i, else -1
}

func newSent(s Sentence) *sent {
	x := &sent{Sentence: s, low: make([]string, len(s.Tokens)), ment: make([]int, len(s.Tokens)), in: make([]int, len(s.Tokens))}
	for i, t := range s.Tokens {
		x.low[i] = strings.ToLower(strings.ReplaceAll(t.Text, "’", "'"))
		x.ment[i], x.in[i] = -1, -1
		for k, m := range s.Mentions {
			if t.Start >= m.Start && t.End <= m.End {
				x.in[i] = k
				if x.ment[i] < 0 && (i == 0 || s.Tokens[i-1].End <= m.Start) {
					x.ment[i] = k
				}
			}
		}
	}
	return x
}

// mentionStart returns the first token of mention k.
func (x *sent) mentionStart(k int) int {
	for i := range x.Tokens {
		if x.in[i] == k {
			return i
		}
	}
	return -1
}

// actorOf returns the actor and person a mention stands for; first-person
// pronouns inside a quote stand for its speaker.
func (x *sent) actorOf(k int) (string, string) {
	m := x.Mentions[k]
	if m.Actor != "" {
		return m.Actor, m.Person
	}
	return "", ""
}

// quoteSpeaker returns the speaker of a quote covering token i.
func (x *sent) quoteSpeaker(i int) (string, string) {
	t := x.Tokens[i]
	for _, q := range x.Quotes {
		if t.Start >= q.Start && t.End <= q.End && q.Actor != "" {
			return q.Actor, q.Person
		}
	}
	return "", ""
}

type holder struct{ actor, person string }

// group collects the mention ending just before token i (skipping
// auxiliaries, negators and adverbs) and the mentions conjoined with it
// ("X, Y and Z").
func (x *sent) group(i int) []holder {
	var out []holder
	j := i - 1
	for j >= 0 && x.in[j] < 0 && (auxiliaries[x.low[j]] || negators[x.low[j]] || strings.HasSuffix(x.low[j], "ly")) {
		j--
	}
	for j >= 0 && x.in[j] >= 0 {
		k := x.in[j]
		if a, p := x.actorOf(k); a != "" {
			out = append(out, holder{a, p})
		} else if len(out) == 0 {
			return nil
		}
		j = x.mentionStart(k) - 1
		if j >= 0 && x.low[j] == "the" {
			j--
		}
		if j >= 1 && (x.low[j] == "and" || x.low[j] == "," || x.low[j] == "or") {
			j--
			if j >= 0 && x.low[j] == "," {
				j--
			}
			if j >= 0 && x.low[j] == "the" {
				j--
			}
			continue
		}
		break
	}
	return out
}

// subjectGroup returns the actors mentioned before the sentence's first
// auxiliary or communication verb: the subject of the main clause.
func (x *sent) subjectGroup() []holder {
	var out []holder
	seen := map[string]bool{}
	for i := range x.Tokens {
		if x.in[i] < 0 && (auxiliaries[x.low[i]] || communication[x.low[i]] || holderStops[x.low[i]]) {
			break
		}
		if k := x.ment[i]; k >= 0 {
			if a, p := x.actorOf(k); a != "" && !seen[a] {
				seen[a] = true
				out = append(out, holder{a, p})
			}
		}
	}
	return out
}

// holders finds who holds the stance expressed at token i: the nearest
// mention before it in the same clause that is not the object of a
// preposition (a possessive counts: "X's efforts to build"), with its
// conjuncts; a pronoun right after "told/informed Y that" stands for the
// main clause's subject; a first-person pronoun, or no mention at all,
// inside a quote stands for the quote's speaker.
func (x *sent) holders(i int) []holder {
	for j := i - 1; j >= 0; j-- {
		if x.in[j] < 0 {
			if firstPerson[x.low[j]] {
				if a, p := x.quoteSpeaker(j); a != "" {
					return []holder{{a, p}}
				}
			}
			if (x.low[j] == "that" || x.low[j] == "who" || x.low[j] == "which") && j > 0 && x.in[j-1] >= 0 {
				// "X that had refused", "it was X who joined": the antecedent.
				if a, p := x.actorOf(x.in[j-1]); a != "" {
					return []holder{{a, p}}
				}
			}
			if holderStops[x.low[j]] {
				break
			}
			continue
		}
		k := x.in[j]
		st := x.mentionStart(k)
		possessive := j+1 < len(x.low) && (x.low[j+1] == "'s" || x.low[j+1] == "'")
		if st > 0 && prepositions[x.low[st-1]] && !possessive {
			j = st
			continue
		}
		m := x.Mentions[k]
		low := strings.ToLower(m.Text)
		if firstPerson[low] {
			if a, p := x.quoteSpeaker(j); a != "" {
				return []holder{{a, p}}
			}
		}
		if isPronoun(low) && st >= 2 && x.low[st-1] == "that" && x.in[st-2] >= 0 {
			ms := x.mentionStart(x.in[st-2])
			if ms > 0 && x.low[ms-1] == "the" {
				ms--
			}
			if ms > 0 && communication[x.low[ms-1]] {
				return x.subjectGroup()
			}
		}
		if a, p := x.actorOf(k); a != "" {
			g := x.group(j + 1)
			if len(g) == 0 {
				g = []holder{{a, p}}
			}
			return g
		}
		return nil
	}
	return nil
}

func isPronoun(s string) bool {
	switch s {
	case "he", "she", "they", "it", "we", "i", "them", "him", "her", "us":
		return true
	}
	return false
}

// nextMentions returns the actors of the mentions after token i up to the
// clause end (at most within 8 tokens), with conjuncts.
func (x *sent) nextMentions(i int) (out []string, last int) {
	last = i
	for j := i + 1; j < len(x.Tokens) && j <= i+8; j++ {
		if x.in[j] < 0 {
			if len(out) > 0 && !(x.low[j] == "and" || x.low[j] == "," || x.low[j] == "or" || x.low[j] == "the") {
				break
			}
			if holderStops[x.low[j]] || x.low[j] == "." {
				break
			}
			continue
		}
		k := x.in[j]
		if a, _ := x.actorOf(k); a != "" && (len(out) == 0 || out[len(out)-1] != a) {
			out = append(out, a)
		}
		for j+1 < len(x.Tokens) && x.in[j+1] == k {
			j++
		}
		last = j
	}
	return out, last
}

func (x *sent) negatedAt(i int) bool {
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		if negators[x.low[j]] {
			return true
		}
		if !(auxiliaries[x.low[j]] || strings.HasSuffix(x.low[j], "ly") || x.low[j] == "to") {
			break
		}
	}
	return false
}

func (x *sent) passiveAt(i int) bool {
	w := x.low[i]
	if !strings.HasSuffix(w, "ed") && w != "kept" && w != "left" && w != "shut" {
		return false
	}
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		switch {
		case x.low[j] == "was" || x.low[j] == "were" || x.low[j] == "been" || x.low[j] == "be" || x.low[j] == "is" || x.low[j] == "are" || x.low[j] == "being":
			return true
		case negators[x.low[j]] || strings.HasSuffix(x.low[j], "ly"):
		default:
			return false
		}
	}
	return false
}

// inCondition reports whether token i stands in an if/unless clause.
func (x *sent) inCondition(i int) bool {
	for j := i - 1; j >= 0; j-- {
		if x.low[j] == "if" || x.low[j] == "unless" {
			return true
		}
		if x.low[j] == "," || x.low[j] == ";" || x.low[j] == "then" || x.low[j] == "that" {
			return false
		}
	}
	return false
}

// condition looks after token i for "if/unless X is (not) present": it
// returns X and "absent" when the holder takes part only without X.
func (x *sent) condition(i int, negated bool) (on, cond string) {
	for j := i + 1; j < len(x.Tokens) && j <= i+10; j++ {
		if !conditionWords[x.low[j]] || x.in[j] >= 0 {
			continue
		}
		if x.low[j] == "long" && !(j > 0 && x.low[j-1] == "as") {
			continue
		}
		actors, last := x.nextMentions(j)
		if len(actors) == 0 {
			return "", ""
		}
		neg := false
		present := false
		for k := last + 1; k < len(x.Tokens) && k <= last+4; k++ {
			if negators[x.low[k]] {
				neg = true
			}
			if presenceWords[x.low[k]] {
				present = true
			}
			if x.low[k] == "absent" || x.low[k] == "excluded" {
				present, neg = true, !neg
			}
		}
		if !present {
			return "", ""
		}
		// Takes part (not negated) if X present (not negated): wants X.
		wantsPresent := negated == neg
		if x.low[j] == "unless" {
			wantsPresent = !wantsPresent
		}
		if wantsPresent {
			return actors[0], "present"
		}
		return actors[0], "absent"
	}
	return "", ""
}

// initiativeRef is an initiative mention in a sentence.
type initiativeRef struct {
	head   string // coalition, conference...
	target string // actor code it is against, or ""
	leader []string
	weak   bool
	pos    int // token index of the head
	end    int // last token of "HEAD against X" (pos without an adversary)
}

// refs finds initiative mentions: strong heads, and weak heads ("the fight
// against X") with an explicit adversary.
func (x *sent) refs(text string) []initiativeRef {
	var out []initiativeRef
	for i, w := range x.low {
		h, strong := strongHeads[w]
		if !strong && !weakHeads[w] {
			continue
		}
		if x.in[i] >= 0 {
			continue
		}
		r := initiativeRef{head: h, weak: !strong, pos: i, end: i}
		// Adversary: "against X", "to fight X", "anti-X".
		for j := i + 1; j < len(x.Tokens) && j <= i+6; j++ {
			if targetCues[x.low[j]] {
				r.target = x.firstActor(j)
				if r.target != "" && i+1 < len(x.low) && x.low[i+1] == "against" {
					_, r.end = x.nextMentions(j)
				}
				break
			}
			if holderStops[x.low[j]] || x.low[j] == "." {
				break
			}
		}
		for j := i - 1; j >= 0 && j >= i-4; j-- {
			lo := x.low[j]
			if strings.HasPrefix(lo, "anti") && r.target == "" {
				for k := j; k < i; k++ {
					if x.in[k] >= 0 {
						if a, _ := x.actorOf(x.in[k]); a != "" {
							r.target = a
						}
					}
				}
			}
			// "X-led": the mention ends where "-led" begins.
			if strings.HasSuffix(lo, "led") && x.Tokens[j].Start > 0 {
				for k := range x.Mentions {
					m := x.Mentions[k]
					if m.Actor != "" && m.End <= x.Tokens[j].End && m.End >= x.Tokens[j].Start-1 {
						if rel := text[m.End:x.Tokens[j].End]; rel == "-led" || rel == "led" {
							r.leader = append(r.leader, m.Actor)
						}
					}
				}
			}
		}
		if r.weak && r.target == "" {
			continue
		}
		out = append(out, r)
	}
	return out
}

// Initiative is a group or gathering the text treats as an actor: the
// coalition against an adversary, with the meetings that gather it.
type Initiative struct {
	ID     string `json:"id"`
	Label  string `json:"label"`
	Target string `json:"target,omitempty"`
	// Mentions counts the sentences that refer to it.
	Mentions int `json:"mentions"`
}

// Stances finds initiatives and the stances actors take toward them in
// sentences. text maps article IDs to their text (for "X-led"). An
// initiative is identified by the adversary it is formed against ("the
// coalition against X" and "the conference on coordinating the fight
// against X" are one initiative, "against-X"); a reference without an
// adversary ("the conference", "the alliance") is the article's most
// referred-to initiative, else the input's. Stances are read by rules over
// word forms and mentions, not from a parse:
//
//   - join, take part, attend, participate, volunteer; negated: refuse;
//     with "if/unless X is (not) present": conditional on X;
//   - X-led, build, lead, host, convene: lead; support, back, pledge: support;
//   - refuse, reject, decline, oppose, boycott, veto: refuse (a join cue it
//     governs is part of the refusal);
//   - exclude, bar, keep out, "was not invited": excluded (By: the active
//     subject); invite, urge, press, call on, insist, want X to take part,
//     regret X's absence: X invited, By the holder;
//   - a cue inside an if/unless clause is hypothetical and skipped.
//
// A stance needs an initiative reference in its sentence, or a
// participation word (join, attend, present, invite...) at the cue.
func Stances(sentences []Sentence, text map[string]string) ([]Initiative, []Stance) {
	type sref struct {
		x    *sent
		refs []initiativeRef
	}
	all := make([]sref, 0, len(sentences))
	perArticle := map[string]map[string]int{}
	total := map[string]int{}
	heads := map[string]map[string]int{}
	for _, s := range sentences {
		x := newSent(s)
		rs := x.refs(text[s.Article])
		all = append(all, sref{x, rs})
		for _, r := range rs {
			if r.target == "" {
				continue
			}
			if perArticle[s.Article] == nil {
				perArticle[s.Article] = map[string]int{}
			}
			perArticle[s.Article][r.target]++
			total[r.target]++
			if heads[r.target] == nil {
				heads[r.target] = map[string]int{}
			}
			if !r.weak {
				heads[r.target][r.head]++
			}
		}
	}
	dominant := func(m map[string]int) string {
		best, bn := "", 0
		for k, n := range m {
			if n > bn || (n == bn && k < best) {
				best, bn = k, n
			}
		}
		return best
	}
	globalTarget := dominant(total)
	resolve := func(article string, r *initiativeRef) string {
		t := ""
		if r != nil {
			t = r.target
		}
		if t == "" {
			t = dominant(perArticle[article])
		}
		if t == "" {
			t = globalTarget
		}
		if t == "" {
			if r != nil && r.head != "" {
				return "the-" + r.head
			}
			return "the-initiative"
		}
		return "against-" + t
	}
	inits := map[string]*Initiative{}
	var stances []Stance
	for _, sr := range all {
		x := sr.x
		seenInit := map[string]bool{}
		for i := range sr.refs {
			id := resolve(x.Article, &sr.refs[i])
			if !seenInit[id] {
				seenInit[id] = true
				ini := inits[id]
				if ini == nil {
					ini = &Initiative{ID: id}
					inits[id] = ini
				}
				ini.Mentions++
			}
		}
		var main *initiativeRef
		for i := range sr.refs {
			if !sr.refs[i].weak || main == nil {
				if main == nil || (main.weak && !sr.refs[i].weak) || (main.target == "" && sr.refs[i].target != "") {
					main = &sr.refs[i]
				}
			}
		}
		ev := Evidence{Article: x.Article, Start: x.Start, End: x.End}
		emit := func(s Stance) {
			s.Date, s.Evidence = x.Date, ev
			if s.Initiative == "" {
				s.Initiative = resolve(x.Article, main)
			}
			if s.Actor == "" || s.Actor == s.By || s.Actor == s.On {
				return
			}
			if inits[s.Initiative] == nil {
				inits[s.Initiative] = &Initiative{ID: s.Initiative}
			}
			stances = append(stances, s)
		}
		// Members named by apposition, copula or example.
		for ri := range sr.refs {
			for _, m := range x.members(sr.refs[ri]) {
				emit(Stance{Actor: m.actor, Kind: Join, Cue: m.cue, Initiative: resolve(x.Article, &sr.refs[ri])})
			}
		}
		// Leaders named by "X-led".
		for _, r := range sr.refs {
			for _, l := range r.leader {
				emit(Stance{Actor: l, Kind: Lead, Cue: "-led", Initiative: resolve(x.Article, &r)})
			}
		}
		consumed := map[int]bool{}
		for i, w := range x.low {
			class, ok := cueForms[w]
			if !ok || consumed[i] || x.in[i] >= 0 {
				continue
			}
			if x.inCondition(i) {
				continue
			}
			cue := x.Tokens[i].Text
			// "take part", "be part of", "be present", "kept out".
			if (w == "kept" || w == "keep" || w == "keeps" || w == "shut" || w == "left") && !(i+1 < len(x.low) && x.low[i+1] == "out") {
				continue
			}
			if (w == "call" || w == "called" || w == "calls") && !(i+1 < len(x.low) && (x.low[i+1] == "for" || x.low[i+1] == "on")) {
				continue
			}
			// Does the cue govern a participation word within a few tokens?
			gov := -1
			for j := i + 1; j < len(x.low) && j <= i+14; j++ {
				if class == Invited && cueForms[x.low[j]] == Support && x.low[j-1] == "to" {
					gov = j // "urged X to support the coalition"
					break
				}
				if _, c := cueForms[x.low[j]]; c && !participation[x.low[j]] {
					break // another cue governs what follows
				}
				if participation[x.low[j]] || x.low[j] == "have" && class == Refuse {
					gov = j
					break
				}
				if x.low[j] == "." || x.low[j] == ";" {
					break
				}
			}
			// "cooperation with X" is a relation to X, not to the initiative.
			if gov >= 0 && x.low[gov] == "cooperation" && gov+1 < len(x.low) && x.low[gov+1] == "with" {
				gov = -1
			}
			if (class == Lead || class == Support) && !x.headAfter(i, 6) {
				continue // "formed last week", "supporting the government": not about an initiative
			}
			if class == Refuse && gov < 0 && !x.headAfter(i, 6) {
				continue // "opposed to military cooperation with X"
			}
			hasRef := main != nil
			if !hasRef && !participation[w] && gov < 0 {
				continue
			}
			neg := x.negatedAt(i)
			switch class {
			case Join:
				hs := x.holders(i)
				if x.passiveAt(i) {
					continue
				}
				kind := Join
				on, cond := x.condition(i, neg)
				if on != "" {
					kind = Conditional
				} else if neg {
					kind = Refuse
				}
				for _, h := range hs {
					emit(Stance{Actor: h.actor, Person: h.person, Kind: kind, On: on, Condition: cond, Cue: cue})
				}
			case Lead, Support:
				if x.passiveAt(i) {
					continue
				}
				kind := class
				if neg {
					kind = Refuse
				}
				if (w == "welcome" || w == "welcomed" || w == "welcomes" || w == "pledge" || w == "pledged" || w == "pledges") && main == nil {
					continue
				}
				for _, h := range x.holders(i) {
					emit(Stance{Actor: h.actor, Person: h.person, Kind: kind, Cue: cue})
				}
			case Refuse:
				last := gov
				for j := gov + 1; j < len(x.low) && j <= gov+6; j++ {
					if participation[x.low[j]] {
						last = j // "an appeal to join", "an offer from X to join"
						break
					}
				}
				for j := i + 1; j <= last; j++ {
					consumed[j] = true
				}
				// "refused to have X in the alliance" excludes X.
				if gov >= 0 && x.low[gov] == "have" {
					objs, _ := x.nextMentions(gov)
					by := x.holders(i)
					for _, o := range objs {
						s := Stance{Actor: o, Kind: Excluded, Cue: cue}
						if len(by) > 0 {
							s.By = by[0].actor
						}
						emit(s)
					}
					continue
				}
				if neg {
					continue // "did not refuse" says too little
				}
				by := ""
				if gov >= 0 {
					by = x.offerer(gov)
				}
				for _, h := range x.holders(i) {
					emit(Stance{Actor: h.actor, Person: h.person, Kind: Refuse, Cue: cue, By: by})
				}
			case Excluded:
				if x.passiveAt(i) {
					for _, h := range x.group(passiveStart(x, i)) {
						emit(Stance{Actor: h.actor, Person: h.person, Kind: Excluded, Cue: cue})
					}
					continue
				}
				objs, _ := x.nextMentions(i)
				by := x.holders(i)
				for _, o := range objs {
					s := Stance{Actor: o, Kind: Excluded, Cue: cue}
					if len(by) > 0 {
						s.By = by[0].actor
					}
					emit(s)
				}
			case Invited:
				for j := i + 1; j <= gov; j++ {
					consumed[j] = true
				}
				if x.passiveAt(i) {
					kind := Invited
					if neg {
						kind = Excluded
					}
					for _, h := range x.group(passiveStart(x, i)) {
						emit(Stance{Actor: h.actor, Person: h.person, Kind: kind, Cue: cue})
					}
					continue
				}
				regret := w == "regret" || w == "regrets" || w == "regretted" || w == "deplore" || w == "deplored"
				if regret && !x.mentionsAbsence() {
					continue
				}
				if !regret && gov < 0 {
					continue // "asked X" without a participation word is no invitation
				}
				var objs []string
				if regret {
					objs, _ = x.nextMentions(i)
				} else {
					objs = x.invitees(i, gov) // "urged X and Y to join", "called for X to join"
				}
				if len(objs) == 0 {
					continue
				}
				by := x.holders(i)
				kind := Invited
				if neg && !regret {
					kind = Excluded
				}
				for _, o := range objs {
					s := Stance{Actor: o, Kind: kind, Cue: cue}
					if len(by) > 0 {
						s.By = by[0].actor
					}
					emit(s)
				}
			}
		}
	}
	// Refusing an offer from X refuses the initiative only when X leads or
	// joins it; otherwise it is a matter between two actors.
	members := map[string]bool{}
	for _, s := range stances {
		if s.Kind == Lead || s.Kind == Join {
			members[s.Initiative+"|"+s.Actor] = true
		}
	}
	kept := stances[:0]
	for _, s := range stances {
		if s.Kind == Refuse && s.By != "" && !members[s.Initiative+"|"+s.By] {
			continue
		}
		kept = append(kept, s)
	}
	stances = kept
	var out []Initiative
	for id, ini := range inits {
		t := strings.TrimPrefix(id, "against-")
		h := "coalition"
		if t != id {
			ini.Target = t
			if hm := heads[t]; len(hm) > 0 {
				h = dominant(hm)
			}
			ini.Label = h + " against " + t
		} else {
			ini.Label = strings.TrimPrefix(id, "the-")
		}
		out = append(out, *ini)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Mentions != out[j].Mentions {
			return out[i].Mentions > out[j].Mentions
		}
		return out[i].ID < out[j].ID
	})
	sort.SliceStable(stances, func(i, j int) bool {
		a, b := stances[i], stances[j]
		if a.Initiative != b.Initiative {
			return a.Initiative < b.Initiative
		}
		if a.Actor != b.Actor {
			return a.Actor < b.Actor
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		if a.Evidence.Article != b.Evidence.Article {
			return a.Evidence.Article < b.Evidence.Article
		}
		return a.Evidence.Start < b.Evidence.Start
	})
	return out, dedupe(stances)
}

// passiveStart is the token index just before the auxiliaries of a passive
// cue ("X and Y were not invited": the token after Y).
func passiveStart(x *sent, i int) int {
	j := i - 1
	for j >= 0 && x.in[j] < 0 && (auxiliaries[x.low[j]] || negators[x.low[j]] || strings.HasSuffix(x.low[j], "ly")) {
		j--
	}
	return j + 1
}

// mentionsAbsence reports whether the sentence speaks of someone's absence
// or exclusion.
func (x *sent) mentionsAbsence() bool {
	for i, w := range x.low {
		if w == "absence" || w == "exclusion" || w == "excluded" {
			return true
		}
		if (w == "invited" || w == "present" || w == "included") && x.negatedAt(i) {
			return true
		}
	}
	return false
}

func dedupe(ss []Stance) []Stance {
	var out []Stance
	seen := map[Stance]bool{}
	for _, s := range ss {
		if seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	return out
}

// firstActor returns the actor of the first mention within four tokens
// after token i, or "" when there is none or it is unresolved.
func (x *sent) firstActor(i int) string {
	for j := i + 1; j < len(x.Tokens) && j <= i+3; j++ {
		if x.in[j] >= 0 {
			a, _ := x.actorOf(x.in[j])
			return a
		}
		if x.low[j] != "the" && x.low[j] != "a" && x.low[j] != "an" {
			return "" // "fight militants in Iraq": the adversary is not an actor named here
		}
	}
	return ""
}

// headAfter reports whether an initiative head follows token i within n
// tokens before the clause ends ("build a coalition", "host the meeting").
func (x *sent) headAfter(i, n int) bool {
	for j := i + 1; j < len(x.low) && j <= i+n; j++ {
		if _, ok := strongHeads[x.low[j]]; ok {
			return true
		}
		if holderStops[x.low[j]] || x.low[j] == "." || x.low[j] == "," {
			return false
		}
	}
	return false
}

// invitees returns the actors urged at cue i to take part at token g:
// those strictly between them, as between, plus the object of a
// preposition right after the cue ("called for X to", "called on X to",
// "appealed to X to").
func (x *sent) invitees(i, g int) []string {
	var out []string
	for k := i + 1; k < g; k++ {
		if x.in[k] < 0 || (k > i+1 && x.in[k-1] == x.in[k]) {
			continue
		}
		direct := k == i+2 && (x.low[i+1] == "for" || x.low[i+1] == "on" || x.low[i+1] == "upon" || x.low[i+1] == "to")
		if prepositions[x.low[k-1]] && !direct {
			continue
		}
		if a, _ := x.actorOf(x.in[k]); a != "" && !contains(out, a) {
			out = append(out, a)
		}
	}
	return out
}

// offerer returns who made the offer, appeal or request at token g: "an
// offer from X", "a U.S. appeal", "X's request"; "" otherwise.
func (x *sent) offerer(g int) string {
	switch x.low[g] {
	case "offer", "appeal", "request", "requests", "invitation":
	default:
		return ""
	}
	if g+1 < len(x.low) && x.low[g+1] == "from" {
		if a := x.firstActor(g + 1); a != "" {
			return a
		}
	}
	for j := g - 1; j >= 0 && j >= g-3; j-- {
		if x.in[j] >= 0 {
			a, _ := x.actorOf(x.in[j])
			return a
		}
	}
	return ""
}

// memberWords name membership of a group.
var memberWords = map[string]bool{"member": true, "members": true, "part": true, "partner": true, "partners": true,
	"ally": true, "allies": true}

type memberOf struct{ actor, cue string }

// members reads the members an initiative reference names (a strong head
// only): "X, a member of the coalition", "X is part of the alliance", "X,
// a coalition partner", "coalition members, including X and Y", "the
// coalition, which includes X", "a coalition of X and Y". Negated, modal
// ("would become a member") and conditional statements name no member.
func (x *sent) members(r initiativeRef) []memberOf {
	h := r.pos
	if r.weak || x.inCondition(h) {
		return nil
	}
	var out []memberOf
	add := func(as []string, cue string) {
		for _, a := range as {
			out = append(out, memberOf{a, cue})
		}
	}
	skipBack := func(j int) int {
		for n := 0; j >= 0 && n < 4 && x.in[j] < 0 && (x.isModifier(j) || strings.HasSuffix(x.low[j], "led")); n++ {
			j--
		}
		if j >= 0 && (x.low[j] == "a" || x.low[j] == "an" || x.low[j] == "the") {
			j--
			if j >= 1 && x.low[j] == "of" && x.low[j-1] == "one" {
				j -= 2
			}
		}
		return j
	}
	// "a member of the coalition", "part of the US-led alliance".
	if j := skipBack(h - 1); j >= 1 && x.low[j] == "of" && memberWords[x.low[j-1]] {
		if subj, ok := x.subjectBefore(skipBack(j - 2)); ok {
			add(subj, x.Tokens[j-1].Text)
		}
	}
	if h+1 >= len(x.low) {
		return out
	}
	next := x.low[h+1]
	switch {
	case next == "member" || next == "partner" || next == "ally":
		// "X, a coalition member".
		if subj, ok := x.subjectBefore(skipBack(h - 1)); ok {
			add(subj, x.Tokens[h+1].Text)
		}
	case next == "members" || next == "partners" || next == "allies":
		add(x.listAfter(h+1), x.Tokens[h+1].Text)
	case next == "of" && (r.head == "coalition" || r.head == "alliance" || r.head == "bloc"):
		k := h + 2
		if k < len(x.low) && x.low[k] == "the" && x.in[k] < 0 {
			k++
		}
		if k < len(x.low) && x.in[k] >= 0 {
			objs, _ := x.nextMentions(h + 1)
			add(objs, x.Tokens[h].Text)
		}
	default:
		j := r.end + 1
		if j < len(x.low) && x.low[j] == "," {
			j++
		}
		if j+1 < len(x.low) && (x.low[j] == "which" || x.low[j] == "that" || x.low[j] == "now") {
			j++
		}
		if j < len(x.low) {
			switch x.low[j] {
			case "including", "includes", "included", "comprising", "comprises":
				objs, _ := x.nextMentions(j)
				add(objs, x.Tokens[j].Text)
			case "such":
				if j+1 < len(x.low) && x.low[j+1] == "as" {
					objs, _ := x.nextMentions(j + 1)
					add(objs, "such as")
				}
			}
		}
	}
	return out
}

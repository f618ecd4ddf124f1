package alignments

import (
	"math"
	"sort"
)

// Input is everything the analysis reads: dyadic events, the sentences
// the stance rules read, and the article texts (by article ID).
type Input struct {
	Events    []Event
	Sentences []Sentence
	Texts     map[string]string
}

// Member is one actor's membership of a bloc.
type Member struct {
	Actor      string  `json:"actor"`
	Confidence float64 `json:"confidence"`
	// Initiative is true for an initiative node (a coalition, a
	// conference) rather than a state or organisation.
	Initiative bool `json:"initiative,omitempty"`
}

// Bloc is one aligned group of actors.
type Bloc struct {
	ID      int      `json:"id"`
	Members []Member `json:"members"`
}

// Bridge is an actor with substantial positive ties into more than one
// bloc.
type Bridge struct {
	Actor string `json:"actor"`
	Blocs []int  `json:"blocs"`
}

// InitiativeStances is an initiative with the stances toward it, grouped
// by actor and kind, each with all its evidence.
type InitiativeStances struct {
	Initiative
	Stances []StanceSummary `json:"stances"`
}

// StanceSummary groups the stances of one actor of one kind (and the same
// condition) toward one initiative.
type StanceSummary struct {
	Actor     string        `json:"actor"`
	Kind      string        `json:"kind"`
	On        string        `json:"on,omitempty"`
	Condition string        `json:"condition,omitempty"`
	By        []string      `json:"by,omitempty"`
	Persons   []string      `json:"persons,omitempty"`
	Evidence  []EvidenceCue `json:"evidence"`
}

// EvidenceCue is one piece of stance evidence: the sentence and the cue
// word read in it.
type EvidenceCue struct {
	Evidence
	Cue    string `json:"cue"`
	Person string `json:"person,omitempty"`
}

// Result is the alignment analysis of one time window.
type Result struct {
	From       string   `json:"from,omitempty"`
	To         string   `json:"to,omitempty"`
	Blocs      []Bloc   `json:"blocs"`
	Bridges    []Bridge `json:"bridges"`
	Network    Network  `json:"network"`
	Modularity float64  `json:"modularity"`
	// Frustration is the structural-balance frustration of the blocs
	// (0: every tie within blocs positive, every tie between negative).
	Frustration float64             `json:"frustration"`
	Initiatives []InitiativeStances `json:"initiatives"`
	// Relations are the alliances and enmities the texts state outright
	// ("X, Y's main ally"), with their evidence.
	Relations []Relation `json:"relations"`
}

// BlocOf returns the bloc ID of an actor, or -1.
func (r *Result) BlocOf(actor string) int {
	for _, b := range r.Blocs {
		for _, m := range b.Members {
			if m.Actor == actor {
				return b.ID
			}
		}
	}
	return -1
}

// IsBridge reports whether actor bridges blocs.
func (r *Result) IsBridge(actor string) bool {
	for _, b := range r.Bridges {
		if b.Actor == actor {
			return true
		}
	}
	return false
}

// Analyze runs the whole analysis for the window of o: stances, network,
// blocs, confidences and bridges.
func Analyze(in Input, o Options) Result {
	var sents []Sentence
	for _, s := range in.Sentences {
		if inWindow(s.Date, o.From, o.To) {
			sents = append(sents, s)
		}
	}
	inits, stances := Stances(sents, in.Texts)
	rels := Relations(sents)
	net := Build(in.Events, inits, stances, rels, o)
	w := Balanced(net.Matrix(), o.balance())
	labels := Partition(w, o.Objective)
	res := Result{From: o.From, To: o.To, Network: net}
	if len(labels) > 0 {
		res.Modularity = round(Modularity(w, labels))
		res.Frustration = round(Frustration(w, labels))
	}
	isInit := map[string]bool{}
	for _, ini := range inits {
		isInit[ini.ID] = true
	}
	blocs := map[int]*Bloc{}
	for i, a := range net.Nodes {
		b := blocs[labels[i]]
		if b == nil {
			b = &Bloc{ID: labels[i]}
			blocs[labels[i]] = b
		}
		b.Members = append(b.Members, Member{Actor: a, Confidence: round(Confidence(w, labels, i)), Initiative: isInit[a]})
	}
	raw := net.Matrix()
	for i, a := range net.Nodes {
		if bb := BridgeBlocs(raw, labels, i); len(bb) >= 2 {
			res.Bridges = append(res.Bridges, Bridge{Actor: a, Blocs: bb})
		}
	}
	// Blocs by size, then by first member; renumber from 0.
	var bs []*Bloc
	for _, b := range blocs {
		bs = append(bs, b)
	}
	sort.Slice(bs, func(i, j int) bool {
		if len(bs[i].Members) != len(bs[j].Members) {
			return len(bs[i].Members) > len(bs[j].Members)
		}
		return bs[i].Members[0].Actor < bs[j].Members[0].Actor
	})
	renum := map[int]int{}
	for i, b := range bs {
		renum[b.ID] = i
		b.ID = i
		res.Blocs = append(res.Blocs, *b)
	}
	for i := range res.Bridges {
		for j, l := range res.Bridges[i].Blocs {
			res.Bridges[i].Blocs[j] = renum[l]
		}
		sort.Ints(res.Bridges[i].Blocs)
	}
	res.Initiatives = summarize(inits, stances)
	res.Relations = rels
	return res
}

func round(f float64) float64 { return math.Round(f*1000) / 1000 }

func summarize(inits []Initiative, stances []Stance) []InitiativeStances {
	var out []InitiativeStances
	for _, ini := range inits {
		is := InitiativeStances{Initiative: ini}
		idx := map[string]int{}
		for _, s := range stances {
			if s.Initiative != ini.ID {
				continue
			}
			k := s.Actor + "|" + s.Kind + "|" + s.On + "|" + s.Condition
			i, ok := idx[k]
			if !ok {
				i = len(is.Stances)
				idx[k] = i
				is.Stances = append(is.Stances, StanceSummary{Actor: s.Actor, Kind: s.Kind, On: s.On, Condition: s.Condition})
			}
			ss := &is.Stances[i]
			ss.Evidence = append(ss.Evidence, EvidenceCue{Evidence: s.Evidence, Cue: s.Cue, Person: s.Person})
			if s.By != "" && !contains(ss.By, s.By) {
				ss.By = append(ss.By, s.By)
			}
			if s.Person != "" && !contains(ss.Persons, s.Person) {
				ss.Persons = append(ss.Persons, s.Person)
			}
		}
		out = append(out, is)
	}
	return out
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// Shift is an actor whose bloc changed between two windows: the actors it
// was aligned with before and after, and the events of the later window
// that involve it (most weighty first).
type Shift struct {
	Actor  string   `json:"actor"`
	Before []string `json:"before"`
	After  []string `json:"after"`
	Events []string `json:"events"`
}

// Shifts compares two windows' blocs. Each earlier bloc is matched to the
// later bloc that holds most of its members (among actors present in both
// windows; ties to the lower ID); an actor moved when its later bloc is not
// the match of its earlier one.
func Shifts(prev, cur Result) []Shift {
	inCur := map[string]bool{}
	for _, b := range cur.Blocs {
		for _, m := range b.Members {
			inCur[m.Actor] = true
		}
	}
	image := map[int]int{}
	for _, b := range prev.Blocs {
		count := map[int]int{}
		for _, m := range b.Members {
			if inCur[m.Actor] {
				count[cur.BlocOf(m.Actor)]++
			}
		}
		best, bn := -1, 0
		for id, n := range count {
			if n > bn || (n == bn && id < best) {
				best, bn = id, n
			}
		}
		image[b.ID] = best
	}
	mates := func(r Result, a string) []string {
		id := r.BlocOf(a)
		var out []string
		for _, b := range r.Blocs {
			if b.ID != id {
				continue
			}
			for _, m := range b.Members {
				if m.Actor != a {
					out = append(out, m.Actor)
				}
			}
		}
		sort.Strings(out)
		return out
	}
	var out []Shift
	for _, b := range prev.Blocs {
		for _, m := range b.Members {
			a := m.Actor
			if !inCur[a] || cur.BlocOf(a) == image[b.ID] {
				continue
			}
			s := Shift{Actor: a, Before: mates(prev, a), After: mates(cur, a)}
			type ew struct {
				id string
				w  float64
			}
			var evs []ew
			for _, e := range cur.Network.Edges {
				if e.A == a || e.B == a {
					for _, id := range e.Events {
						evs = append(evs, ew{id, math.Abs(e.Weight)})
					}
				}
			}
			sort.SliceStable(evs, func(i, j int) bool { return evs[i].w > evs[j].w })
			for _, e := range evs {
				if len(s.Events) < 5 && !contains(s.Events, e.id) {
					s.Events = append(s.Events, e.id)
				}
			}
			out = append(out, s)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Actor < out[j].Actor })
	return out
}

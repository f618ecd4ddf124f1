package alignments

import (
	"math"
	"sort"
	"strings"
	"time"
)

// Evidence is a byte span in one article's text.
type Evidence struct {
	Article string `json:"article"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
}

// Event is one dyadic event as the network sees it: a merged event (with
// its corroboration) or a single article's event. Source and Target are
// actor codes; events without both are not part of the network.
type Event struct {
	ID     string
	Source string
	Target string
	// Date is YYYY-MM-DD, or "" when undated (undated events get no decay).
	Date      string
	Goldstein float64
	// PLOVER and Trigger let the network tell a coded refusal of
	// cooperation ("not coordinating" coded as REJECT) from conflict.
	PLOVER   string
	Trigger  string
	Negated  bool
	Modality string
	// Quad is the CAMEO quad class (1 verbal cooperation ... 4 material
	// conflict; 0 unknown).
	Quad int
	// Corroboration counts independent outlets (at least 1).
	Corroboration int
	Evidence      []Evidence
}

// Options controls how events become edges.
type Options struct {
	// From and To bound the window (YYYY-MM-DD, inclusive; "" = open).
	From, To string
	// HalfLife is the decay half-life in days, counted back from the end
	// of the window (To, else the latest event date); 0 means 30 days,
	// a negative value no decay.
	HalfLife float64
	// Balance weights the structural-balance term added to direct ties
	// (0 means the default 0.5, negative disables it): two actors with
	// the same friends and enemies are drawn together, opposite profiles
	// pushed apart.
	Balance float64
	// NoStanceEdges leaves initiative stances out of the network.
	NoStanceEdges bool
	// Objective is what the bloc search optimises (default Balance).
	Objective Objective
}

func (o Options) halfLife() float64 {
	if o.HalfLife == 0 {
		return 30
	}
	return o.HalfLife
}

func (o Options) balance() float64 {
	if o.Balance == 0 {
		return 0.5
	}
	if o.Balance < 0 {
		return 0
	}
	return o.Balance
}

// Edge is the aggregated, undirected tie between two actors (A < B).
// Weight is the signed sum of the contributions; Pos and Neg its positive
// and negative parts (Neg <= 0). Events lists the event IDs behind it
// ("stance:" IDs for initiative stances).
type Edge struct {
	A      string   `json:"a"`
	B      string   `json:"b"`
	Weight float64  `json:"weight"`
	Pos    float64  `json:"pos"`
	Neg    float64  `json:"neg"`
	Events []string `json:"events"`
}

// Network is a signed weighted undirected actor network. Nodes are sorted;
// Edges are sorted by (A, B).
type Network struct {
	Nodes []string `json:"nodes"`
	Edges []Edge   `json:"edges"`
}

// cooperationWords are triggers whose meaning is cooperation: a REJECT
// event with such a trigger is a refusal to cooperate ("not coordinating
// with X"), which is distance, not conflict.
var cooperationWords = []string{"coordinat", "cooperat", "collaborat", "work", "help", "assist", "support",
	"join", "talk", "meet", "negotiat", "engag", "ally", "allie", "partner", "aid", "deal"}

func isCooperationTrigger(t string) bool {
	t = strings.ToLower(t)
	for _, w := range cooperationWords {
		if strings.Contains(t, w) {
			return true
		}
	}
	return false
}

// oppositionPLOVER are event types whose negation means their contrary
// ("did not object" leans toward approval).
var oppositionPLOVER = map[string]bool{"DISAPPROVE": true, "REJECT": true}

// Contribution is the signed weight one event adds to its dyad before decay
// and corroboration: Goldstein/10, with negation read as the contrary only
// where that is the meaning. A negated cooperative event ("will not
// coordinate") is distance: a weak negative tie, a quarter of its
// Goldstein, never the conflict its contrary code would score. A REJECT
// event whose trigger is a cooperation word is the same refusal coded the
// other way round and gets the same weak negative. A negated conflict
// ("did not attack") says nothing about friendship: 0. A negated objection
// ("did not oppose") is weak approval. Verbal cooperation (quad class 1:
// meetings, consultations, appeals) counts half. Unasserted modalities (future,
// intended, possible, hypothetical) count half; denied ones not at all.
func Contribution(e Event) float64 {
	g := e.Goldstein / 10
	var w float64
	switch {
	case e.Negated && g > 0:
		w = -0.25 * g
	case e.Negated && oppositionPLOVER[e.PLOVER]:
		w = 0.25 * -g
	case e.Negated:
		w = 0
	case e.PLOVER == "REJECT" && isCooperationTrigger(e.Trigger):
		w = 0.25 * g
	default:
		w = g
	}
	if e.Quad == 1 && w > 0 {
		// Talk is cheap: meeting, consulting and praising an actor
		// say less about alignment than aiding it or fighting it.
		w *= 0.5
	}
	switch e.Modality {
	case "":
	case "denied":
		w = 0
	default:
		w *= 0.5
	}
	return w
}

// Decay is the weight of an event dated date at reference time ref with a
// half-life in days (<= 0: no decay). Undated events and events after ref
// weigh 1.
func Decay(date string, ref time.Time, halfLife float64) float64 {
	if halfLife <= 0 || date == "" || ref.IsZero() {
		return 1
	}
	d, err := time.Parse("2006-01-02", date)
	if err != nil {
		return 1
	}
	age := ref.Sub(d).Hours() / 24
	if age <= 0 {
		return 1
	}
	return math.Exp2(-age / halfLife)
}

// Corroboration is the weight factor of an event reported by n independent
// outlets: 1 + ln n, so repetition counts, with diminishing returns.
func Corroboration(n int) float64 {
	if n <= 1 {
		return 1
	}
	return 1 + math.Log(float64(n))
}

// inWindow reports whether date lies in [from, to]; undated events are in.
func inWindow(date, from, to string) bool {
	if date == "" {
		return true
	}
	return (from == "" || date >= from) && (to == "" || date <= to)
}

// refTime is the end of the window: To, else the latest event date.
func refTime(events []Event, o Options) time.Time {
	end := o.To
	if end == "" {
		for _, e := range events {
			if e.Date > end && inWindow(e.Date, o.From, o.To) {
				end = e.Date
			}
		}
	}
	t, _ := time.Parse("2006-01-02", end)
	return t
}

// Build aggregates the events in the window, the relations the text states
// ("X, Y's main ally": Relation.Weight, decayed like an event) and, unless
// o.NoStanceEdges, the stances' ties and a negative tie between each
// initiative and the adversary it is formed against, into a signed
// network. Self-ties and events missing an actor are skipped.
func Build(events []Event, inits []Initiative, stances []Stance, relations []Relation, o Options) Network {
	ref := refTime(events, o)
	type key struct{ a, b string }
	edges := map[key]*Edge{}
	add := func(a, b string, w float64, id string) {
		if a == "" || b == "" || a == b || w == 0 {
			return
		}
		if b < a {
			a, b = b, a
		}
		e := edges[key{a, b}]
		if e == nil {
			e = &Edge{A: a, B: b}
			edges[key{a, b}] = e
		}
		e.Weight += w
		if w > 0 {
			e.Pos += w
		} else {
			e.Neg += w
		}
		if id != "" && (len(e.Events) == 0 || e.Events[len(e.Events)-1] != id) {
			e.Events = append(e.Events, id)
		}
	}
	for _, e := range events {
		if !inWindow(e.Date, o.From, o.To) {
			continue
		}
		w := Contribution(e) * Decay(e.Date, ref, o.halfLife()) * Corroboration(e.Corroboration)
		add(e.Source, e.Target, w, e.ID)
	}
	for _, r := range relations {
		if inWindow(r.Date, o.From, o.To) {
			add(r.A, r.B, r.Weight()*Decay(r.Date, ref, o.halfLife()), "relation:"+r.Kind+":"+r.A+":"+r.B)
		}
	}
	if !o.NoStanceEdges {
		for _, ini := range inits {
			if ini.Target != "" && hasStance(stances, ini.ID) {
				add(ini.ID, ini.Target, -1, "initiative:"+ini.ID)
			}
		}
		for _, s := range stances {
			if !inWindow(s.Date, o.From, o.To) {
				continue
			}
			d := Decay(s.Date, ref, o.halfLife())
			for _, t := range s.Ties() {
				add(t.A, t.B, t.Weight*d, "stance:"+s.Initiative+":"+s.Actor+":"+s.Kind)
			}
		}
	}
	var n Network
	nodes := map[string]bool{}
	for _, e := range edges {
		n.Edges = append(n.Edges, *e)
		nodes[e.A], nodes[e.B] = true, true
	}
	for a := range nodes {
		n.Nodes = append(n.Nodes, a)
	}
	sort.Strings(n.Nodes)
	sort.Slice(n.Edges, func(i, j int) bool {
		if n.Edges[i].A != n.Edges[j].A {
			return n.Edges[i].A < n.Edges[j].A
		}
		return n.Edges[i].B < n.Edges[j].B
	})
	return n
}

// Matrix returns the network's symmetric weight matrix, indexed like Nodes.
func (n Network) Matrix() [][]float64 {
	idx := map[string]int{}
	for i, a := range n.Nodes {
		idx[a] = i
	}
	m := make([][]float64, len(n.Nodes))
	for i := range m {
		m[i] = make([]float64, len(n.Nodes))
	}
	for _, e := range n.Edges {
		i, j := idx[e.A], idx[e.B]
		m[i][j] += e.Weight
		m[j][i] += e.Weight
	}
	return m
}

func hasStance(ss []Stance, id string) bool {
	for _, s := range ss {
		if s.Initiative == id {
			return true
		}
	}
	return false
}

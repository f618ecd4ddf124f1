package web

import (
	"errors"
	"fmt"
	"math"
	"net/http"
	"strings"

	"github.com/sitrep/sitrep/internal/alignments"
	"github.com/sitrep/sitrep/internal/store"
)

// blocPalette colours the blocs' node fills, in bloc order (cycled).
var blocPalette = []string{"#cfe3f7", "#f7dccf", "#dcefd2", "#efe0f5", "#f5f0c8", "#d9f2ef"}

// alignNode is one actor of the alignment network.
type alignNode struct {
	X, Y, R        float64
	Code, Title    string
	Href, Fill     string
	LabelX, LabelY float64
	// Initiative nodes are drawn as squares: corner RX, RY, side Side.
	Initiative   bool
	RX, RY, Side float64
}

// alignEdge is one signed tie.
type alignEdge struct {
	X1, Y1, X2, Y2 float64
	Width          float64
	Stroke, Dash   string
	Title          string
}

// alignChart is the alignment network laid out by bloc: each bloc's
// members on a small circle, the blocs around a large one; ties green
// (positive, solid) or red (negative, dashed), width by weight.
type alignChart struct {
	W, H  float64
	Nodes []alignNode
	Edges []alignEdge
	Empty bool
}

func newAlignChart(r alignments.Result, names Names) alignChart {
	c := alignChart{W: 720, H: 600}
	if len(r.Network.Nodes) == 0 {
		c.Empty = true
		return c
	}
	pos := map[string]*alignNode{}
	cx, cy := c.W/2, c.H/2
	big := math.Min(c.W, c.H)/2 - 150
	if len(r.Blocs) == 1 {
		big = 0
	}
	for bi, b := range r.Blocs {
		a := -math.Pi/2 + 2*math.Pi*float64(bi)/float64(len(r.Blocs))
		bx, by := cx+big*math.Cos(a), cy+big*math.Sin(a)
		small := 18 + 9*float64(len(b.Members))
		small = math.Min(small, 130)
		if len(b.Members) == 1 {
			small = 0
		}
		for mi, m := range b.Members {
			ma := -math.Pi/2 + 2*math.Pi*float64(mi)/float64(len(b.Members))
			x, y := bx+small*math.Cos(ma), by+small*math.Sin(ma)
			n := alignNode{X: x, Y: y, R: 6 + 8*m.Confidence, Code: m.Actor, Fill: blocPalette[bi%len(blocPalette)],
				Initiative: m.Initiative, LabelX: x, LabelY: y - 12 - 8*m.Confidence,
				Title: fmt.Sprintf("%s: bloc %d, confidence %.2f", names.ActorLabel(m.Actor), b.ID, m.Confidence)}
			n.RX, n.RY, n.Side = x-n.R, y-n.R, 2*n.R
			if !m.Initiative {
				n.Href = actorURL(m.Actor)
			}
			c.Nodes = append(c.Nodes, n)
		}
	}
	for i := range c.Nodes {
		pos[c.Nodes[i].Code] = &c.Nodes[i]
	}
	maxW := 0.0
	for _, e := range r.Network.Edges {
		maxW = math.Max(maxW, math.Abs(e.Weight))
	}
	for _, e := range r.Network.Edges {
		a, b := pos[e.A], pos[e.B]
		if a == nil || b == nil || e.Weight == 0 {
			continue
		}
		ed := alignEdge{X1: a.X, Y1: a.Y, X2: b.X, Y2: b.Y, Width: 0.8 + 5*math.Abs(e.Weight)/maxW, Stroke: "#2e8b57",
			Title: fmt.Sprintf("%s – %s: %+.2f (%d %s)", e.A, e.B, e.Weight, len(e.Events), plural(len(e.Events), "source", "sources"))}
		if e.Weight < 0 {
			ed.Stroke, ed.Dash = "#c0392b", "5 3"
		}
		c.Edges = append(c.Edges, ed)
	}
	return c
}

// alignEvidence is one stance's evidence, with the sentence text.
type alignEvidence struct {
	Article, Cue, Person, Text string
}

type alignStance struct {
	Actor, Text string
	Initiative  bool
	Evidence    []alignEvidence
}

type alignInitiative struct {
	ID, Label string
	Mentions  int
	Stances   []alignStance
}

// alignRelation is one relation stated outright, with its sentence.
type alignRelation struct {
	A, B, Kind, Article, Cue, Text string
}

type alignmentsData struct {
	From, To, Story string
	Result          alignments.Result
	Chart           alignChart
	Initiatives     []alignInitiative
	Relations       []alignRelation
	Bridges         []string
}

// alignmentsPage shows the alignment analysis of the window (from, to) or
// of one story: the network laid out by bloc, the blocs with confidences,
// the bridging actors, the relations stated outright and the stances
// toward each initiative.
func (s *Server) alignmentsPage(r *http.Request) (string, any, error) {
	p := newParams(r)
	d := alignmentsData{From: p.date("from"), To: p.date("to"), Story: p.id("story")}
	if p.err != nil {
		return "", nil, p.err
	}
	in, err := alignments.Load(r.Context(), s.st, alignments.Filter{From: d.From, To: d.To, Story: d.Story})
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return "", nil, store.ErrNotFound
		}
		return "", nil, err
	}
	d.Result = alignments.Analyze(in, alignments.Options{From: d.From, To: d.To})
	d.Chart = newAlignChart(d.Result, s.names)
	for _, b := range d.Result.Bridges {
		var ids []string
		for _, l := range b.Blocs {
			ids = append(ids, fmt.Sprint(l))
		}
		d.Bridges = append(d.Bridges, fmt.Sprintf("%s (blocs %s)", b.Actor, strings.Join(ids, ", ")))
	}
	for _, ini := range d.Result.Initiatives {
		if len(ini.Stances) == 0 {
			continue
		}
		ai := alignInitiative{ID: ini.ID, Label: ini.Label, Mentions: ini.Mentions}
		for _, st := range ini.Stances {
			as := alignStance{Actor: st.Actor, Text: alignments.StanceText(st)}
			for _, e := range st.Evidence {
				t := in.Texts[e.Article]
				txt := ""
				if e.Start >= 0 && e.End <= len(t) && e.Start <= e.End {
					txt = t[e.Start:e.End]
				}
				as.Evidence = append(as.Evidence, alignEvidence{Article: e.Article, Cue: e.Cue, Person: e.Person, Text: txt})
			}
			ai.Stances = append(ai.Stances, as)
		}
		d.Initiatives = append(d.Initiatives, ai)
	}
	for _, rel := range d.Result.Relations {
		e, t := rel.Evidence, in.Texts[rel.Evidence.Article]
		txt := ""
		if e.Start >= 0 && e.End <= len(t) && e.Start <= e.End {
			txt = t[e.Start:e.End]
		}
		d.Relations = append(d.Relations, alignRelation{A: rel.A, B: rel.B, Kind: rel.Kind, Article: e.Article, Cue: rel.Cue, Text: txt})
	}
	return "alignments", view{Title: "Alignments", Active: "alignments", B: d}, nil
}

package web

import (
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/sitrep/sitrep/internal/store"
)

// Charts are computed here as plain geometry and drawn by the templates
// (templates/svg.html), so that every label goes through html/template's
// escaping. Colours are SVG presentation attributes, not style attributes,
// which the Content-Security-Policy forbids.

// rect is one SVG rectangle.
type rect struct {
	X, Y, W, H  float64
	Fill, Title string
	Href        string
}

// label is one SVG text.
type label struct {
	X, Y   float64
	Text   string
	Anchor string // text-anchor: start, middle, end
}

// legendItem is one colour key.
type legendItem struct {
	X, Y  float64
	Fill  string
	Label string
}

// timeline is a bar chart of events by date, stacked by quad class.
type timeline struct {
	W, H   float64
	Bars   []rect
	Labels []label
	Legend []legendItem
	// AxisY is the baseline's y; Left and Right the plot's x range.
	AxisY, Left, Right float64
	Empty              bool
}

const dayLayout = time.DateOnly

// newTimeline draws counts (by date and quad) as stacked bars. Dates are
// binned by day for spans up to 120 days, by week up to 840, else by
// month. href, when not nil, links each bar to a page for its bin.
func newTimeline(counts []store.DateCount, href func(from, to string) string) timeline {
	t := timeline{W: 900, H: 220, Left: 40, Right: 880, AxisY: 170}
	for q := 1; q <= 4; q++ {
		t.Legend = append(t.Legend, legendItem{X: t.Left + float64(q-1)*190, Y: 200, Fill: quadColor(q), Label: QuadName(q)})
	}
	type entry struct {
		day    int
		quad   int
		events int
	}
	var es []entry
	lo, hi := math.MaxInt, math.MinInt
	for _, c := range counts {
		d, err := time.Parse(dayLayout, c.Date)
		if err != nil || c.Events <= 0 {
			continue
		}
		day := int(d.Unix() / 86400)
		es = append(es, entry{day, c.Quad, c.Events})
		lo, hi = min(lo, day), max(hi, day)
	}
	if len(es) == 0 {
		t.Empty = true
		return t
	}
	span := hi - lo + 1
	bin := func(day int) (start, end int) { return day, day + 1 }
	switch {
	case span > 840:
		bin = func(day int) (int, int) {
			d := time.Unix(int64(day)*86400, 0).UTC()
			m := time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC)
			return int(m.Unix() / 86400), int(m.AddDate(0, 1, 0).Unix() / 86400)
		}
	case span > 120:
		bin = func(day int) (int, int) {
			// Weeks start on Monday; day 0 (1970-01-01) was a Thursday.
			s := day - ((day+3)%7+7)%7
			return s, s + 7
		}
	}
	first, _ := bin(lo)
	_, last := bin(hi)
	type key struct{ start, quad int }
	stacks := map[key]int{}
	ends := map[int]int{}
	for _, e := range es {
		s, en := bin(e.day)
		stacks[key{s, e.quad}] += e.events
		ends[s] = en
	}
	totals := map[int]int{}
	maxTotal := 0
	for k, n := range stacks {
		totals[k.start] += n
		maxTotal = max(maxTotal, totals[k.start])
	}
	plotH := t.AxisY - 20
	scaleX := (t.Right - t.Left) / float64(last-first)
	starts := make([]int, 0, len(totals))
	for s := range totals {
		starts = append(starts, s)
	}
	sort.Ints(starts)
	for _, s := range starts {
		y := t.AxisY
		x := t.Left + float64(s-first)*scaleX
		w := math.Max(1, float64(ends[s]-s)*scaleX-1)
		from, to := dayString(s), dayString(ends[s]-1)
		for q := 0; q <= 4; q++ {
			n := stacks[key{s, q}]
			if n == 0 {
				continue
			}
			h := float64(n) / float64(maxTotal) * plotH
			y -= h
			when := from
			if to != from {
				when = from + " to " + to
			}
			r := rect{X: x, Y: y, W: w, H: h, Fill: quadColor(q), Title: fmt.Sprintf("%s: %d %s", when, n, plural(n, "event", "events")) + " (" + QuadName(q) + ")"}
			if href != nil {
				r.Href = href(from, to)
			}
			t.Bars = append(t.Bars, r)
		}
	}
	t.Labels = append(t.Labels,
		label{X: t.Left, Y: t.AxisY + 16, Text: dayString(first), Anchor: "start"},
		label{X: t.Right, Y: t.AxisY + 16, Text: dayString(last - 1), Anchor: "end"},
		label{X: t.Left - 6, Y: 24, Text: fmt.Sprint(maxTotal), Anchor: "end"},
		label{X: t.Left - 6, Y: t.AxisY, Text: "0", Anchor: "end"})
	if last-first > 2 {
		mid := first + (last-first)/2
		t.Labels = append(t.Labels, label{X: t.Left + float64(mid-first)*scaleX, Y: t.AxisY + 16, Text: dayString(mid), Anchor: "middle"})
	}
	return t
}

func dayString(day int) string { return time.Unix(int64(day)*86400, 0).UTC().Format(dayLayout) }

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// node is an actor in the network.
type node struct {
	X, Y, R float64
	Code    string
	Title   string
	Href    string
	// LabelX and LabelY place the code outside the circle.
	LabelX, LabelY float64
	Anchor         string
}

// edge is a directed dyad in the network.
type edge struct {
	X1, Y1, X2, Y2 float64
	Width          float64
	Stroke         string
	Title          string
	Href           string
}

// network draws actors as nodes on a circle and dyads as directed edges,
// weighted by event count and coloured by summed Goldstein score.
type network struct {
	W, H  float64
	Nodes []node
	Edges []edge
	Empty bool
}

// maxNetworkNodes bounds the drawn actors: beyond it, the actors with the
// fewest events are left out.
const maxNetworkNodes = 24

// newNetwork lays out dyads. names titles the nodes; href links nodes (by
// code) and edges (by source and target).
func newNetwork(dyads []store.Dyad, names Names, nodeHref func(code string) string, edgeHref func(src, tgt string) string) network {
	n := network{W: 600, H: 520}
	weight := map[string]int{}
	for _, d := range dyads {
		weight[d.Source] += d.Events
		weight[d.Target] += d.Events
	}
	codes := make([]string, 0, len(weight))
	for c := range weight {
		codes = append(codes, c)
	}
	sort.Slice(codes, func(i, j int) bool {
		if weight[codes[i]] != weight[codes[j]] {
			return weight[codes[i]] > weight[codes[j]]
		}
		return codes[i] < codes[j]
	})
	if len(codes) > maxNetworkNodes {
		codes = codes[:maxNetworkNodes]
	}
	if len(codes) == 0 {
		n.Empty = true
		return n
	}
	// Place by weight order around the circle, heaviest at the top.
	cx, cy, radius := n.W/2, n.H/2, math.Min(n.W, n.H)/2-70
	maxW := weight[codes[0]]
	pos := map[string]*node{}
	for i, c := range codes {
		a := -math.Pi/2 + 2*math.Pi*float64(i)/float64(len(codes))
		x, y := cx, cy
		if len(codes) > 1 {
			x, y = cx+radius*math.Cos(a), cy+radius*math.Sin(a)
		}
		r := 6 + 14*math.Sqrt(float64(weight[c])/float64(maxW))
		anchor := "start"
		if math.Cos(a) < -0.2 {
			anchor = "end"
		} else if math.Abs(math.Cos(a)) <= 0.2 {
			anchor = "middle"
		}
		lx, ly := x+(r+4)*math.Cos(a), y+(r+4)*math.Sin(a)+4
		if len(codes) == 1 {
			lx, ly, anchor = x, y+r+14, "middle"
		}
		nd := node{X: x, Y: y, R: r, Code: c, LabelX: lx, LabelY: ly, Anchor: anchor,
			Title: fmt.Sprintf("%s: %d %s", names.ActorLabel(c), weight[c], plural(weight[c], "event", "events"))}
		if nodeHref != nil {
			nd.Href = nodeHref(c)
		}
		n.Nodes = append(n.Nodes, nd)
		pos[c] = &n.Nodes[len(n.Nodes)-1]
	}
	maxEvents := 1
	for _, d := range dyads {
		maxEvents = max(maxEvents, d.Events)
	}
	for _, d := range dyads {
		s, t := pos[d.Source], pos[d.Target]
		if s == nil || t == nil || s == t {
			continue
		}
		dx, dy := t.X-s.X, t.Y-s.Y
		l := math.Hypot(dx, dy)
		if l < 1 {
			continue
		}
		ux, uy := dx/l, dy/l
		// Offset each direction to its own side so A→B and B→A both show.
		ox, oy := -uy*4, ux*4
		e := edge{
			X1: s.X + ux*s.R + ox, Y1: s.Y + uy*s.R + oy,
			X2: t.X - ux*(t.R+6) + ox, Y2: t.Y - uy*(t.R+6) + oy,
			Width:  1 + 7*math.Sqrt(float64(d.Events)/float64(maxEvents)),
			Stroke: goldsteinColor(d.Goldstein),
			Title: fmt.Sprintf("%s → %s: %d %s, Goldstein sum %+.1f", names.Actor(d.Source), names.Actor(d.Target),
				d.Events, plural(d.Events, "event", "events"), d.Goldstein),
		}
		if edgeHref != nil {
			e.Href = edgeHref(d.Source, d.Target)
		}
		n.Edges = append(n.Edges, e)
	}
	return n
}

// goldsteinColor maps a summed Goldstein score to a colour from red
// (conflict) through grey (0) to green (cooperation), saturating at ±20.
func goldsteinColor(g float64) string {
	t := math.Min(1, math.Abs(g)/20)
	grey := [3]float64{150, 150, 150}
	to := [3]float64{27, 120, 55} // green
	if g < 0 {
		to = [3]float64{178, 24, 43} // red
	}
	var c [3]int
	for i := range c {
		c[i] = int(math.Round(grey[i] + (to[i]-grey[i])*(0.35+0.65*t)))
		if g == 0 {
			c[i] = int(grey[i])
		}
	}
	return fmt.Sprintf("#%02x%02x%02x", c[0], c[1], c[2])
}

// dyadChart is a diverging bar chart of an actor's dyads: conflict events
// to the left of the axis, cooperation to the right.
type dyadChart struct {
	W, H   float64
	Mid    float64
	Bars   []rect
	Labels []label
	Empty  bool
}

// newDyadChart draws one row per dyad (at most 20, busiest first).
func newDyadChart(dyads []store.Dyad, names Names, href func(src, tgt string) string) dyadChart {
	c := dyadChart{W: 900, Mid: 470}
	if len(dyads) > 20 {
		dyads = dyads[:20]
	}
	if len(dyads) == 0 {
		c.Empty = true
		c.H = 30
		return c
	}
	maxSide := 1
	for _, d := range dyads {
		maxSide = max(maxSide, d.Quads[0]+d.Quads[1], d.Quads[2]+d.Quads[3])
	}
	half := 150.0
	const row = 22.0
	c.Labels = append(c.Labels,
		label{X: c.Mid - 4, Y: 14, Text: "← conflict", Anchor: "end"},
		label{X: c.Mid + 4, Y: 14, Text: "cooperation →", Anchor: "start"})
	for i, d := range dyads {
		y := 24 + float64(i)*row
		coop, conf := d.Quads[0]+d.Quads[1], d.Quads[2]+d.Quads[3]
		var link string
		if href != nil {
			link = href(d.Source, d.Target)
		}
		c.Labels = append(c.Labels, label{X: c.Mid - half - 10, Y: y + 14,
			Text: names.Actor(d.Source) + " → " + names.Actor(d.Target), Anchor: "end"})
		// Stack each side by quad class, material outermost.
		x := c.Mid
		for _, q := range []int{1, 2} {
			n := d.Quads[q-1]
			if n == 0 {
				continue
			}
			w := float64(n) / float64(maxSide) * half
			c.Bars = append(c.Bars, rect{X: x, Y: y, W: w, H: row - 6, Fill: quadColor(q), Href: link,
				Title: fmt.Sprintf("%d %s", n, QuadName(q))})
			x += w
		}
		x = c.Mid
		for _, q := range []int{3, 4} {
			n := d.Quads[q-1]
			if n == 0 {
				continue
			}
			w := float64(n) / float64(maxSide) * half
			x -= w
			c.Bars = append(c.Bars, rect{X: x, Y: y, W: w, H: row - 6, Fill: quadColor(q), Href: link,
				Title: fmt.Sprintf("%d %s", n, QuadName(q))})
		}
		c.Labels = append(c.Labels, label{X: c.Mid + half + 10, Y: y + 14,
			Text: fmt.Sprintf("%d coop · %d conflict · Goldstein %+.1f", coop, conf, d.Goldstein), Anchor: "start"})
	}
	c.H = 24 + float64(len(dyads))*row + 8
	return c
}

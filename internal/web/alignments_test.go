package web

import (
	"net/http"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/alignments"
)

func TestAlignmentsPage(t *testing.T) {
	srv, _ := newTestServer(t)
	w := get(t, srv, "GET", "/alignments")
	if w.Code != http.StatusOK {
		t.Fatalf("GET /alignments: %d\n%s", w.Code, w.Body.String())
	}
	body := w.Body.String()
	// NOR and CHL mostly reject, threaten and seize: a negative tie, drawn
	// red and dashed, and two blocs.
	for _, want := range []string{`<svg class="chart alignments"`, `stroke="#c0392b"`, `stroke-dasharray="5 3"`, `href="/actor/NOR"`, `href="/actor/CHL"`,
		`class="active">Alignments</a>`, "2 blocs"} {
		if !strings.Contains(body, want) {
			t.Errorf("GET /alignments: no %q in\n%s", want, body)
		}
	}
	if strings.Contains(body, "<script>alert") {
		t.Error("unescaped hostile text on the alignments page")
	}
	// A window with no events: an empty chart, not an error.
	if w := get(t, srv, "GET", "/alignments?from=2030-01-01&to=2030-12-31"); w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "No ties") {
		t.Errorf("empty window: %d %s", w.Code, w.Body.String())
	}
	for _, u := range []string{"/alignments?from=yesterday", "/alignments?story=%3Cx%3E"} {
		if w := get(t, srv, "GET", u); w.Code != http.StatusBadRequest {
			t.Errorf("GET %s: %d, want 400", u, w.Code)
		}
	}
	if w := get(t, srv, "GET", "/alignments?story=nosuchstory"); w.Code != http.StatusNotFound {
		t.Errorf("unknown story: %d, want 404", w.Code)
	}
}

func TestAlignChartLayout(t *testing.T) {
	r := alignments.Result{
		Blocs: []alignments.Bloc{
			{ID: 0, Members: []alignments.Member{{Actor: "AAA", Confidence: 1}, {Actor: "BBB", Confidence: 0.5}, {Actor: "against-ZZZ", Confidence: 0.5, Initiative: true}}},
			{ID: 1, Members: []alignments.Member{{Actor: "ZZZ", Confidence: 1}}},
		},
		Network: alignments.Network{Nodes: []string{"AAA", "BBB", "ZZZ", "against-ZZZ"},
			Edges: []alignments.Edge{{A: "AAA", B: "BBB", Weight: 1}, {A: "AAA", B: "ZZZ", Weight: -2}}},
	}
	c := newAlignChart(r, Names{})
	if len(c.Nodes) != 4 || len(c.Edges) != 2 || c.Edges[0].Dash != "" || c.Edges[1].Dash == "" || c.Edges[1].Width <= c.Edges[0].Width {
		t.Fatalf("chart %+v", c)
	}
	// Bloc 0's members sit together, away from bloc 1.
	d := func(a, b alignNode) float64 { return (a.X-b.X)*(a.X-b.X) + (a.Y-b.Y)*(a.Y-b.Y) }
	if d(c.Nodes[0], c.Nodes[1]) >= d(c.Nodes[0], c.Nodes[3]) {
		t.Errorf("bloc members farther apart than blocs: %+v", c.Nodes)
	}
	if c.Nodes[2].Href != "" || !c.Nodes[2].Initiative {
		t.Errorf("initiative node %+v", c.Nodes[2])
	}
}

package stories

import (
	"bytes"
	"encoding/gob"
	"encoding/json"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/segment"
)

// article builds a segmented article from paragraphs of example text
// written for these tests.
func article(outlet, date, title string, paras ...string) *model.Article {
	text := strings.Join(paras, "\n\n")
	a := &model.Article{Outlet: outlet, Published: date, Title: title, Text: text, Language: "en"}
	off := 0
	for _, p := range paras {
		a.Paragraphs = append(a.Paragraphs, model.Paragraph{Span: model.Span{Start: off, End: off + len(p)}, Raw: model.NoSpan, Kind: model.KindBody})
		off += len(p) + 2
	}
	a.ID = articleID(a)
	segment.Segment(a, segment.Options{})
	return a
}

// The example stories: a border treaty between two invented countries
// (two episodes a fortnight apart, several outlets), a copy of one report,
// and an unrelated football match.
var (
	treatyA = article("Northern Courier", "2031-03-04", "Veloria and Ostrava sign river treaty",
		"Veloria and Ostrava signed a treaty on Tuesday sharing the waters of the Dravik river, ending a dispute that has soured relations for a decade.",
		"Velorian foreign minister Anna Kestrel said the agreement would let farmers on both banks plan their harvests. Ostravan premier Jonas Pell called it a new beginning.",
		"The treaty creates a joint commission to measure the river's flow and to settle quarrels over the Dravik dams before they reach the courts.")
	treatyB = article("Harbour Times", "2031-03-04", "River pact ends Dravik dispute",
		"Ostrava and Veloria ended their long quarrel over the Dravik river on Tuesday, signing a treaty that divides its waters between them.",
		"Premier Jonas Pell of Ostrava said the pact opened a new chapter, while Anna Kestrel, Veloria's foreign minister, said farmers could now plan their harvests.",
		"A joint commission will measure the flow of the Dravik and settle disputes over its dams.")
	treatyC = article("Plains Gazette", "2031-03-05", "Dravik river treaty signed",
		"The governments of Veloria and Ostrava signed a Dravik river water-sharing treaty, officials said on Wednesday.",
		"Anna Kestrel, the Velorian foreign minister, and Ostravan premier Jonas Pell attended the signing. A joint commission on the Dravik dams is to follow.")
	// treatyCopy reposts treatyA with a new first line and a tail.
	treatyCopy = article("Aggregator Daily", "2031-03-05", "Veloria and Ostrava sign river treaty",
		"Reposted from Northern Courier.",
		"Veloria and Ostrava signed a treaty on Tuesday sharing the waters of the Dravik river, ending a dispute that has soured relations for a decade.",
		"Velorian foreign minister Anna Kestrel said the agreement would let farmers on both banks plan their harvests. Ostravan premier Jonas Pell called it a new beginning.",
		"The treaty creates a joint commission to measure the river's flow and to settle quarrels over the Dravik dams before they reach the courts.",
		"Share this story with your friends.")
	treatyLater = article("Northern Courier", "2031-03-19", "Dravik commission holds first meeting",
		"The joint Dravik river commission created by the Veloria and Ostrava treaty met for the first time on Monday, two weeks after the signing.",
		"Velorian foreign minister Anna Kestrel told reporters the commission had agreed how to measure the river's flow at the dams. Ostrava's delegation said farmers would get the first figures in May.")
	football = article("Sports Desk", "2031-03-04", "Granite City win the cup",
		"Granite City beat Lakeside Rovers three goals to one in the cup final on Saturday, with striker Milo Brandt scoring twice.",
		"Lakeside coach Peter Vance praised his players but said the second half had been a disappointment for the club's supporters.")
)

func TestPlaceExamples(t *testing.T) {
	x := NewIndex(Options{})
	pa := x.Place(treatyA)
	pf := x.Place(football)
	pb := x.Place(treatyB)
	pc := x.Place(treatyC)
	pcopy := x.Place(treatyCopy)
	pl := x.Place(treatyLater)
	if !pa.NewEvent || !pa.NewStoryline {
		t.Errorf("first article should open an event and a storyline: %+v", pa)
	}
	got := func(p Placement) Placement { q, _ := x.Lookup(p.Article); return q }
	if got(pb).Event != got(pa).Event || got(pc).Event != got(pa).Event {
		t.Errorf("three reports of the signing in events %s, %s, %s", got(pa).Event, got(pb).Event, got(pc).Event)
	}
	if got(pf).Storyline == got(pa).Storyline || got(pf).Event == got(pa).Event {
		t.Errorf("football joined the treaty story: %+v", got(pf))
	}
	if pcopy.DuplicateOf != treatyA.ID || pcopy.Similarity < 0.6 {
		t.Errorf("copy: %+v, want duplicate of %s", pcopy, treatyA.ID)
	}
	if got(pcopy).Event != got(pa).Event {
		t.Errorf("copy not in its original's event cluster")
	}
	if pb.DuplicateOf != "" || pc.DuplicateOf != "" {
		t.Errorf("independent reports taken for copies: %+v %+v", pb, pc)
	}
	if got(pl).Event == got(pa).Event {
		t.Errorf("the commission meeting two weeks later joined the signing's event cluster")
	}
	if got(pl).Storyline != got(pa).Storyline {
		t.Errorf("the commission meeting is not in the treaty storyline: %+v", got(pl))
	}
	// Placing an article again changes nothing.
	n := x.Len()
	if again := x.Place(treatyB); !again.Known || again.Event != got(pb).Event || x.Len() != n {
		t.Errorf("re-placing: %+v, %d articles (was %d)", again, x.Len(), n)
	}
}

func TestNoDateSeparatesNothing(t *testing.T) {
	// Without dates the commission meeting may only be told apart by text;
	// the signing's reports must still come together.
	x := NewIndex(Options{})
	var ps []Placement
	for _, a := range []*model.Article{treatyA, treatyB, treatyC} {
		b := *a
		b.Published = ""
		ps = append(ps, x.Place(&b))
	}
	for _, p := range ps {
		if q, _ := x.Lookup(p.Article); q.Event != ps[0].Event {
			t.Errorf("undated reports split: %+v", q)
		}
	}
}

func TestDateWindow(t *testing.T) {
	// A report of the signing dated five weeks later is a new event of the
	// same storyline; a related report four months on opens a new
	// storyline. A copy links to its original whatever its date.
	x := NewIndex(Options{})
	p1 := x.Place(treatyB)
	c := *treatyC
	c.Published, c.ID = "2031-04-10", "later-c"
	p2 := x.Place(&c)
	if p2.Event == p1.Event {
		t.Errorf("report 5 weeks later joined the event cluster")
	}
	if p2.Storyline != p1.Storyline {
		t.Errorf("report 5 weeks later left the storyline")
	}
	l := *treatyLater
	l.Published = "2031-08-10"
	if p3 := x.Place(&l); p3.Storyline == p1.Storyline {
		t.Errorf("report 4 months later joined the storyline")
	}
	d := *treatyC
	d.Published, d.ID = "2033-01-01", "copy-c"
	if p4 := x.Place(&d); p4.DuplicateOf != "later-c" || p4.Event != p2.Event {
		t.Errorf("late copy: %+v, want a copy of later-c in %s", p4, p2.Event)
	}
}

func TestStoriesExport(t *testing.T) {
	x := NewIndex(Options{})
	for _, a := range []*model.Article{treatyA, football, treatyB, treatyC, treatyCopy, treatyLater} {
		x.Place(a)
	}
	stories := x.Stories()
	seen := map[string]int{}
	lines := map[string]bool{}
	for _, s := range stories {
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		for _, f := range []string{"type", "id", "level", "parent", "articles", "title", "first", "last"} {
			if _, ok := m[f]; !ok {
				t.Errorf("story record %s lacks %q", b, f)
			}
		}
		if m["type"] != "story" {
			t.Errorf("type %v", m["type"])
		}
		switch s.Level {
		case LevelStoryline:
			lines[s.ID] = true
			if s.Parent != nil {
				t.Errorf("storyline with a parent: %s", b)
			}
		case LevelEvent:
			if s.Parent == nil || !lines[*s.Parent] {
				t.Errorf("event cluster without its storyline before it: %s", b)
			}
			for _, a := range s.Articles {
				seen[a]++
			}
		default:
			t.Errorf("level %q", s.Level)
		}
		if s.First == nil || s.Last == nil || *s.First > *s.Last {
			t.Errorf("dates %v..%v", s.First, s.Last)
		}
	}
	if len(seen) != 6 {
		t.Errorf("event clusters list %d articles, want 6", len(seen))
	}
	for a, n := range seen {
		if n != 1 {
			t.Errorf("article %s in %d event clusters", a, n)
		}
	}
}

func TestSnapshotRoundTrip(t *testing.T) {
	x := NewIndex(Options{})
	for _, a := range []*model.Article{treatyA, football, treatyB} {
		x.Place(a)
	}
	var buf bytes.Buffer
	if err := x.Save(&buf); err != nil {
		t.Fatal(err)
	}
	y, err := Load(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []*model.Article{treatyC, treatyCopy, treatyLater} {
		px, py := x.Place(a), y.Place(a)
		if px != py {
			t.Errorf("after restore: %+v, want %+v", py, px)
		}
	}
	sx, _ := json.Marshal(x.Stories())
	sy, _ := json.Marshal(y.Stories())
	if !bytes.Equal(sx, sy) {
		t.Errorf("stories differ after restore:\n%s\n%s", sx, sy)
	}
	// A damaged snapshot is an error, not a panic.
	b := buf.Bytes()
	for _, n := range []int{0, 1, len(b) / 3, len(b) / 2, len(b) - 1} {
		if _, err := Load(bytes.NewReader(b[:n])); err == nil {
			t.Errorf("truncated snapshot (%d of %d bytes) loaded", n, len(b))
		}
	}
}

func TestMinHash(t *testing.T) {
	sa := signature(words(treatyA))
	if s := jaccard(sa, signature(words(treatyCopy))); s < 0.6 {
		t.Errorf("copy similarity %.2f, want >= 0.6", s)
	}
	if s := jaccard(sa, signature(words(treatyB))); s > 0.2 {
		t.Errorf("independent report similarity %.2f, want <= 0.2", s)
	}
	if s := jaccard(sa, signature(words(treatyA))); s != 1 {
		t.Errorf("self similarity %.2f", s)
	}
	if signature(nil) != nil {
		t.Error("signature of no words")
	}
}

func TestTermCounts(t *testing.T) {
	c, names := termCounts(treatyA, words(treatyA))
	for _, k := range []string{"w:veloria", "n:anna kestrel", "w:dravik", "w:treaty", "w:farmer"} {
		if c[k] == 0 {
			t.Errorf("term %q missing from %v", k, c)
		}
	}
	for _, k := range []string{"w:veloria", "n:anna kestrel", "w:dravik", "w:kestrel"} {
		if !names[k] {
			t.Errorf("%q is not a name", k)
		}
	}
	for _, k := range []string{"w:treaty", "w:farmer"} {
		if names[k] {
			t.Errorf("%q is a name", k)
		}
	}
	for _, k := range []string{"w:the", "w:said", "n:the", "w:tuesday"} {
		if c[k] != 0 {
			t.Errorf("stop term %q counted", k)
		}
	}
	// Actor mentions add actor terms.
	a := *treatyA
	a.Mentions = []model.Mention{{Text: "Veloria", Actor: "VLR", Kind: "LOC"}, {Text: "Anna Kestrel", Actor: "VLR", Person: "Anna Kestrel", Kind: "PER"}}
	c, _ = termCounts(&a, words(&a))
	if c["a:VLR"] != 2 || c["a:anna kestrel"] != 1 {
		t.Errorf("actor terms: %v %v", c["a:VLR"], c["a:anna kestrel"])
	}
}

func TestBCubed(t *testing.T) {
	p, r, f := BCubed([]string{"a", "a", "b", "b"}, []string{"x", "x", "y", "y"})
	if p != 1 || r != 1 || f != 1 {
		t.Errorf("perfect: %v %v %v", p, r, f)
	}
	p, r, _ = BCubed([]string{"a", "a", "a", "a"}, []string{"x", "x", "y", "y"})
	if p != 0.5 || r != 1 {
		t.Errorf("one cluster: %v %v", p, r)
	}
	p, r, _ = BCubed([]string{"a", "b", "c", "d"}, []string{"x", "x", "y", "y"})
	if p != 1 || r != 0.5 {
		t.Errorf("singletons: %v %v", p, r)
	}
}

// TestSnapshotChunksAndLegacy saves in chunks smaller than every part and
// loads the result, and loads a version 3 snapshot (one plain gob
// message): both restore an index that places the next articles as the
// original does.
func TestSnapshotChunksAndLegacy(t *testing.T) {
	x := NewIndex(Options{})
	for _, a := range []*model.Article{treatyA, football, treatyB, treatyC} {
		x.Place(a)
	}
	defer func(n int) { saveChunk = n }(saveChunk)
	saveChunk = 2
	var chunked bytes.Buffer
	if err := x.Save(&chunked); err != nil {
		t.Fatal(err)
	}
	var legacy bytes.Buffer
	if err := gob.NewEncoder(&legacy).Encode(snapshot{
		Version: 3, Options: x.opts, Terms: x.terms, DF: x.df, Docs: x.docs,
		Articles: x.arts, Events: x.events, Lines: x.lines,
		EventPost: x.evPost, LinePost: x.linePost, Buckets: x.buckets,
	}); err != nil {
		t.Fatal(err)
	}
	want := x.Place(treatyLater)
	for name, b := range map[string][]byte{"chunked": chunked.Bytes(), "version 3": legacy.Bytes()} {
		y, err := Load(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := y.Place(treatyLater); got != want {
			t.Errorf("%s: after restore %+v, want %+v", name, got, want)
		}
	}
}

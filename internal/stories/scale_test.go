package stories

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/segment"
)

var (
	scaleFlag = flag.Bool("scale", false, "run TestScale: place 200,000 generated articles (minutes)")
	scaleN    = flag.Int("scale.n", 200000, "articles TestScale places")
)

// TestScale places 200,000 articles built from real news texts under
// ../shared/data (PolNeAR, ECB+, GUM news, TempEval-3) with realistic
// perturbations — several outlets per event, sentences dropped and
// reordered, words substituted, dates shifted, syndicated copies — and
// compares the time per article of the first and the last 10,000. It is
// opt-in (go test -run TestScale -scale, or SITREP_SCALE=1) because it
// takes minutes.
func TestScale(t *testing.T) {
	if !*scaleFlag && os.Getenv("SITREP_SCALE") == "" {
		t.Skip("opt-in: go test ./internal/stories -run TestScale -scale -v")
	}
	bases := loadBaseTexts(t)
	t.Logf("%d base texts", len(bases))
	n := *scaleN
	gen := newGenerator(bases, 42)
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	heap0 := ms.HeapAlloc
	x := NewIndex(Options{})
	window := min(10000, n/2)
	durs := make([]time.Duration, 0, n)
	dups, newEv := 0, 0
	ids := make([]string, 0, n)
	gold := make([]string, 0, n)
	start := time.Now()
	for i := 0; i < n; i++ {
		a, ev := gen.next()
		ids, gold = append(ids, a.ID), append(gold, fmt.Sprint(ev))
		t0 := time.Now()
		p := x.Place(a)
		durs = append(durs, time.Since(t0))
		if p.DuplicateOf != "" {
			dups++
		}
		if p.NewEvent {
			newEv++
		}
		if (i+1)%20000 == 0 {
			st := stats(durs[i+1-20000 : i+1])
			t.Logf("%d placed, %v; last 20000: mean %v, median %v", i+1, time.Since(start).Round(time.Second), st.mean, st.median)
		}
	}
	first, last := stats(durs[:window]), stats(durs[len(durs)-window:])
	pred := make([]string, n)
	for i, id := range ids {
		p, _ := x.Lookup(id)
		pred[i] = p.Event
	}
	bp, br, bf := BCubed(pred, gold)
	t.Logf("event clusters against the generated events: B3 P %.4f R %.4f F1 %.4f", bp, br, bf)
	runtime.GC()
	runtime.ReadMemStats(&ms)
	t.Logf("placed %d articles: %d copies found (%d generated), %d event clusters opened, %d living event clusters, %d storylines",
		n, dups, gen.copies, newEv, living(x.events), living(x.lines))
	t.Logf("first %d: mean %v median %v; last %d: mean %v median %v; ratio mean %.2f median %.2f",
		window, first.mean, first.median, window, last.mean, last.median,
		float64(last.mean)/float64(first.mean), float64(last.median)/float64(first.median))
	grown := float64(ms.HeapAlloc) - float64(heap0)
	t.Logf("heap grew by %.1f MB over the run: %.0f bytes per article (index, vocabulary and the generator's recent articles)", grown/1e6, grown/float64(n))
	runtime.KeepAlive(x)
	if r := float64(last.median) / float64(first.median); r > 1.3 || r < 1/1.3 {
		t.Errorf("time per article not flat: median %v first, %v last (ratio %.2f)", first.median, last.median, r)
	}
}

func living(cs []*cluster) int {
	n := 0
	for _, c := range cs {
		if c.Alias < 0 {
			n++
		}
	}
	return n
}

type durStats struct{ mean, median time.Duration }

func stats(d []time.Duration) durStats {
	s := slices.Clone(d)
	slices.Sort(s)
	var sum time.Duration
	for _, x := range s {
		sum += x
	}
	return durStats{mean: sum / time.Duration(len(s)), median: s[len(s)/2]}
}

// baseText is one real news text split into sentences.
type baseText struct{ sents []string }

var (
	sentSplit = regexp.MustCompile(`([.!?]["”’]?)\s+`)
	tagRE     = regexp.MustCompile(`<[^>]+>`)
)

// loadBaseTexts reads the news texts of ../shared/data.
func loadBaseTexts(t *testing.T) []baseText {
	data := filepath.Join(sharedDir(t), "data")
	var texts []string
	for _, g := range []string{"polnear/train/text/*.txt", "polnear/dev/text/*.txt"} {
		files, _ := filepath.Glob(filepath.Join(data, g))
		for _, f := range files {
			if b, err := os.ReadFile(f); err == nil {
				texts = append(texts, string(b))
			}
		}
	}
	files, _ := filepath.Glob(filepath.Join(data, "tempeval3", "TBAQ-cleaned", "*", "*.tml"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		s := string(b)
		if i := strings.Index(s, "<TEXT>"); i >= 0 {
			s = s[i:]
		}
		texts = append(texts, tagRE.ReplaceAllString(s, ""))
	}
	files, _ = filepath.Glob(filepath.Join(data, "gum-news", "dep", "*.conllu"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		var sb strings.Builder
		for _, l := range strings.Split(string(b), "\n") {
			if t, ok := strings.CutPrefix(l, "# text = "); ok {
				sb.WriteString(t + " ")
			}
		}
		texts = append(texts, sb.String())
	}
	if docs, err := LoadECB(filepath.Join(data, "ecbplus")); err == nil {
		for _, d := range docs {
			texts = append(texts, d.Article.Text)
		}
	}
	var out []baseText
	for _, s := range texts {
		s = strings.Join(strings.Fields(s), " ")
		parts := sentSplit.ReplaceAllString(s, "$1\x00")
		var b baseText
		for _, p := range strings.Split(parts, "\x00") {
			if p = strings.TrimSpace(p); p != "" {
				b.sents = append(b.sents, p)
			}
		}
		if len(b.sents) >= 3 {
			out = append(out, b)
		}
	}
	if len(out) < 100 {
		t.Skipf("only %d base texts under %s", len(out), data)
	}
	return out
}

// generator makes a stream of articles: events happen day by day, each
// reported by one to eight outlets in their own words (a perturbed copy of
// one base text), now and then reposted verbatim by an aggregator.
type generator struct {
	r       *rand.Rand
	bases   []baseText
	vocab   []string
	day     int
	queue   []*model.Article
	events  []int // event number of each queued article
	nevents int
	recent  []*model.Article
	eventOf map[*model.Article]int
	copies  int
	outlets []string
}

func newGenerator(bases []baseText, seed uint64) *generator {
	g := &generator{r: rand.New(rand.NewPCG(seed, seed^0x9e37)), bases: bases, eventOf: map[*model.Article]int{}}
	seen := map[string]bool{}
	for _, b := range bases[:min(len(bases), 300)] {
		for _, s := range b.sents {
			for _, w := range strings.Fields(s) {
				if len(w) > 3 && !seen[w] {
					seen[w] = true
					g.vocab = append(g.vocab, w)
				}
			}
		}
	}
	slices.Sort(g.vocab)
	for i := range 60 {
		g.outlets = append(g.outlets, fmt.Sprintf("Outlet %02d", i))
	}
	return g
}

// next returns the next article of the stream, segmented, and the number
// of the event it reports.
func (g *generator) next() (*model.Article, int) {
	for len(g.queue) == 0 {
		g.event()
	}
	a, ev := g.queue[0], g.events[0]
	g.queue, g.events = g.queue[1:], g.events[1:]
	segment.Segment(a, segment.Options{})
	return a, ev
}

// event adds the reports of one new event to the queue: about 280
// articles a day.
func (g *generator) event() {
	if g.r.IntN(60) == 0 {
		g.day++
	}
	base := g.bases[g.r.IntN(len(g.bases))]
	date := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, g.day)
	reports := 1 + g.r.IntN(8)
	g.nevents++
	for k := 0; k < reports; k++ {
		if k > 0 && g.r.IntN(10) == 0 && len(g.recent) > 0 {
			// An aggregator reposts a recent report with its own furniture.
			orig := g.recent[g.r.IntN(len(g.recent))]
			g.copies++
			g.queue = append(g.queue, mkArticle("Reposted from "+orig.Outlet+".\n\n"+orig.Text+"\n\nShare this article.",
				"Aggregator "+fmt.Sprint(g.r.IntN(5)), orig.Published))
			g.events = append(g.events, g.eventOf[orig])
			continue
		}
		a := mkArticle(g.perturb(base), g.outlets[g.r.IntN(len(g.outlets))], date.AddDate(0, 0, g.r.IntN(3)).Format("2006-01-02"))
		g.queue = append(g.queue, a)
		g.events = append(g.events, g.nevents)
		g.recent = append(g.recent, a)
		g.eventOf[a] = g.nevents
		if len(g.recent) > 200 {
			for _, old := range g.recent[:100] {
				delete(g.eventOf, old)
			}
			g.recent = g.recent[100:]
		}
	}
}

// perturb retells a base text: drops up to a third of its sentences,
// swaps neighbours, substitutes about one word in thirty and cuts it to
// at most 40 sentences.
func (g *generator) perturb(b baseText) string {
	var out []string
	for _, s := range b.sents {
		if g.r.IntN(3) == 0 {
			continue
		}
		ws := strings.Fields(s)
		for i := range ws {
			if g.r.IntN(30) == 0 {
				ws[i] = g.vocab[g.r.IntN(len(g.vocab))]
			}
		}
		out = append(out, strings.Join(ws, " "))
		if len(out) >= 40 {
			break
		}
	}
	for i := 1; i < len(out); i++ {
		if g.r.IntN(5) == 0 {
			out[i-1], out[i] = out[i], out[i-1]
		}
	}
	if len(out) == 0 {
		out = b.sents[:1]
	}
	var paras []string
	for i := 0; i < len(out); i += 3 {
		paras = append(paras, strings.Join(out[i:min(i+3, len(out))], " "))
	}
	return strings.Join(paras, "\n\n")
}

// mkArticle builds an unsegmented article of paragraphs split on blank
// lines.
func mkArticle(text, outlet, date string) *model.Article {
	a := &model.Article{Text: text, Outlet: outlet, Published: date, Language: "en"}
	off := 0
	for _, p := range strings.Split(text, "\n\n") {
		a.Paragraphs = append(a.Paragraphs, model.Paragraph{Span: model.Span{Start: off, End: off + len(p)}, Raw: model.NoSpan, Kind: model.KindBody})
		off += len(p) + 2
	}
	a.ID = articleID(a)
	return a
}

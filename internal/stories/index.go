package stories

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"math"
	"math/bits"
	"slices"
	"strings"
	"time"

	"github.com/sitrep/sitrep/internal/model"
)

// Options tunes an Index. The zero value of a field selects its default
// (see DefaultOptions); the options are saved with a snapshot.
type Options struct {
	// TopTerms is how many of an article's terms (by TF-IDF weight) are
	// kept as its vector; QueryTerms how many of those look up candidates.
	TopTerms   int
	QueryTerms int
	// PostingsCap is how many clusters a term's postings list keeps (the
	// most recent; entries dated twice the level's window before a new
	// entry are dropped too); Candidates how many retrieved clusters in the
	// date window are compared exactly; CentroidTerms how many terms a
	// centroid keeps.
	PostingsCap   int
	Candidates    int
	CentroidTerms int
	// EventThreshold and StorylineThreshold are the cosine similarities an
	// article needs to join an event cluster, and a new event cluster to
	// join a storyline.
	EventThreshold     float64
	StorylineThreshold float64
	// EventMerge and StorylineMerge are the cosine similarities between
	// two clusters' centroids above which they are merged (checked after
	// each placement, for the clusters the article touched): the later
	// cluster joins the earlier one. Merging makes the clustering depend
	// less on arrival order. Negative disables merging.
	EventMerge     float64
	StorylineMerge float64
	// EventDays and StorylineDays are how far (in days) an article's date
	// may lie outside a cluster's date range for it to join. Articles or
	// clusters without dates are placed on text alone.
	EventDays     int
	StorylineDays int
	// DupThreshold is the estimated Jaccard similarity of word 5-shingles
	// above which an article is a copy of an earlier one.
	DupThreshold float64
	// NameBoost and ActorBoost scale the weight of capitalised names and
	// of actor-stage terms (actor codes, persons) over content words in
	// the event vector; ThemeNameBoost scales names in the theme vector
	// storylines are compared on (a storyline is held together by its
	// themes and actors more than by the names of one episode).
	NameBoost      float64
	ActorBoost     float64
	ThemeNameBoost float64
	// PriorDocs is a number of imaginary documents in which no term
	// occurs, added to the document count in IDF: a young index has seen
	// too few articles for document frequencies to mean much (the first
	// story it sees makes its own words look common), and the prior keeps
	// IDF flat until real counts outweigh it. Negative means none.
	PriorDocs int
	// ThemeIDFPower flattens IDF in the theme space: IDF^ThemeIDFPower
	// (default 1: on ECB+, 0.5 and 0.75 did no better).
	ThemeIDFPower float64
}

// DefaultOptions returns the options used when a field is zero. The
// thresholds were set on ECB+ (odd topics) and the seed articles; see the
// package tests for the figures.
func DefaultOptions() Options {
	return Options{
		TopTerms:           40,
		QueryTerms:         20,
		PostingsCap:        48,
		Candidates:         40,
		CentroidTerms:      60,
		EventThreshold:     0.14,
		StorylineThreshold: 0.08,
		EventMerge:         0.25,
		StorylineMerge:     0.12,
		EventDays:          3,
		StorylineDays:      42,
		DupThreshold:       0.6,
		NameBoost:          1.5,
		ActorBoost:         1.5,
		ThemeNameBoost:     0.75,
		PriorDocs:          1000,
		ThemeIDFPower:      1,
	}
}

func (o Options) withDefaults() Options {
	d := DefaultOptions()
	setInt := func(v *int, def int) {
		if *v <= 0 {
			*v = def
		}
	}
	setF := func(v *float64, def float64) {
		if *v <= 0 || math.IsNaN(*v) {
			*v = def
		}
	}
	setInt(&o.TopTerms, d.TopTerms)
	setInt(&o.QueryTerms, d.QueryTerms)
	setInt(&o.PostingsCap, d.PostingsCap)
	setInt(&o.Candidates, d.Candidates)
	setInt(&o.CentroidTerms, d.CentroidTerms)
	setF(&o.EventThreshold, d.EventThreshold)
	setF(&o.StorylineThreshold, d.StorylineThreshold)
	if o.EventMerge == 0 || math.IsNaN(o.EventMerge) {
		o.EventMerge = d.EventMerge
	}
	if o.StorylineMerge == 0 || math.IsNaN(o.StorylineMerge) {
		o.StorylineMerge = d.StorylineMerge
	}
	setInt(&o.EventDays, d.EventDays)
	setInt(&o.StorylineDays, d.StorylineDays)
	setF(&o.DupThreshold, d.DupThreshold)
	setF(&o.NameBoost, d.NameBoost)
	setF(&o.ActorBoost, d.ActorBoost)
	setF(&o.ThemeNameBoost, d.ThemeNameBoost)
	setF(&o.ThemeIDFPower, d.ThemeIDFPower)
	o.ThemeIDFPower = min(o.ThemeIDFPower, 4)
	if o.PriorDocs == 0 {
		o.PriorDocs = d.PriorDocs
	}
	// Bound everything, so that options from a damaged snapshot or a
	// careless caller cannot make placement allocate without limit.
	o.TopTerms = min(o.TopTerms, 1000)
	o.QueryTerms = min(o.QueryTerms, o.TopTerms)
	o.PostingsCap = min(o.PostingsCap, 100000)
	o.Candidates = min(o.Candidates, 10000)
	o.CentroidTerms = min(o.CentroidTerms, 10000)
	o.EventDays = min(o.EventDays, 100000)
	o.StorylineDays = min(o.StorylineDays, 100000)
	o.PriorDocs = min(o.PriorDocs, 1<<30)
	return o
}

// noDay marks a missing date.
const noDay = math.MinInt32

// Placement says where Index.Place put an article.
type Placement struct {
	// Article is the article's ID.
	Article string `json:"article"`
	// DuplicateOf is the ID of the original this article copies (a
	// syndicated or reposted copy), or "" when it is not a copy;
	// Similarity is the estimated Jaccard similarity of their shingles.
	DuplicateOf string  `json:"duplicate_of,omitempty"`
	Similarity  float64 `json:"similarity,omitempty"`
	// Event is the event cluster's ID, Storyline its parent storyline's.
	Event     string `json:"event"`
	Storyline string `json:"storyline"`
	// EventScore is the cosine similarity to the event cluster joined (0
	// when a new cluster was opened), StorylineScore likewise.
	EventScore     float64 `json:"event_score,omitempty"`
	StorylineScore float64 `json:"storyline_score,omitempty"`
	// NewEvent and NewStoryline are true when the article opened them.
	NewEvent     bool `json:"new_event,omitempty"`
	NewStoryline bool `json:"new_storyline,omitempty"`
	// Known is true when the article's ID had been placed before: the
	// placement is the earlier one and nothing changed.
	Known bool `json:"known,omitempty"`
}

// vec is a sparse vector: term IDs ascending, weights beside them.
type vec struct {
	Terms   []int32
	Weights []float32
}

// articleRec is what the index keeps of an article: no text.
type articleRec struct {
	ID    string
	Day   int32
	Sig   []uint32
	Vec   vec // event vector
	Theme vec // theme vector, for storylines
	Event int32
	DupOf int32 // index of the original, -1 when not a copy
}

// cluster is an event cluster or a storyline.
type cluster struct {
	ID       string
	Title    string
	Parent   int32 // storyline of an event cluster (maybe merged since: see parent); -1 for a storyline
	First    int32
	Last     int32
	Articles []int32
	Children []int32 // event clusters of a storyline
	Centroid vec
	// Norm caches the centroid's weighted norm, computed at document
	// count NormN (0: not computed since the centroid last changed).
	Norm  float64
	NormN int32
	// Alias is the cluster this one was merged into, or -1 while it lives.
	// Postings may still name a merged cluster; find resolves it.
	Alias int32
}

// find resolves cluster c through merges to the living cluster.
func find(cs []*cluster, c int32) int32 {
	for cs[c].Alias >= 0 {
		if a := cs[c].Alias; cs[a].Alias >= 0 {
			cs[c].Alias = cs[a].Alias // path halving
		}
		c = cs[c].Alias
	}
	return c
}

// Index places articles into event clusters and storylines online. It is
// not safe for concurrent use.
type Index struct {
	opts     Options
	vocab    map[string]int32
	terms    []string
	df       []int32
	docs     int
	arts     []articleRec
	byID     map[string]int32
	events   []*cluster
	lines    []*cluster
	evPost   postings
	linePost postings
	buckets  map[uint64]bucket
	// idfVal caches idf per term, computed from idfKey.
	idfVal []float64
	idfKey []idfKey
}

// bucket holds the first two articles (index+1, 0 for none) whose
// signatures share one LSH band: enough to find an original, and free of
// pointers so that millions of buckets cost the collector nothing.
type bucket [2]int32

// NewIndex returns an empty index.
func NewIndex(opts Options) *Index {
	return &Index{
		opts:     opts.withDefaults(),
		vocab:    map[string]int32{},
		byID:     map[string]int32{},
		evPost:   postings{},
		linePost: postings{},
		buckets:  map[uint64]bucket{},
	}
}

// Options returns the index's options with defaults filled in.
func (x *Index) Options() Options { return x.opts }

// Len returns the number of articles placed.
func (x *Index) Len() int { return len(x.arts) }

// articleID returns a.ID, or the ID the extract stage would give the text
// when a.ID is empty.
func articleID(a *model.Article) string {
	if a.ID != "" {
		return a.ID
	}
	sum := sha256.Sum256([]byte(strings.Join(strings.Fields(a.Text), " ")))
	return hex.EncodeToString(sum[:8])
}

// dayOf parses a YYYY-MM-DD date into days since 1970-01-01, or noDay.
func dayOf(s string) int32 {
	if len(s) < 10 {
		return noDay
	}
	t, err := time.Parse("2006-01-02", s[:10])
	if err != nil {
		return noDay
	}
	return int32(t.Unix() / 86400)
}

// dateOf formats a day number, or returns nil for noDay.
func dateOf(d int32) *string {
	if d == noDay {
		return nil
	}
	s := time.Unix(int64(d)*86400, 0).UTC().Format("2006-01-02")
	return &s
}

// Place puts a into the index and says where: the original it copies, its
// event cluster and its storyline. a should be segmented (a.Tokens);
// without tokens its text is tokenized here. a.Published dates it; a.Mentions
// (from the actor stage) add actor features when present. a is not
// modified. Placing an ID already placed returns the earlier placement.
func (x *Index) Place(a *model.Article) Placement {
	id := articleID(a)
	if i, ok := x.byID[id]; ok {
		p := x.placement(i)
		p.Known = true
		return p
	}
	ws := words(a)
	counts, names := termCounts(a, ws)
	rec := articleRec{ID: id, Day: dayOf(a.Published), Sig: signature(ws), DupOf: -1, Event: -1}
	rec.Vec, rec.Theme = x.vectorize(counts, names)
	idx := int32(len(x.arts))

	p := Placement{Article: id}
	// 1. A copy of an earlier article joins its original's cluster.
	if orig, sim := x.findCopy(rec.Sig); orig >= 0 {
		rec.DupOf = orig
		rec.Event = x.arts[orig].Event
		p.DuplicateOf, p.Similarity = x.arts[orig].ID, sim
	}
	// 2. Otherwise the most similar event cluster in the date window.
	if rec.Event < 0 {
		if c, s := x.best(x.events, x.evPost, rec.Vec, rec.Day, x.opts.EventThreshold, x.opts.EventDays, false); c >= 0 {
			rec.Event, p.EventScore = c, s
		}
	}
	if rec.Event < 0 {
		// 3. A new event cluster, in the most similar storyline.
		ev := &cluster{ID: "ev-" + id, Title: titleOf(a), Parent: -1, First: noDay, Last: noDay, Alias: -1}
		rec.Event = int32(len(x.events))
		x.events = append(x.events, ev)
		p.NewEvent = true
		if s, sc := x.best(x.lines, x.linePost, rec.Theme, rec.Day, x.opts.StorylineThreshold, x.opts.StorylineDays, true); s >= 0 {
			ev.Parent, p.StorylineScore = s, sc
		} else {
			ev.Parent = int32(len(x.lines))
			x.lines = append(x.lines, &cluster{ID: "st-" + id, Title: ev.Title, Parent: -1, First: noDay, Last: noDay, Alias: -1})
			p.NewStoryline = true
		}
		x.lines[ev.Parent].Children = append(x.lines[ev.Parent].Children, rec.Event)
	}
	x.arts = append(x.arts, rec)
	x.byID[id] = idx
	x.add(idx)
	x.consolidate(rec.Event)
	e := x.arts[idx].Event
	p.Event, p.Storyline = x.events[e].ID, x.lines[x.parent(e)].ID
	return p
}

// consolidate merges event cluster e with the most similar other event
// cluster, and its storyline with the most similar other storyline, when
// their centroids are similar enough and their dates close enough.
func (x *Index) consolidate(e int32) {
	if x.opts.EventMerge > 0 {
		if o := x.similar(x.events, x.evPost, e, x.opts.EventMerge, x.opts.EventDays, false); o >= 0 {
			e = x.mergeEvents(e, o)
		}
	}
	if x.opts.StorylineMerge > 0 {
		s := x.parent(e)
		// Only mutual best matches merge: a storyline whose centroid has
		// gone generic would otherwise swallow its neighbours one by one.
		if o := x.similar(x.lines, x.linePost, s, x.opts.StorylineMerge, x.opts.StorylineDays, true); o >= 0 && (x.similar(x.lines, x.linePost, o, x.opts.StorylineMerge, x.opts.StorylineDays, true) == s) {
			x.mergeLines(s, o)
		}
	}
}

// similar returns the living cluster most similar to cluster c (cosine of
// centroids, at least threshold, dates within days), found through the
// postings of c's heaviest terms, or -1.
func (x *Index) similar(cs []*cluster, postings postings, c int32, threshold float64, days int, theme bool) int32 {
	me := cs[c]
	if len(me.Centroid.Terms) == 0 {
		return -1
	}
	cands := x.retrieve(cs, postings, me.Centroid, theme, c, me.First, me.Last, days)
	best, bestSim := int32(-1), 0.0
	mn := x.norm(me, theme)
	for _, o := range cands {
		s := x.cosC(me.Centroid, mn, cs[o], theme)
		if s > bestSim || (s == bestSim && o < best) {
			best, bestSim = o, s
		}
	}
	if bestSim < threshold {
		return -1
	}
	return best
}

// retrieve returns up to Candidates living clusters sharing heavy terms
// with v whose dates lie within days of [first, last], best first by the
// summed weight of the shared query terms (ties: lower index). exclude is
// left out (-1: none).
func (x *Index) retrieve(cs []*cluster, postings postings, v vec, theme bool, exclude int32, first, last int32, days int) []int32 {
	q := x.queryTerms(v, x.opts.QueryTerms, theme)
	acc := make(map[int32]float64, 64)
	for _, t := range q {
		i, ok := slices.BinarySearch(v.Terms, t)
		if !ok {
			continue
		}
		w := float64(v.Weights[i]) * x.tidf(t, theme)
		p := postings[t]
		if len(p) > x.opts.PostingsCap {
			p = p[len(p)-x.opts.PostingsCap:]
		}
		for _, e := range p {
			if e.Day != noDay && first != noDay && !rangesWithin(first, last, e.Day, e.Day, 2*days) {
				continue // an entry that old (or new) names a cluster out of reach
			}
			acc[find(cs, e.C)] += w
		}
	}
	type cand struct {
		c int32
		s float64
	}
	cands := make([]cand, 0, len(acc))
	for c, s := range acc {
		if c == exclude {
			continue
		}
		if oc := cs[c]; len(oc.Centroid.Terms) == 0 || !rangesWithin(first, last, oc.First, oc.Last, days) {
			continue
		}
		cands = append(cands, cand{c, s})
	}
	slices.SortFunc(cands, func(a, b cand) int {
		if a.s != b.s {
			return cmp.Compare(b.s, a.s)
		}
		return cmp.Compare(a.c, b.c)
	})
	if len(cands) > x.opts.Candidates {
		cands = cands[:x.opts.Candidates]
	}
	out := make([]int32, len(cands))
	for i, c := range cands {
		out[i] = c.c
	}
	return out
}

// rangesWithin reports whether two date ranges lie within days of each
// other; a missing range always fits.
func rangesWithin(f1, l1, f2, l2 int32, days int) bool {
	if f1 == noDay || f2 == noDay {
		return true
	}
	gap := max(f2-l1, f1-l2, 0)
	return int(gap) <= days
}

// absorb adds cluster v's articles, dates and centroid to cluster s and
// marks v merged into s.
func (x *Index) absorb(s, v *cluster, sIdx int32, theme bool) {
	s.Articles = cat(s.Articles, v.Articles)
	if v.First != noDay {
		if s.First == noDay || v.First < s.First {
			s.First = v.First
		}
		if s.Last == noDay || v.Last > s.Last {
			s.Last = v.Last
		}
	}
	s.Centroid = x.addVec(s.Centroid, v.Centroid, theme)
	s.NormN = 0
	v.Articles, v.Centroid, v.Alias = nil, vec{}, sIdx
}

// cat returns the concatenation of a and b in some order, appending the
// shorter to the longer so that repeated merging costs O(n log n) in all.
func cat(a, b []int32) []int32 {
	if len(a) < len(b) {
		a, b = b, a
	}
	return append(a, b...)
}

// parent returns the living storyline of event cluster e.
func (x *Index) parent(e int32) int32 {
	ev := x.events[e]
	ev.Parent = find(x.lines, ev.Parent)
	return ev.Parent
}

// mergeEvents merges event clusters a and b into the older one and
// returns it; their storylines are merged too when they differ.
func (x *Index) mergeEvents(a, b int32) int32 {
	s, v := min(a, b), max(a, b)
	sc, vc := x.events[s], x.events[v]
	for _, i := range vc.Articles {
		x.arts[i].Event = s
	}
	sp, vp := x.parent(s), x.parent(v)
	// v stays in its storyline's Children, merged; listings skip it.
	x.absorb(sc, vc, s, false)
	if vp != sp {
		// The event's articles count in both storylines until they merge.
		x.mergeLines(sp, vp)
	}
	return s
}

// mergeLines merges storylines a and b into the older one.
func (x *Index) mergeLines(a, b int32) {
	s, v := min(a, b), max(a, b)
	sc, vc := x.lines[s], x.lines[v]
	// Children keep naming v as their parent; parent() resolves it.
	sc.Children = cat(sc.Children, vc.Children)
	vc.Children = nil
	x.absorb(sc, vc, s, true)
}

// add records article idx in its clusters, postings and LSH buckets. It
// is the one place index structures grow, so that Restore can replay it.
func (x *Index) add(idx int32) {
	rec := &x.arts[idx]
	ev := x.events[rec.Event]
	lp := x.parent(rec.Event)
	line := x.lines[lp]
	for _, c := range []*cluster{ev, line} {
		v := rec.Vec
		if c == line {
			v = rec.Theme
		}
		c.Articles = append(c.Articles, idx)
		if rec.DupOf >= 0 {
			// A copy counts once, with its original: its date is a
			// republication date and its words are the original's.
			continue
		}
		if rec.Day != noDay {
			if c.First == noDay || rec.Day < c.First {
				c.First = rec.Day
			}
			if c.Last == noDay || rec.Day > c.Last {
				c.Last = rec.Day
			}
		}
		c.Centroid = x.addVec(c.Centroid, v, c == line)
		c.NormN = 0
	}
	for _, t := range x.queryTerms(rec.Vec, x.opts.QueryTerms, false) {
		x.evPost[t] = post(x.evPost[t], rec.Event, rec.Day, x.opts.PostingsCap, 2*x.opts.EventDays)
	}
	for _, t := range x.queryTerms(rec.Theme, x.opts.QueryTerms, true) {
		x.linePost[t] = post(x.linePost[t], lp, rec.Day, x.opts.PostingsCap, 2*x.opts.StorylineDays)
	}
	if rec.DupOf < 0 && rec.Sig != nil {
		for _, k := range bandKeys(rec.Sig) {
			b := x.buckets[k]
			if b[0] == 0 {
				x.buckets[k] = bucket{idx + 1, 0}
			} else if b[1] == 0 {
				x.buckets[k] = bucket{b[0], idx + 1}
			}
		}
	}
}

// postings maps a term to the clusters that recently took an article
// with the term among its heaviest, oldest first.
type postings map[int32][]posting

// posting is one entry of a postings list: a cluster and the date of the
// latest article that put it there (noDay when undated).
type posting struct{ C, Day int32 }

// post appends cluster c, reached by an article of day, to a postings
// list (or refreshes the date of its last entry). It drops leading entries
// dated more than window days before day (their clusters cannot take
// articles of this date), and keeps at most about 2*limit entries (the
// most recent), so that a list's length follows the stream's recent
// activity, not its history.
func post(p []posting, c, day int32, limit, window int) []posting {
	if n := len(p); n > 0 && p[n-1].C == c {
		if day != noDay && (p[n-1].Day == noDay || day > p[n-1].Day) {
			p[n-1].Day = day
		}
		return p
	}
	p = append(p, posting{c, day})
	drop := 0
	if day != noDay {
		for drop < len(p) && p[drop].Day != noDay && int(day)-int(p[drop].Day) > window {
			drop++
		}
	}
	if len(p)-drop >= 2*limit {
		drop = len(p) - limit
	}
	if drop > 0 {
		keep := make([]posting, len(p)-drop, max(len(p)-drop, limit)+1)
		copy(keep, p[drop:])
		p = keep
	}
	return p
}

// findCopy returns the original of the best LSH candidate whose estimated
// Jaccard similarity to sig reaches the threshold, or -1.
func (x *Index) findCopy(sig []uint32) (int32, float64) {
	if sig == nil {
		return -1, 0
	}
	best, bestSim := int32(-1), 0.0
	seen := map[int32]bool{}
	for _, k := range bandKeys(sig) {
		for _, c1 := range x.buckets[k] {
			c := c1 - 1
			if c < 0 || seen[c] {
				continue
			}
			seen[c] = true
			s := jaccard(sig, x.arts[c].Sig)
			if s > bestSim || (s == bestSim && c < best) {
				best, bestSim = c, s
			}
		}
	}
	if best < 0 || bestSim < x.opts.DupThreshold {
		return -1, 0
	}
	if o := x.arts[best].DupOf; o >= 0 {
		best = o
	}
	return best, bestSim
}

// best retrieves candidate clusters of v through the postings lists and
// returns the most similar one within days of day whose cosine reaches
// threshold, or -1.
func (x *Index) best(cs []*cluster, postings postings, v vec, day int32, threshold float64, days int, theme bool) (int32, float64) {
	if len(v.Terms) == 0 {
		return -1, 0
	}
	vn := x.vnorm(v, theme)
	best, bestSim := int32(-1), 0.0
	for _, c := range x.retrieve(cs, postings, v, theme, -1, day, day, days) {
		s := x.cosC(v, vn, cs[c], theme)
		if s > bestSim || (s == bestSim && c < best) {
			best, bestSim = c, s
		}
	}
	if bestSim < threshold {
		return -1, 0
	}
	return best, bestSim
}

// vectorize turns term counts into the article's unit TF-IDF event and
// theme vectors of their TopTerms best terms, counting the article in the
// document frequencies.
func (x *Index) vectorize(counts map[string]int, names map[string]bool) (event, theme vec) {
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	slices.Sort(keys) // term IDs must not depend on map order
	x.docs++
	ev := make([]tw, 0, len(keys))
	th := make([]tw, 0, len(keys))
	for _, k := range keys {
		t, ok := x.vocab[k]
		if !ok {
			t = int32(len(x.terms))
			x.vocab[k] = t
			x.terms = append(x.terms, k)
			x.df = append(x.df, 0)
		}
		x.df[t]++
		idf := x.idf(t)
		w := (1 + math.Log(float64(counts[k]))) * idf
		we, wt := w, w
		switch {
		case names[k]:
			we, wt = w*x.opts.NameBoost, w*x.opts.ThemeNameBoost
		case k[0] == kindActor:
			we, wt = w*x.opts.ActorBoost, w*x.opts.ActorBoost
		}
		ev = append(ev, tw{t, we * idf, we})
		th = append(th, tw{t, wt * x.tidf(t, true), wt})
	}
	return topVec(ev, x.opts.TopTerms), topVec(th, x.opts.TopTerms)
}

// tw is a weighted term.
type tw struct {
	t   int32
	w   float64 // weight with IDF: chooses the terms
	raw float64 // weight without IDF: stored
}

// topVec returns the vector of the n heaviest of tws: their weights
// without IDF, scaled so that the vector with IDF has unit length.
func topVec(tws []tw, n int) vec {
	slices.SortFunc(tws, func(a, b tw) int {
		if a.w != b.w {
			return cmp.Compare(b.w, a.w)
		}
		return cmp.Compare(a.t, b.t)
	})
	if len(tws) > n {
		tws = tws[:n]
	}
	slices.SortFunc(tws, func(a, b tw) int { return cmp.Compare(a.t, b.t) })
	var norm float64
	for _, e := range tws {
		norm += e.w * e.w
	}
	norm = math.Sqrt(norm)
	if norm == 0 {
		return vec{}
	}
	v := vec{Terms: make([]int32, len(tws)), Weights: make([]float32, len(tws))}
	for i, e := range tws {
		v.Terms[i] = e.t
		v.Weights[i] = float32(e.raw / norm)
	}
	return v
}

// idf returns the current inverse document frequency of term t. The
// document count is rounded to its 7 leading bits (1% or better), so that
// a term's IDF only changes when its own count or the rounded total does
// and can be cached; the cache is a pure function of the counts, so a
// restored index computes the same values.
func (x *Index) idf(t int32) float64 {
	n := x.nKey()
	df := max(x.df[t], 1)
	if int(t) >= len(x.idfVal) {
		grow := len(x.df) - len(x.idfVal)
		x.idfVal = append(x.idfVal, make([]float64, grow)...)
		x.idfKey = append(x.idfKey, make([]idfKey, grow)...)
	}
	if k := (idfKey{n, df}); x.idfKey[t] != k {
		x.idfKey[t] = k
		x.idfVal[t] = math.Log(1 + float64(n)/float64(df))
	}
	return x.idfVal[t]
}

// tidf returns the IDF weight of term t in the event space, or in the
// theme space (storylines), where it is flattened to IDF^ThemeIDFPower: a
// storyline is held together by words common to many of its episodes,
// which a sharp IDF would discount.
func (x *Index) tidf(t int32, theme bool) float64 {
	f := x.idf(t)
	if theme {
		switch p := x.opts.ThemeIDFPower; p {
		case 1:
		case 0.5:
			f = math.Sqrt(f)
		default:
			f = math.Pow(f, p)
		}
	}
	return f
}

// nKey returns the document count IDF uses: documents placed plus the
// prior, rounded down to its 7 leading bits.
func (x *Index) nKey() int32 {
	n := min(x.docs+max(x.opts.PriorDocs, 0), math.MaxInt32)
	if sh := bits.Len(uint(n)) - 7; sh > 0 {
		n = n >> sh << sh
	}
	return int32(n)
}

// idfKey is what a cached IDF was computed from.
type idfKey struct{ n, df int32 }

// queryTerms returns the n heaviest terms of v under the current IDF
// (ties: lower ID first).
func (x *Index) queryTerms(v vec, n int, theme bool) []int32 {
	idx := make([]int, len(v.Terms))
	ws := make([]float64, len(v.Terms))
	for i := range idx {
		idx[i] = i
		ws[i] = float64(v.Weights[i]) * x.tidf(v.Terms[i], theme)
	}
	slices.SortFunc(idx, func(a, b int) int {
		if ws[a] != ws[b] {
			return cmp.Compare(ws[b], ws[a])
		}
		return cmp.Compare(v.Terms[a], v.Terms[b])
	})
	if len(idx) > n {
		idx = idx[:n]
	}
	out := make([]int32, len(idx))
	for i, j := range idx {
		out[i] = v.Terms[j]
	}
	return out
}

// addVec returns c+v (both sorted by term), keeping the limit heaviest
// terms once the sum holds twice as many.
func (x *Index) addVec(c, v vec, theme bool) vec {
	limit := x.opts.CentroidTerms
	out := vec{Terms: make([]int32, 0, len(c.Terms)+len(v.Terms)), Weights: make([]float32, 0, len(c.Terms)+len(v.Terms))}
	i, j := 0, 0
	for i < len(c.Terms) || j < len(v.Terms) {
		switch {
		case j >= len(v.Terms) || (i < len(c.Terms) && c.Terms[i] < v.Terms[j]):
			out.Terms, out.Weights = append(out.Terms, c.Terms[i]), append(out.Weights, c.Weights[i])
			i++
		case i >= len(c.Terms) || v.Terms[j] < c.Terms[i]:
			out.Terms, out.Weights = append(out.Terms, v.Terms[j]), append(out.Weights, v.Weights[j])
			j++
		default:
			out.Terms, out.Weights = append(out.Terms, c.Terms[i]), append(out.Weights, c.Weights[i]+v.Weights[j])
			i++
			j++
		}
	}
	if len(out.Terms) >= 2*limit {
		out = x.truncVec(out, limit, theme)
	}
	return out
}

// truncVec keeps the limit heaviest terms of v, sorted by term.
func (x *Index) truncVec(v vec, limit int, theme bool) vec {
	top := x.queryTerms(v, limit, theme)
	keep := map[int32]bool{}
	for _, t := range top {
		keep[t] = true
	}
	out := vec{Terms: make([]int32, 0, limit), Weights: make([]float32, 0, limit)}
	for i, t := range v.Terms {
		if keep[t] {
			out.Terms, out.Weights = append(out.Terms, t), append(out.Weights, v.Weights[i])
		}
	}
	return out
}

// vnorm returns the Euclidean norm of v weighted by the current IDF.
func (x *Index) vnorm(v vec, theme bool) float64 {
	var n float64
	for i, t := range v.Terms {
		w := float64(v.Weights[i]) * x.tidf(t, theme)
		n += w * w
	}
	return math.Sqrt(n)
}

// norm returns the weighted norm of c's centroid, cached until the
// centroid changes or the rounded document count moves on (the document
// frequencies of single terms may drift meanwhile: the cache trades that
// for not touching every centroid term's IDF on every comparison).
func (x *Index) norm(c *cluster, theme bool) float64 {
	if n := x.nKey(); c.NormN != n {
		c.Norm, c.NormN = x.vnorm(c.Centroid, theme), n
	}
	return c.Norm
}

// cosC returns the cosine of v (of weighted norm vn) and c's centroid,
// weighing only the shared terms.
func (x *Index) cosC(v vec, vn float64, c *cluster, theme bool) float64 {
	cn := x.norm(c, theme)
	if vn == 0 || cn == 0 {
		return 0
	}
	var dot float64
	a, b := v, c.Centroid
	i, j := 0, 0
	for i < len(a.Terms) && j < len(b.Terms) {
		switch {
		case a.Terms[i] < b.Terms[j]:
			i++
		case a.Terms[i] > b.Terms[j]:
			j++
		default:
			f := x.tidf(a.Terms[i], theme)
			dot += float64(a.Weights[i]) * float64(b.Weights[j]) * f * f
			i++
			j++
		}
	}
	return dot / (vn * cn)
}

// titleOf returns the article's title, or its first sentence cut to 120
// bytes when it has none.
func titleOf(a *model.Article) string {
	if t := strings.TrimSpace(a.Title); t != "" {
		return cutUTF8(t, 200)
	}
	s := ""
	if len(a.Sentences) > 0 {
		s = a.Sentences[0].Span.In(a.Text)
	} else {
		s = a.Text
		if i := strings.IndexAny(s, ".\n"); i >= 0 {
			s = s[:i+1]
		}
	}
	return cutUTF8(strings.Join(strings.Fields(s), " "), 120)
}

// cutUTF8 cuts s to at most n bytes without splitting a character.
func cutUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !isRuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// Lookup returns the current placement of a placed article: merges since
// it was placed may have moved it into an older cluster. ok is false for
// an unknown ID.
func (x *Index) Lookup(id string) (p Placement, ok bool) {
	i, ok := x.byID[id]
	if !ok {
		return Placement{}, false
	}
	return x.placement(i), true
}

// placement rebuilds the placement of a stored article.
func (x *Index) placement(i int32) Placement {
	rec := x.arts[i]
	ev := x.events[rec.Event]
	p := Placement{Article: rec.ID, Event: ev.ID, Storyline: x.lines[x.parent(rec.Event)].ID}
	if rec.DupOf >= 0 {
		p.DuplicateOf = x.arts[rec.DupOf].ID
		p.Similarity = jaccard(rec.Sig, x.arts[rec.DupOf].Sig)
	}
	return p
}

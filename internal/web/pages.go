package web

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/store"
)

// view is what every page template gets: the page title, the navigation
// entry to highlight, and the page's own data in B.
type view struct {
	Title  string
	Active string
	B      any
}

// page adapts a page handler: fn returns the template name and data, or an
// error, which is shown as an error page with a safe message. Rendering
// goes to a buffer first so that a template failure never sends half a
// page.
func (s *Server) page(fn func(r *http.Request) (string, any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		name, data, err := fn(r)
		code := http.StatusOK
		if err != nil {
			var msg string
			code, msg = s.status(r, err)
			name, data = "error", view{Title: http.StatusText(code), B: errorData{Code: code, Message: msg}}
		}
		var buf bytes.Buffer
		if err := s.pages[name].Execute(&buf, data); err != nil {
			s.log.Error("web: render", "page", name, "err", err)
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(code)
		if r.Method != http.MethodHead {
			w.Write(buf.Bytes())
		}
	}
}

type errorData struct {
	Code    int
	Message string
}

// URL builders. Path values are escaped; html/template escapes again for
// the attribute.
func storyURL(id string) string      { return "/story/" + url.PathEscape(id) }
func eventURL(id string) string      { return "/event/" + url.PathEscape(id) }
func articleURL(id string) string    { return "/article/" + url.PathEscape(id) }
func actorURL(code string) string    { return "/actor/" + url.PathEscape(code) }
func dyadURL(src, tgt string) string { return link("/events", "source", src, "target", tgt) }

func (s *Server) funcs() template.FuncMap {
	return template.FuncMap{
		"actor":      s.names.Actor,
		"actorLabel": s.names.ActorLabel,
		"action":     s.names.Action,
		"quadName":   QuadName,
		"quadColor":  quadColor,
		"storyURL":   storyURL,
		"eventURL":   eventURL,
		"articleURL": articleURL,
		"actorURL":   actorURL,
		"dyadURL":    dyadURL,
		"gold":       func(g float64) string { return fmt.Sprintf("%+.1f", g) },
		"num":        func(f float64) string { return fmt.Sprintf("%.1f", f) },
		"join":       strings.Join,
		"orDash": func(v string) string {
			if v == "" {
				return "—"
			}
			return v
		},
		"speakerName": speakerName,
	}
}

func speakerName(sp *model.Speaker) string {
	switch {
	case sp == nil:
		return "(no speaker found)"
	case sp.Name != "":
		return sp.Name
	case sp.Description != "":
		return sp.Description
	case sp.Anonymous:
		return "(anonymous)"
	}
	return "(unnamed)"
}

// pager links to the previous and next pages of a list.
type pager struct {
	Total, From, To int
	Prev, Next      string
}

func newPager(r *http.Request, p store.Page, total int) pager {
	pg := pager{Total: total, From: min(p.Offset+1, total), To: min(p.Offset+p.Limit, total)}
	q := r.URL.Query()
	if p.Offset > 0 {
		q.Set("offset", fmt.Sprint(max(0, p.Offset-p.Limit)))
		pg.Prev = r.URL.Path + "?" + q.Encode()
	}
	if p.Offset+p.Limit < total {
		q.Set("offset", fmt.Sprint(p.Offset+p.Limit))
		pg.Next = r.URL.Path + "?" + q.Encode()
	}
	return pg
}

// --- stories list -------------------------------------------------------

type storyRow struct {
	Story    model.Story
	Articles int
	Outlets  []string
	Merged   int
	Parent   string
}

type storiesData struct {
	Q, From, To, Actor, Level string
	Stats                     store.Stats
	Rows                      []storyRow
	Pager                     pager
	// HasStories is false when the store holds no stories yet.
	HasStories bool
}

// filterStories applies the stories list filters: q (full-text over the
// member articles), actor (member articles mentioning it), from/to
// (overlap with the story's date span) and level.
func (s *Server) filterStories(ctx context.Context, p *params) ([]model.Story, storiesData, error) {
	d := storiesData{Q: p.text("q", 4*store.MaxFilterLen), From: p.date("from"), To: p.date("to"), Actor: p.code("actor"), Level: p.str("level")}
	if d.Level != "" && d.Level != "event" && d.Level != "storyline" {
		p.fail("level", "want event or storyline")
	}
	if p.err != nil {
		return nil, d, p.err
	}
	all, err := s.st.Stories(ctx)
	if err != nil {
		return nil, d, err
	}
	d.HasStories = len(all) > 0
	var keep map[string]bool
	if d.Q != "" || d.Actor != "" {
		ids, err := s.st.MatchingArticleIDs(ctx, store.ArticleFilter{Query: d.Q, Actor: d.Actor})
		if err != nil {
			return nil, d, err
		}
		keep = make(map[string]bool, len(ids))
		for _, id := range ids {
			keep[id] = true
		}
	}
	var out []model.Story
	for _, st := range all {
		if d.Level != "" && st.Level != d.Level {
			continue
		}
		if d.From != "" && (st.Last == "" || st.Last < d.From) {
			continue
		}
		if d.To != "" && (st.First == "" || st.First > d.To) {
			continue
		}
		if keep != nil && !anyIn(st.Articles, keep) {
			continue
		}
		out = append(out, st)
	}
	// Most recent first, undated last, storylines before their clusters.
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Last != out[j].Last {
			return out[i].Last > out[j].Last
		}
		return out[i].Level > out[j].Level
	})
	return out, d, nil
}

func anyIn(ids []string, set map[string]bool) bool {
	for _, id := range ids {
		if set[id] {
			return true
		}
	}
	return false
}

func (s *Server) storiesPage(r *http.Request) (string, any, error) {
	ctx := r.Context()
	p := newParams(r)
	pg := p.page()
	stories, d, err := s.filterStories(ctx, p)
	if err != nil {
		return "", nil, err
	}
	if d.Stats, err = s.st.Stats(ctx); err != nil {
		return "", nil, err
	}
	d.Pager = newPager(r, pg, len(stories))
	lo, hi := min(pg.Offset, len(stories)), min(pg.Offset+pg.Limit, len(stories))
	for _, st := range stories[lo:hi] {
		row := storyRow{Story: st, Articles: len(st.Articles), Parent: st.Parent}
		if st.Level == "event" {
			merged, err := s.st.MergedEvents(ctx, st.ID)
			if err != nil {
				return "", nil, err
			}
			row.Merged = len(merged)
		}
		if row.Outlets, err = s.outlets(ctx, st.Articles); err != nil {
			return "", nil, err
		}
		d.Rows = append(d.Rows, row)
	}
	return "stories", view{Title: "Stories", Active: "stories", B: d}, nil
}

// outlets returns the distinct outlets of articles, sorted.
func (s *Server) outlets(ctx context.Context, ids []string) ([]string, error) {
	sums, err := s.summaries(ctx, ids)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []string
	for _, a := range sums {
		o := a.Outlet
		if o == "" {
			o = "(outlet unknown)"
		}
		if !seen[o] {
			seen[o] = true
			out = append(out, o)
		}
	}
	sort.Strings(out)
	return out, nil
}

// summaries returns the summaries of articles ids (at most store.MaxLimit
// of them), newest first.
func (s *Server) summaries(ctx context.Context, ids []string) ([]store.ArticleSummary, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	res, err := s.st.QueryArticles(ctx, store.ArticleFilter{IDs: ids, Page: store.Page{Limit: store.MaxLimit}})
	return res.Articles, err
}

// --- story --------------------------------------------------------------

type mergedRow struct {
	M       model.MergedEvent
	Outlets []string
	// First is the first report's event ID, for the link.
	First string
}

type speakerQuotes struct {
	Speaker string
	Actor   string
	Quotes  []store.QuoteHit
}

type outletRow struct {
	Outlet   string
	Articles int
	// Events counts the merged events the outlet reports.
	Events int
}

type disagreementRow struct {
	Event        mergedRow
	Disagreement model.Disagreement
}

type storyData struct {
	Story         model.Story
	Parent        *model.Story
	Children      []model.Story
	Articles      []store.ArticleSummary
	Outlets       []outletRow
	Merged        []mergedRow
	Events        []store.EventHit
	EventsTotal   int
	Timeline      timeline
	Network       network
	Dyads         []store.Dyad
	Speakers      []speakerQuotes
	QuotesTotal   int
	Disagreements []disagreementRow
}

// storyView gathers everything the story page and the story report show.
func (s *Server) storyView(ctx context.Context, id string) (storyData, error) {
	var d storyData
	st, err := s.st.Story(ctx, id)
	if err != nil {
		return d, err
	}
	d.Story = *st
	if st.Parent != "" {
		if p, err := s.st.Story(ctx, st.Parent); err == nil {
			d.Parent = p
		}
	}
	// Event clusters whose merged events this story shows: itself, or a
	// storyline's children.
	clusters := []string{st.ID}
	if st.Level == "storyline" {
		all, err := s.st.Stories(ctx)
		if err != nil {
			return d, err
		}
		clusters = clusters[:0]
		for _, c := range all {
			if c.Parent == st.ID {
				d.Children = append(d.Children, c)
				clusters = append(clusters, c.ID)
			}
		}
	}
	if d.Articles, err = s.summaries(ctx, st.Articles); err != nil {
		return d, err
	}
	outletOf := map[string]string{}
	byOutlet := map[string]*outletRow{}
	for _, a := range d.Articles {
		o := a.Outlet
		if o == "" {
			o = "(outlet unknown)"
		}
		outletOf[a.ID] = o
		if byOutlet[o] == nil {
			byOutlet[o] = &outletRow{Outlet: o}
		}
		byOutlet[o].Articles++
	}
	var merged []model.MergedEvent
	for _, c := range clusters {
		ms, err := s.st.MergedEvents(ctx, c)
		if err != nil {
			return d, err
		}
		merged = append(merged, ms...)
	}
	sort.SliceStable(merged, func(i, j int) bool { return merged[i].Date < merged[j].Date })
	for _, m := range merged {
		row := mergedRow{M: m}
		seen := map[string]bool{}
		for _, a := range m.Articles {
			o := outletOf[a]
			if o != "" && !seen[o] {
				seen[o] = true
				row.Outlets = append(row.Outlets, o)
				if byOutlet[o] != nil {
					byOutlet[o].Events++
				}
			}
		}
		sort.Strings(row.Outlets)
		if len(m.Reports) > 0 {
			row.First = m.Reports[0].Event
		}
		d.Merged = append(d.Merged, row)
		for _, dis := range m.Disagreements {
			d.Disagreements = append(d.Disagreements, disagreementRow{Event: row, Disagreement: dis})
		}
	}
	for _, o := range byOutlet {
		d.Outlets = append(d.Outlets, *o)
	}
	sort.Slice(d.Outlets, func(i, j int) bool {
		if d.Outlets[i].Events != d.Outlets[j].Events {
			return d.Outlets[i].Events > d.Outlets[j].Events
		}
		return d.Outlets[i].Outlet < d.Outlets[j].Outlet
	})

	// Timeline and network: from the merged events (one mark per
	// real-world event) when the story has them, else from the articles'
	// own events.
	articles := st.Articles
	if articles == nil {
		articles = []string{}
	}
	var counts []store.DateCount
	if len(merged) > 0 {
		counts, d.Dyads = aggregateMerged(merged)
	} else {
		if counts, err = s.st.EventCounts(ctx, store.EventFilter{Articles: articles}); err != nil {
			return d, err
		}
		if d.Dyads, err = s.st.Dyads(ctx, store.DyadFilter{Articles: articles, Limit: 60}); err != nil {
			return d, err
		}
	}
	d.Timeline = newTimeline(counts, nil)
	d.Network = newNetwork(d.Dyads, s.names, actorURL, dyadURL)

	ev, err := s.st.QueryEvents(ctx, store.EventFilter{Articles: articles, Page: store.Page{Limit: 200}})
	if err != nil {
		return d, err
	}
	d.Events, d.EventsTotal = ev.Events, ev.Total
	qs, err := s.st.QueryQuotes(ctx, store.QuoteFilter{Articles: articles, Page: store.Page{Limit: store.MaxLimit}})
	if err != nil {
		return d, err
	}
	d.QuotesTotal = qs.Total
	d.Speakers = groupQuotes(qs.Quotes)
	return d, nil
}

// aggregateMerged counts merged events by date and quad and sums them
// into dyads; negated events are left out, as in the store's aggregates.
func aggregateMerged(ms []model.MergedEvent) ([]store.DateCount, []store.Dyad) {
	type dk struct {
		date string
		quad int
	}
	counts := map[dk]*store.DateCount{}
	dyads := map[[2]string]*store.Dyad{}
	for _, m := range ms {
		if m.Negated {
			continue
		}
		if m.Date != "" {
			k := dk{m.Date, m.Quad}
			if counts[k] == nil {
				counts[k] = &store.DateCount{Date: m.Date, Quad: m.Quad}
			}
			counts[k].Events++
			counts[k].Goldstein += m.Goldstein
		}
		if m.Source != "" && m.Target != "" {
			k := [2]string{m.Source, m.Target}
			if dyads[k] == nil {
				dyads[k] = &store.Dyad{Source: m.Source, Target: m.Target}
			}
			dy := dyads[k]
			dy.Events++
			dy.Goldstein += m.Goldstein
			if m.Quad >= 1 && m.Quad <= 4 {
				dy.Quads[m.Quad-1]++
			}
		}
	}
	var cs []store.DateCount
	for _, c := range counts {
		cs = append(cs, *c)
	}
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].Date != cs[j].Date {
			return cs[i].Date < cs[j].Date
		}
		return cs[i].Quad < cs[j].Quad
	})
	var ds []store.Dyad
	for _, d := range dyads {
		ds = append(ds, *d)
	}
	sort.Slice(ds, func(i, j int) bool {
		if ds[i].Events != ds[j].Events {
			return ds[i].Events > ds[j].Events
		}
		return ds[i].Source+ds[i].Target < ds[j].Source+ds[j].Target
	})
	return cs, ds
}

// groupQuotes groups quotes by speaker, speakers with most quotes first,
// unattributed quotes last.
func groupQuotes(qs []store.QuoteHit) []speakerQuotes {
	idx := map[string]int{}
	var out []speakerQuotes
	for _, q := range qs {
		name := speakerName(q.Quote.Speaker)
		i, ok := idx[name]
		if !ok {
			i = len(out)
			idx[name] = i
			sq := speakerQuotes{Speaker: name}
			if q.Quote.Speaker != nil {
				sq.Actor = q.Quote.Speaker.Actor
			}
			out = append(out, sq)
		}
		out[i].Quotes = append(out[i].Quotes, q)
	}
	sort.SliceStable(out, func(i, j int) bool {
		ui, uj := strings.HasPrefix(out[i].Speaker, "("), strings.HasPrefix(out[j].Speaker, "(")
		if ui != uj {
			return uj
		}
		return len(out[i].Quotes) > len(out[j].Quotes)
	})
	return out
}

func (s *Server) storyPage(r *http.Request) (string, any, error) {
	id := r.PathValue("id")
	if !validID(id) {
		return "", nil, store.ErrNotFound
	}
	d, err := s.storyView(r.Context(), id)
	if err != nil {
		return "", nil, err
	}
	return "story", view{Title: d.Story.Title, Active: "stories", B: d}, nil
}

// --- event --------------------------------------------------------------

// evidence is one report of an event: its article and the paragraph
// holding the evidence, marked.
type evidence struct {
	Article   string
	Title     string
	Outlet    string
	Published string
	Event     string
	Paras     []para
}

type eventData struct {
	Hit       store.EventHit
	Source    string
	Action    string
	Target    string
	DateText  string
	Merged    *mergedRow
	Evidence  []evidence
	Outlets   []string
	Story     string
	CodeNames string
}

func (s *Server) eventPage(r *http.Request) (string, any, error) {
	ctx := r.Context()
	id := r.PathValue("id")
	if !validID(id) {
		return "", nil, store.ErrNotFound
	}
	hit, err := s.st.EventByID(ctx, id)
	if err != nil {
		return "", nil, err
	}
	e := hit.Event
	d := eventData{Hit: hit, Source: s.names.Actor(e.Source.Code), Action: s.names.Action(e.CAMEO, e.PLOVER), Target: s.names.Actor(e.Target.Code)}
	if e.Target.Code == "" && e.Target.Text != "" {
		d.Target = e.Target.Text
	}
	cache := map[string]*model.Article{}
	art := func(id string) (*model.Article, error) {
		if a, ok := cache[id]; ok {
			return a, nil
		}
		a, err := s.st.Article(ctx, id)
		if err != nil {
			return nil, err
		}
		cache[id] = a
		return a, nil
	}
	a, err := art(hit.Article)
	if err != nil {
		return "", nil, err
	}
	if e.DateBasis == "timex" {
		d.DateText = e.DateSpan.In(a.Text)
	}
	// The merged event this report belongs to, if the story stage found
	// one: every report's evidence is shown.
	reports := []model.EventRef{{Article: hit.Article, Event: e.ID, Span: e.Span}}
	if m, story, err := s.mergedFor(ctx, hit.Article, e.ID); err != nil {
		return "", nil, err
	} else if m != nil {
		d.Merged = &mergedRow{M: *m}
		d.Story = story
		reports = m.Reports
	}
	seen := map[string]bool{}
	for _, ref := range reports {
		ra, err := art(ref.Article)
		if err != nil {
			continue // an article removed since: show the others
		}
		var re *model.Event
		for i := range ra.Events {
			if ra.Events[i].ID == ref.Event {
				re = &ra.Events[i]
			}
		}
		span := ref.Span
		var marks []mark
		if re != nil {
			span = re.Span
			marks = eventMarks(*re, s.names)
		} else {
			marks = []mark{{Span: span, Class: "evidence"}}
		}
		p := paragraphOf(ra, span)
		d.Evidence = append(d.Evidence, evidence{
			Article: ra.ID, Title: ra.Title, Outlet: ra.Outlet, Published: ra.Published, Event: ref.Event,
			Paras: markText(ra.Text, []model.Paragraph{p}, marks),
		})
		o := ra.Outlet
		if o == "" {
			o = "(outlet unknown)"
		}
		if !seen[o] {
			seen[o] = true
			d.Outlets = append(d.Outlets, o)
		}
	}
	sort.Strings(d.Outlets)
	title := d.Source + " — " + d.Action + " — " + d.Target
	return "event", view{Title: title, Active: "events", B: d}, nil
}

// eventMarks marks an event's evidence, trigger, participants and date.
func eventMarks(e model.Event, names Names) []mark {
	ms := []mark{{Span: e.Span, Class: "evidence", Anchor: "ev-" + e.ID, Href: eventURL(e.ID),
		Title: names.Actor(e.Source.Code) + " — " + names.Action(e.CAMEO, e.PLOVER) + " — " + names.Actor(e.Target.Code)}}
	ms = append(ms, mark{Span: e.TriggerSpan, Class: "trigger", Title: "trigger: CAMEO " + e.CAMEO})
	if e.Source.Span.Valid() && e.Source.Span.Len() > 0 {
		ms = append(ms, mark{Span: e.Source.Span, Class: "source", Title: "source: " + names.ActorLabel(e.Source.Code)})
	}
	if e.Target.Span.Valid() && e.Target.Span.Len() > 0 {
		ms = append(ms, mark{Span: e.Target.Span, Class: "target", Title: "target: " + names.ActorLabel(e.Target.Code)})
	}
	if e.DateBasis == "timex" && e.DateSpan.Valid() {
		ms = append(ms, mark{Span: e.DateSpan, Class: "timex", Title: "date: " + e.Date})
	}
	return ms
}

// mergedFor finds the merged event holding report (article, event) in the
// event clusters the article belongs to.
func (s *Server) mergedFor(ctx context.Context, article, event string) (*model.MergedEvent, string, error) {
	stories, err := s.st.Stories(ctx)
	if err != nil {
		return nil, "", err
	}
	for _, st := range stories {
		if st.Level != "event" || !contains(st.Articles, article) {
			continue
		}
		ms, err := s.st.MergedEvents(ctx, st.ID)
		if err != nil {
			return nil, "", err
		}
		for i := range ms {
			for _, ref := range ms[i].Reports {
				if ref.Article == article && ref.Event == event {
					return &ms[i], st.ID, nil
				}
			}
		}
	}
	return nil, "", nil
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// --- actor --------------------------------------------------------------

type actorData struct {
	Code     string
	Name     string
	Summary  store.ActorSummary
	Timeline timeline
	Chart    dyadChart
	Network  network
	Events   []store.EventHit
	Pager    pager
	Speakers []speakerQuotes
	Articles []store.ArticleSummary
}

func (s *Server) actorPage(r *http.Request) (string, any, error) {
	ctx := r.Context()
	code := r.PathValue("code")
	if !validID(code) || code == "" {
		return "", nil, store.ErrNotFound
	}
	p := newParams(r)
	pg := p.page()
	if p.err != nil {
		return "", nil, p.err
	}
	sum, err := s.st.QueryActors(ctx, store.ActorFilter{Code: code, Page: store.Page{Limit: 1}})
	if err != nil {
		return "", nil, err
	}
	if len(sum.Actors) == 0 {
		return "", nil, store.ErrNotFound
	}
	d := actorData{Code: code, Name: s.names.Actor(code), Summary: sum.Actors[0]}
	counts, err := s.st.EventCounts(ctx, store.EventFilter{Actor: code})
	if err != nil {
		return "", nil, err
	}
	d.Timeline = newTimeline(counts, func(from, to string) string { return link("/events", "actor", code, "from", from, "to", to) })
	dyads, err := s.st.Dyads(ctx, store.DyadFilter{Actor: code, Limit: 40})
	if err != nil {
		return "", nil, err
	}
	d.Chart = newDyadChart(dyads, s.names, dyadURL)
	d.Network = newNetwork(dyads, s.names, actorURL, dyadURL)
	ev, err := s.st.QueryEvents(ctx, store.EventFilter{Actor: code, Page: pg})
	if err != nil {
		return "", nil, err
	}
	d.Events = ev.Events
	pn, _ := pg.Norm()
	d.Pager = newPager(r, pn, ev.Total)
	qs, err := s.st.QueryQuotes(ctx, store.QuoteFilter{Actor: code, Page: store.Page{Limit: 100}})
	if err != nil {
		return "", nil, err
	}
	d.Speakers = groupQuotes(qs.Quotes)
	arts, err := s.st.QueryArticles(ctx, store.ArticleFilter{Actor: code, Page: store.Page{Limit: 20}})
	if err != nil {
		return "", nil, err
	}
	d.Articles = arts.Articles
	return "actor", view{Title: d.Name, Active: "actors", B: d}, nil
}

// --- article ------------------------------------------------------------

type mentionGroup struct {
	Actor string
	Texts []string
	Count int
}

type articleData struct {
	A        *model.Article
	Paras    []para
	Mentions []mentionGroup
	Stories  []model.Story
}

func (s *Server) articlePage(r *http.Request) (string, any, error) {
	ctx := r.Context()
	id := r.PathValue("id")
	if !validID(id) {
		return "", nil, store.ErrNotFound
	}
	a, err := s.st.Article(ctx, id)
	if err != nil {
		return "", nil, err
	}
	var marks []mark
	for _, m := range a.Mentions {
		mk := mark{Span: m.Span, Class: "mention", Title: m.Kind}
		if m.Actor != "" {
			mk.Title = m.Kind + " " + s.names.ActorLabel(m.Actor)
			if m.Sector != "" {
				mk.Title += " " + m.Sector
			}
			mk.Href = actorURL(m.Actor)
		}
		if m.Person != "" {
			mk.Title += ": " + m.Person
		}
		marks = append(marks, mk)
	}
	for _, q := range a.Quotes {
		marks = append(marks, mark{Span: q.Span, Class: "quote", Title: q.Kind + " quote: " + speakerName(q.Speaker), Anchor: "q-" + q.ID})
	}
	for _, x := range a.Timexes {
		marks = append(marks, mark{Span: x.Span, Class: "timex", Title: x.Type + " " + x.Value})
	}
	for _, e := range a.Events {
		ms := eventMarks(e, s.names)
		marks = append(marks, ms[0], ms[1])
	}
	d := articleData{A: a, Paras: markText(a.Text, a.Paragraphs, marks)}
	groups := map[string]*mentionGroup{}
	for _, m := range a.Mentions {
		if m.Actor == "" {
			continue
		}
		g := groups[m.Actor]
		if g == nil {
			g = &mentionGroup{Actor: m.Actor}
			groups[m.Actor] = g
		}
		g.Count++
		if !contains(g.Texts, m.Text) && len(g.Texts) < 8 {
			g.Texts = append(g.Texts, m.Text)
		}
	}
	for _, g := range groups {
		d.Mentions = append(d.Mentions, *g)
	}
	sort.Slice(d.Mentions, func(i, j int) bool {
		if d.Mentions[i].Count != d.Mentions[j].Count {
			return d.Mentions[i].Count > d.Mentions[j].Count
		}
		return d.Mentions[i].Actor < d.Mentions[j].Actor
	})
	stories, err := s.st.Stories(ctx)
	if err != nil {
		return "", nil, err
	}
	for _, st := range stories {
		if contains(st.Articles, a.ID) {
			d.Stories = append(d.Stories, st)
		}
	}
	title := a.Title
	if title == "" {
		title = a.ID
	}
	return "article", view{Title: title, Active: "articles", B: d}, nil
}

// --- lists --------------------------------------------------------------

type articlesData struct {
	Q, From, To, Actor, Outlet string
	Articles                   []store.ArticleSummary
	Pager                      pager
}

func (s *Server) articlesPage(r *http.Request) (string, any, error) {
	p := newParams(r)
	f := store.ArticleFilter{Query: p.text("q", 4*store.MaxFilterLen), From: p.date("from"), To: p.date("to"),
		Actor: p.code("actor"), Outlet: p.str("outlet"), Page: p.page()}
	if p.err != nil {
		return "", nil, p.err
	}
	res, err := s.st.QueryArticles(r.Context(), f)
	if err != nil {
		return "", nil, err
	}
	pg, _ := f.Page.Norm()
	d := articlesData{Q: f.Query, From: f.From, To: f.To, Actor: f.Actor, Outlet: f.Outlet, Articles: res.Articles, Pager: newPager(r, pg, res.Total)}
	return "articles", view{Title: "Articles", Active: "articles", B: d}, nil
}

type eventsData struct {
	F      store.EventFilter
	Story  string
	Events []store.EventHit
	Pager  pager
}

// storyArticles resolves a story parameter to its member articles.
func (s *Server) storyArticles(ctx context.Context, p *params) (string, []string, error) {
	id := p.id("story")
	if p.err != nil || id == "" {
		return "", nil, p.err
	}
	st, err := s.st.Story(ctx, id)
	if err != nil {
		return "", nil, err
	}
	if st.Articles == nil {
		return id, []string{}, nil
	}
	return id, st.Articles, nil
}

func (s *Server) eventsPage(r *http.Request) (string, any, error) {
	p := newParams(r)
	f := p.eventFilter()
	story, arts, err := s.storyArticles(r.Context(), p)
	if p.err != nil {
		return "", nil, p.err
	}
	if err != nil {
		return "", nil, err
	}
	f.Articles = arts
	res, err := s.st.QueryEvents(r.Context(), f)
	if err != nil {
		return "", nil, err
	}
	pg, _ := f.Page.Norm()
	d := eventsData{F: f, Story: story, Events: res.Events, Pager: newPager(r, pg, res.Total)}
	return "events", view{Title: "Events", Active: "events", B: d}, nil
}

type actorsData struct {
	Prefix string
	Actors []store.ActorSummary
	Pager  pager
}

func (s *Server) actorsPage(r *http.Request) (string, any, error) {
	p := newParams(r)
	f := store.ActorFilter{Prefix: p.code("prefix"), Page: p.page()}
	if p.err != nil {
		return "", nil, p.err
	}
	res, err := s.st.QueryActors(r.Context(), f)
	if err != nil {
		return "", nil, err
	}
	pg, _ := f.Page.Norm()
	d := actorsData{Prefix: f.Prefix, Actors: res.Actors, Pager: newPager(r, pg, res.Total)}
	return "actors", view{Title: "Actors", Active: "actors", B: d}, nil
}

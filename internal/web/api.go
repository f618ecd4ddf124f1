package web

import (
	"bytes"
	"encoding/json"
	"net/http"

	"github.com/sitrep/sitrep/internal/export"
	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/store"
)

// The JSON API: GET only, one object per response. Lists answer
// {"total": N, "limit": L, "offset": O, "items": [...]}; errors answer
// {"error": "..."} with a 4xx or 5xx status. Event, quote and article items
// reuse the JSONL export records, with the article's outlet, title and date
// added.

// api adapts an API handler: fn returns a value to encode as JSON or an
// error.
func (s *Server) api(fn func(r *http.Request) (any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v, err := fn(r)
		code := http.StatusOK
		if err != nil {
			var msg string
			code, msg = s.status(r, err)
			v = map[string]string{"error": msg}
		}
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		// SetEscapeHTML stays on: <, > and & are written as \u003c...,
		// so a response is inert even if a browser sniffs it as HTML.
		if err := enc.Encode(v); err != nil {
			s.log.Error("web: encode", "path", r.URL.Path, "err", err)
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(code)
		if r.Method != http.MethodHead {
			w.Write(buf.Bytes())
		}
	}
}

// list is the envelope of a paged result.
type list struct {
	Total  int `json:"total"`
	Limit  int `json:"limit"`
	Offset int `json:"offset"`
	Items  any `json:"items"`
}

func newList(p store.Page, total int, items any) list {
	p, _ = p.Norm()
	return list{Total: total, Limit: p.Limit, Offset: p.Offset, Items: items}
}

// apiEvent is an event item: the export record and its article's
// metadata.
type apiEvent struct {
	export.EventRecord
	Outlet    string `json:"outlet"`
	Title     string `json:"title"`
	Published string `json:"published"`
	URL       string `json:"url"`
}

func newAPIEvent(h store.EventHit) apiEvent {
	return apiEvent{EventRecord: export.NewEventRecord(&model.Article{ID: h.Article}, h.Event),
		Outlet: h.Outlet, Title: h.Title, Published: h.Published, URL: h.URL}
}

type apiQuote struct {
	export.QuoteRecord
	Outlet    string `json:"outlet"`
	Published string `json:"published"`
}

func (s *Server) apiIndex(*http.Request) (any, error) {
	return map[string]any{
		"endpoints": []string{
			"/api/stats", "/api/articles", "/api/articles/{id}", "/api/events", "/api/events/{id}",
			"/api/quotes", "/api/actors", "/api/actors/{code}", "/api/dyads", "/api/stories", "/api/stories/{id}",
		},
		"paging": map[string]int{"default_limit": store.DefaultLimit, "max_limit": store.MaxLimit},
	}, nil
}

func (s *Server) apiStats(r *http.Request) (any, error) {
	st, err := s.st.Stats(r.Context())
	if err != nil {
		return nil, err
	}
	return map[string]int{
		"articles": st.Articles, "paragraphs": st.Paragraphs, "sentences": st.Sentences, "tokens": st.Tokens,
		"timexes": st.Timexes, "mentions": st.Mentions, "quotes": st.Quotes, "events": st.Events,
		"stories": st.Stories, "merged_events": st.Merged,
	}, nil
}

func (s *Server) apiArticles(r *http.Request) (any, error) {
	p := newParams(r)
	f := store.ArticleFilter{Query: p.text("q", 4*store.MaxFilterLen), From: p.date("from"), To: p.date("to"),
		Actor: p.code("actor"), Outlet: p.str("outlet"), Page: p.page()}
	_, arts, err := s.storyArticles(r.Context(), p)
	if p.err != nil {
		return nil, p.err
	}
	if err != nil {
		return nil, err
	}
	f.IDs = arts
	res, err := s.st.QueryArticles(r.Context(), f)
	if err != nil {
		return nil, err
	}
	items := res.Articles
	if items == nil {
		items = []store.ArticleSummary{}
	}
	return newList(f.Page, res.Total, items), nil
}

// apiArticleBody is one article with all its annotations, as export
// records.
type apiArticleBody struct {
	Article  export.ArticleRecord   `json:"article"`
	Timexes  []export.TimexRecord   `json:"timexes"`
	Mentions []export.MentionRecord `json:"mentions"`
	Quotes   []export.QuoteRecord   `json:"quotes"`
	Events   []export.EventRecord   `json:"events"`
}

func (s *Server) apiArticle(r *http.Request) (any, error) {
	id := r.PathValue("id")
	if !validID(id) {
		return nil, store.ErrNotFound
	}
	a, err := s.st.Article(r.Context(), id)
	if err != nil {
		return nil, err
	}
	b := apiArticleBody{Article: export.NewArticleRecord(a), Timexes: []export.TimexRecord{}, Mentions: []export.MentionRecord{},
		Quotes: []export.QuoteRecord{}, Events: []export.EventRecord{}}
	for _, x := range a.Timexes {
		b.Timexes = append(b.Timexes, export.NewTimexRecord(a, x))
	}
	for _, m := range a.Mentions {
		b.Mentions = append(b.Mentions, export.NewMentionRecord(a, m))
	}
	for _, q := range a.Quotes {
		b.Quotes = append(b.Quotes, export.NewQuoteRecord(a, q))
	}
	for _, e := range a.Events {
		b.Events = append(b.Events, export.NewEventRecord(a, e))
	}
	return b, nil
}

func (s *Server) apiEvents(r *http.Request) (any, error) {
	p := newParams(r)
	f := p.eventFilter()
	_, arts, err := s.storyArticles(r.Context(), p)
	if p.err != nil {
		return nil, p.err
	}
	if err != nil {
		return nil, err
	}
	f.Articles = arts
	res, err := s.st.QueryEvents(r.Context(), f)
	if err != nil {
		return nil, err
	}
	items := make([]apiEvent, 0, len(res.Events))
	for _, h := range res.Events {
		items = append(items, newAPIEvent(h))
	}
	return newList(f.Page, res.Total, items), nil
}

func (s *Server) apiEvent(r *http.Request) (any, error) {
	id := r.PathValue("id")
	if !validID(id) {
		return nil, store.ErrNotFound
	}
	h, err := s.st.EventByID(r.Context(), id)
	if err != nil {
		return nil, err
	}
	out := struct {
		apiEvent
		Merged *model.MergedEvent `json:"merged"`
	}{apiEvent: newAPIEvent(h)}
	if out.Merged, _, err = s.mergedFor(r.Context(), h.Article, h.Event.ID); err != nil {
		return nil, err
	}
	return out, nil
}

func (s *Server) apiQuotes(r *http.Request) (any, error) {
	p := newParams(r)
	f := store.QuoteFilter{Speaker: p.str("speaker"), Actor: p.code("actor"), Article: p.id("article"), Page: p.page()}
	_, arts, err := s.storyArticles(r.Context(), p)
	if p.err != nil {
		return nil, p.err
	}
	if err != nil {
		return nil, err
	}
	f.Articles = arts
	res, err := s.st.QueryQuotes(r.Context(), f)
	if err != nil {
		return nil, err
	}
	items := make([]apiQuote, 0, len(res.Quotes))
	for _, q := range res.Quotes {
		items = append(items, apiQuote{QuoteRecord: export.NewQuoteRecord(&model.Article{ID: q.Article}, q.Quote), Outlet: q.Outlet, Published: q.Published})
	}
	return newList(f.Page, res.Total, items), nil
}

func (s *Server) apiActors(r *http.Request) (any, error) {
	p := newParams(r)
	f := store.ActorFilter{Prefix: p.code("prefix"), Page: p.page()}
	_, arts, err := s.storyArticles(r.Context(), p)
	if p.err != nil {
		return nil, p.err
	}
	if err != nil {
		return nil, err
	}
	f.Articles = arts
	res, err := s.st.QueryActors(r.Context(), f)
	if err != nil {
		return nil, err
	}
	type item struct {
		store.ActorSummary
		Name string `json:"name"`
	}
	items := make([]item, 0, len(res.Actors))
	for _, a := range res.Actors {
		items = append(items, item{a, s.names.Actor(a.Code)})
	}
	return newList(f.Page, res.Total, items), nil
}

func (s *Server) apiActor(r *http.Request) (any, error) {
	ctx := r.Context()
	code := r.PathValue("code")
	if !validID(code) || code == "" {
		return nil, store.ErrNotFound
	}
	res, err := s.st.QueryActors(ctx, store.ActorFilter{Code: code, Page: store.Page{Limit: 1}})
	if err != nil {
		return nil, err
	}
	if len(res.Actors) == 0 {
		return nil, store.ErrNotFound
	}
	dyads, err := s.st.Dyads(ctx, store.DyadFilter{Actor: code, Limit: store.MaxLimit})
	if err != nil {
		return nil, err
	}
	counts, err := s.st.EventCounts(ctx, store.EventFilter{Actor: code})
	if err != nil {
		return nil, err
	}
	return struct {
		store.ActorSummary
		Name     string            `json:"name"`
		Dyads    []store.Dyad      `json:"dyads"`
		Timeline []store.DateCount `json:"timeline"`
	}{res.Actors[0], s.names.Actor(code), orEmpty(dyads), orEmpty(counts)}, nil
}

func orEmpty[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}

func (s *Server) apiDyads(r *http.Request) (any, error) {
	p := newParams(r)
	f := store.DyadFilter{Actor: p.code("actor"), From: p.date("from"), To: p.date("to"), Limit: p.num("limit", store.DefaultLimit, store.MaxLimit)}
	_, arts, err := s.storyArticles(r.Context(), p)
	if p.err != nil {
		return nil, p.err
	}
	if err != nil {
		return nil, err
	}
	f.Articles = arts
	ds, err := s.st.Dyads(r.Context(), f)
	if err != nil {
		return nil, err
	}
	return map[string]any{"items": orEmpty(ds)}, nil
}

func (s *Server) apiStories(r *http.Request) (any, error) {
	p := newParams(r)
	pg := p.page()
	stories, _, err := s.filterStories(r.Context(), p)
	if err != nil {
		return nil, err
	}
	pn, _ := pg.Norm()
	lo, hi := min(pn.Offset, len(stories)), min(pn.Offset+pn.Limit, len(stories))
	return newList(pg, len(stories), orEmpty(stories[lo:hi])), nil
}

func (s *Server) apiStory(r *http.Request) (any, error) {
	id := r.PathValue("id")
	if !validID(id) {
		return nil, store.ErrNotFound
	}
	st, err := s.st.Story(r.Context(), id)
	if err != nil {
		return nil, err
	}
	merged, err := s.st.MergedEvents(r.Context(), id)
	if err != nil {
		return nil, err
	}
	return struct {
		*model.Story
		Merged []model.MergedEvent `json:"merged_events"`
	}{st, orEmpty(merged)}, nil
}

package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/store"
)

// This file implements store.Querier: read-only SQL on the read pool
// (query_only connections), every user-supplied value bound as a parameter.
// SQL text is assembled only from constant fragments chosen by which filter
// fields are set.

var _ store.Querier = (*Store)(nil)

// where collects the constant condition fragments and the parameters of a
// query.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

// sql returns " WHERE a AND b" or "".
func (w *where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// badFilter wraps store.ErrBadFilter with the field's name.
func badFilter(field, why string) error {
	return fmt.Errorf("%w: %s: %s", store.ErrBadFilter, field, why)
}

// checkText rejects filter values that are too long, not UTF-8 or hold a
// NUL byte; anything else is passed to SQL as a parameter and simply
// matches or does not.
func checkText(field, v string) error {
	switch {
	case len(v) > store.MaxFilterLen:
		return badFilter(field, "too long")
	case !utf8.ValidString(v):
		return badFilter(field, "not UTF-8")
	case strings.IndexByte(v, 0) >= 0:
		return badFilter(field, "NUL byte")
	}
	return nil
}

func checkDate(field, v string) error {
	if v != "" && !store.ValidDate(v) {
		return badFilter(field, "want YYYY-MM-DD")
	}
	return nil
}

// idList encodes ids as a JSON array bound to one parameter and read with
// json_each, so a story of any size is one parameter.
func idList(field string, ids []string) (string, error) {
	if len(ids) > 100000 {
		return "", badFilter(field, "too many")
	}
	for _, id := range ids {
		if err := checkText(field, id); err != nil {
			return "", err
		}
	}
	b, err := json.Marshal(ids)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// eventWhere builds the conditions of f on table alias e.
func eventWhere(f store.EventFilter) (*where, error) {
	w := &where{}
	for _, c := range []struct{ name, v string }{
		{"actor", f.Actor}, {"source", f.Source}, {"target", f.Target},
		{"plover", f.PLOVER}, {"article", f.Article},
	} {
		if err := checkText(c.name, c.v); err != nil {
			return nil, err
		}
	}
	if err := errors.Join(checkDate("from", f.From), checkDate("to", f.To)); err != nil {
		return nil, err
	}
	if f.Quad < 0 || f.Quad > 4 {
		return nil, badFilter("quad", "want 1 to 4")
	}
	if len(f.CAMEO) > 4 || strings.ContainsFunc(f.CAMEO, func(r rune) bool { return r < '0' || r > '9' }) {
		return nil, badFilter("cameo", "want 2 to 4 digits")
	}
	if f.Actor != "" {
		w.add("(e.source = ? OR e.target = ?)", f.Actor, f.Actor)
	}
	if f.Source != "" {
		w.add("e.source = ?", f.Source)
	}
	if f.Target != "" {
		w.add("e.target = ?", f.Target)
	}
	if f.From != "" {
		w.add("e.date >= ?", f.From)
	}
	if f.To != "" {
		w.add("e.date <> '' AND e.date <= ?", f.To)
	}
	if f.CAMEO != "" {
		w.add("substr(e.cameo, 1, ?) = ?", len(f.CAMEO), f.CAMEO)
	}
	if f.PLOVER != "" {
		w.add("e.plover = ?", f.PLOVER)
	}
	if f.Quad != 0 {
		w.add("e.quad = ?", f.Quad)
	}
	if f.Article != "" {
		w.add("e.article_id = ?", f.Article)
	}
	if f.Articles != nil {
		list, err := idList("articles", f.Articles)
		if err != nil {
			return nil, err
		}
		w.add("e.article_id IN (SELECT value FROM json_each(?))", list)
	}
	return w, nil
}

const eventColumns = `e.article_id, a.title, a.outlet, a.published, a.url,
	e.id, e.sentence, e.span_start, e.span_end, e.trigger, e.trigger_start, e.trigger_end,
	e.source, e.source_sector, e.source_text, e.source_start, e.source_end,
	e.target, e.target_sector, e.target_text, e.target_start, e.target_end,
	e.cameo, e.root, e.plover, e.mode, e.goldstein, e.quad, e.negated, e.modality,
	e.date, e.date_precision, e.date_basis, e.date_start, e.date_end, e.location, e.quote`

func scanEvent(rows interface{ Scan(...any) error }) (store.EventHit, error) {
	var h store.EventHit
	e := &h.Event
	err := rows.Scan(&h.Article, &h.Title, &h.Outlet, &h.Published, &h.URL,
		&e.ID, &e.Sentence, &e.Span.Start, &e.Span.End, &e.Trigger, &e.TriggerSpan.Start, &e.TriggerSpan.End,
		&e.Source.Code, &e.Source.Sector, &e.Source.Text, &e.Source.Span.Start, &e.Source.Span.End,
		&e.Target.Code, &e.Target.Sector, &e.Target.Text, &e.Target.Span.Start, &e.Target.Span.End,
		&e.CAMEO, &e.Root, &e.PLOVER, &e.Mode, &e.Goldstein, &e.Quad, &e.Negated, &e.Modality,
		&e.Date, &e.DatePrecision, &e.DateBasis, &e.DateSpan.Start, &e.DateSpan.End, &e.Location, &e.Quote)
	return h, err
}

// QueryEvents returns a page of events; see store.Querier. Order is date
// descending (undated last), then article and index descending, which the
// events_date index (date, article_id, idx) delivers without sorting.
func (s *Store) QueryEvents(ctx context.Context, f store.EventFilter) (store.EventResult, error) {
	var res store.EventResult
	page, err := f.Page.Norm()
	if err != nil {
		return res, err
	}
	w, err := eventWhere(f)
	if err != nil {
		return res, err
	}
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return res, fmt.Errorf("sqlite: query events: %w", err)
	}
	defer tx.Rollback()
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM events AS e"+w.sql(), w.args...).Scan(&res.Total); err != nil {
		return res, fmt.Errorf("sqlite: query events: %w", err)
	}
	if res.Total == 0 || page.Offset >= res.Total {
		return res, nil
	}
	q := "SELECT " + eventColumns + " FROM events AS e JOIN articles AS a ON a.id = e.article_id" + w.sql() +
		" ORDER BY e.date DESC, e.article_id DESC, e.idx DESC LIMIT ? OFFSET ?"
	rows, err := tx.QueryContext(ctx, q, append(w.args, page.Limit, page.Offset)...)
	if err != nil {
		return res, fmt.Errorf("sqlite: query events: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		h, err := scanEvent(rows)
		if err != nil {
			return res, fmt.Errorf("sqlite: query events: %w", err)
		}
		res.Events = append(res.Events, h)
	}
	if err := rows.Err(); err != nil {
		return res, fmt.Errorf("sqlite: query events: %w", err)
	}
	return res, nil
}

// EventByID returns one event; see store.Querier. An event ID is its
// article's ID, "-e" and a number, so the lookup uses the primary key's
// article prefix.
func (s *Store) EventByID(ctx context.Context, id string) (store.EventHit, error) {
	i := strings.LastIndex(id, "-e")
	if i <= 0 || checkText("id", id) != nil {
		return store.EventHit{}, fmt.Errorf("sqlite: event %q: %w", id, store.ErrNotFound)
	}
	row := s.read.QueryRowContext(ctx, "SELECT "+eventColumns+
		" FROM events AS e JOIN articles AS a ON a.id = e.article_id WHERE e.article_id = ? AND e.id = ?", id[:i], id)
	h, err := scanEvent(row)
	if errors.Is(err, sql.ErrNoRows) {
		return h, fmt.Errorf("sqlite: event %q: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return h, fmt.Errorf("sqlite: event %q: %w", id, err)
	}
	return h, nil
}

// articleWhere builds the conditions of f on articles AS a; from is the
// FROM clause (joined with the full-text index when f has a query), and
// ok is false when the query has no words and so matches nothing.
func articleWhere(f store.ArticleFilter) (w *where, from string, ok bool, err error) {
	for _, c := range []struct{ name, v string }{{"actor", f.Actor}, {"outlet", f.Outlet}} {
		if err := checkText(c.name, c.v); err != nil {
			return nil, "", false, err
		}
	}
	if len(f.Query) > 4*store.MaxFilterLen || !utf8.ValidString(f.Query) {
		return nil, "", false, badFilter("q", "too long or not UTF-8")
	}
	if err := errors.Join(checkDate("from", f.From), checkDate("to", f.To)); err != nil {
		return nil, "", false, err
	}
	w = &where{}
	from = "articles AS a"
	if f.Query != "" {
		match := ftsQuery(f.Query)
		if match == "" {
			return nil, "", false, nil
		}
		from = "articles_fts JOIN articles AS a ON a.seq = articles_fts.rowid"
		w.add("articles_fts MATCH ?", match)
	}
	if f.From != "" {
		w.add("a.published >= ?", f.From)
	}
	if f.To != "" {
		w.add("a.published <> '' AND a.published <= ?", f.To)
	}
	if f.Outlet != "" {
		w.add("a.outlet = ?", f.Outlet)
	}
	if f.Actor != "" {
		// Event participants are mentions too, so mentions alone find the
		// articles, through the covering index mentions_actor.
		w.add("a.id IN (SELECT article_id FROM mentions WHERE actor <> '' AND actor = ?)", f.Actor)
	}
	if f.IDs != nil {
		list, err := idList("ids", f.IDs)
		if err != nil {
			return nil, "", false, err
		}
		w.add("a.id IN (SELECT value FROM json_each(?))", list)
	}
	return w, from, true, nil
}

// QueryArticles returns a page of article summaries; see store.Querier.
func (s *Store) QueryArticles(ctx context.Context, f store.ArticleFilter) (store.ArticleResult, error) {
	var res store.ArticleResult
	page, err := f.Page.Norm()
	if err != nil {
		return res, err
	}
	w, from, ok, err := articleWhere(f)
	if err != nil || !ok {
		return res, err
	}
	snippet, order := "''", "a.published DESC, a.seq DESC"
	if f.Query != "" {
		snippet = "snippet(articles_fts, -1, '', '', '…', 16)"
		order = "bm25(articles_fts, 4.0, 1.0), a.seq"
	}
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return res, fmt.Errorf("sqlite: query articles: %w", err)
	}
	defer tx.Rollback()
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM "+from+w.sql(), w.args...).Scan(&res.Total); err != nil {
		return res, fmt.Errorf("sqlite: query articles: %w", err)
	}
	if res.Total == 0 || page.Offset >= res.Total {
		return res, nil
	}
	q := `SELECT a.id, a.title, a.outlet, a.published, a.url, ` + snippet + `,
	(SELECT count(*) FROM mentions AS m WHERE m.article_id = a.id),
	(SELECT count(*) FROM quotes AS q WHERE q.article_id = a.id),
	(SELECT count(*) FROM events AS e WHERE e.article_id = a.id)
FROM ` + from + w.sql() + " ORDER BY " + order + " LIMIT ? OFFSET ?"
	rows, err := tx.QueryContext(ctx, q, append(w.args, page.Limit, page.Offset)...)
	if err != nil {
		return res, fmt.Errorf("sqlite: query articles: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var a store.ArticleSummary
		if err := rows.Scan(&a.ID, &a.Title, &a.Outlet, &a.Published, &a.URL, &a.Snippet, &a.Mentions, &a.Quotes, &a.Events); err != nil {
			return res, fmt.Errorf("sqlite: query articles: %w", err)
		}
		a.Snippet = strings.Join(strings.Fields(a.Snippet), " ")
		res.Articles = append(res.Articles, a)
	}
	if err := rows.Err(); err != nil {
		return res, fmt.Errorf("sqlite: query articles: %w", err)
	}
	return res, nil
}

// MatchingArticleIDs returns every article ID the filter keeps; see
// store.Querier.
func (s *Store) MatchingArticleIDs(ctx context.Context, f store.ArticleFilter) ([]string, error) {
	w, from, ok, err := articleWhere(f)
	if err != nil || !ok {
		return nil, err
	}
	rows, err := s.read.QueryContext(ctx, "SELECT a.id FROM "+from+w.sql()+" ORDER BY a.seq LIMIT ?", append(w.args, store.MaxMatches)...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: matching articles: %w", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("sqlite: matching articles: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: matching articles: %w", err)
	}
	return ids, nil
}

// QueryQuotes returns a page of quotes; see store.Querier. Order is
// speaker, then publication date, article and position.
func (s *Store) QueryQuotes(ctx context.Context, f store.QuoteFilter) (store.QuoteResult, error) {
	var res store.QuoteResult
	page, err := f.Page.Norm()
	if err != nil {
		return res, err
	}
	for _, c := range []struct{ name, v string }{{"speaker", f.Speaker}, {"actor", f.Actor}, {"article", f.Article}} {
		if err := checkText(c.name, c.v); err != nil {
			return res, err
		}
	}
	w := &where{}
	if f.Speaker != "" {
		w.add("q.has_speaker = 1 AND q.speaker = ?", f.Speaker)
	}
	if f.Actor != "" {
		w.add("q.has_speaker = 1 AND q.speaker_actor = ?", f.Actor)
	}
	if f.Article != "" {
		w.add("q.article_id = ?", f.Article)
	}
	if f.Articles != nil {
		list, err := idList("articles", f.Articles)
		if err != nil {
			return res, err
		}
		w.add("q.article_id IN (SELECT value FROM json_each(?))", list)
	}
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return res, fmt.Errorf("sqlite: query quotes: %w", err)
	}
	defer tx.Rollback()
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM quotes AS q"+w.sql(), w.args...).Scan(&res.Total); err != nil {
		return res, fmt.Errorf("sqlite: query quotes: %w", err)
	}
	if res.Total == 0 || page.Offset >= res.Total {
		return res, nil
	}
	q := `SELECT q.article_id, a.outlet, a.published,
	q.id, q.span_start, q.span_end, q.text, q.kind, q.cue, q.cue_start, q.cue_end,
	q.has_speaker, q.speaker, q.speaker_actor, q.speaker_sector, q.description, q.anonymous, q.mention_start, q.mention_end, q.channel
FROM quotes AS q JOIN articles AS a ON a.id = q.article_id` + w.sql() +
		" ORDER BY q.has_speaker DESC, q.speaker, a.published, a.seq, q.idx LIMIT ? OFFSET ?"
	rows, err := tx.QueryContext(ctx, q, append(w.args, page.Limit, page.Offset)...)
	if err != nil {
		return res, fmt.Errorf("sqlite: query quotes: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var h store.QuoteHit
		var has bool
		sp := new(model.Speaker)
		qu := &h.Quote
		if err := rows.Scan(&h.Article, &h.Outlet, &h.Published,
			&qu.ID, &qu.Span.Start, &qu.Span.End, &qu.Text, &qu.Kind, &qu.Cue, &qu.CueSpan.Start, &qu.CueSpan.End,
			&has, &sp.Name, &sp.Actor, &sp.Sector, &sp.Description, &sp.Anonymous, &sp.Mention.Start, &sp.Mention.End, &sp.Channel); err != nil {
			return res, fmt.Errorf("sqlite: query quotes: %w", err)
		}
		if has {
			qu.Speaker = sp
		}
		res.Quotes = append(res.Quotes, h)
	}
	if err := rows.Err(); err != nil {
		return res, fmt.Errorf("sqlite: query quotes: %w", err)
	}
	return res, nil
}

// actorCountsSQL unions per-code counts from mentions, event sources and
// targets and quote speakers; %[1]s is where each part's article filter
// goes, %[2]s..%[5]s each part's exact-code filter.
const actorCountsSQL = `
WITH codes (code, mentions, articles, src, tgt, quotes) AS (
	SELECT actor, count(*), count(DISTINCT article_id), 0, 0, 0 FROM mentions AS x WHERE actor <> '' %[1]s %[2]s GROUP BY actor
	UNION ALL SELECT source, 0, 0, count(*), 0, 0 FROM events AS x WHERE source <> '' %[1]s %[3]s GROUP BY source
	UNION ALL SELECT target, 0, 0, 0, count(*), 0 FROM events AS x WHERE target <> '' %[1]s %[4]s GROUP BY target
	UNION ALL SELECT speaker_actor, 0, 0, 0, 0, count(*) FROM quotes AS x WHERE has_speaker = 1 AND speaker_actor <> '' %[1]s %[5]s GROUP BY speaker_actor
)
SELECT code, sum(mentions), sum(articles), sum(src), sum(tgt), sum(quotes), count(*) OVER ()
FROM codes
WHERE substr(code, 1, ?) = ?
GROUP BY code
ORDER BY sum(mentions) + sum(src) + sum(tgt) DESC, code
LIMIT ? OFFSET ?`

// QueryActors returns a page of actor codes with their counts; see
// store.Querier.
func (s *Store) QueryActors(ctx context.Context, f store.ActorFilter) (store.ActorResult, error) {
	var res store.ActorResult
	page, err := f.Page.Norm()
	if err != nil {
		return res, err
	}
	if err := errors.Join(checkText("prefix", f.Prefix), checkText("code", f.Code)); err != nil {
		return res, err
	}
	// Each of the four parts takes the article list (when set), then the
	// code (when set), so the parameters go part by part.
	var list string
	filter := ""
	if f.Articles != nil {
		if list, err = idList("articles", f.Articles); err != nil {
			return res, err
		}
		filter = "AND x.article_id IN (SELECT value FROM json_each(?))"
	}
	codeCols := []string{"", "", "", ""}
	if f.Code != "" {
		codeCols = []string{"AND x.actor = ?", "AND x.source = ?", "AND x.target = ?", "AND x.speaker_actor = ?"}
	}
	var args []any
	for range 4 {
		if f.Articles != nil {
			args = append(args, list)
		}
		if f.Code != "" {
			args = append(args, f.Code)
		}
	}
	q := fmt.Sprintf(actorCountsSQL, filter, codeCols[0], codeCols[1], codeCols[2], codeCols[3])
	args = append(args, utf8.RuneCountInString(f.Prefix), f.Prefix, page.Limit, page.Offset) // substr counts characters
	rows, err := s.read.QueryContext(ctx, q, args...)
	if err != nil {
		return res, fmt.Errorf("sqlite: query actors: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var a store.ActorSummary
		if err := rows.Scan(&a.Code, &a.Mentions, &a.Articles, &a.AsSource, &a.AsTarget, &a.Quotes, &res.Total); err != nil {
			return res, fmt.Errorf("sqlite: query actors: %w", err)
		}
		res.Actors = append(res.Actors, a)
	}
	if err := rows.Err(); err != nil {
		return res, fmt.Errorf("sqlite: query actors: %w", err)
	}
	return res, nil
}

// Dyads aggregates events into directed dyads; see store.Querier. Negated
// events (the text says the action did not happen) are left out.
func (s *Store) Dyads(ctx context.Context, f store.DyadFilter) ([]store.Dyad, error) {
	limit := f.Limit
	if limit < 0 {
		return nil, badFilter("limit", "negative")
	}
	if limit == 0 {
		limit = store.DefaultLimit
	}
	limit = min(limit, store.MaxLimit)
	w, err := eventWhere(store.EventFilter{Actor: f.Actor, Articles: f.Articles, From: f.From, To: f.To})
	if err != nil {
		return nil, err
	}
	w.add("e.source <> '' AND e.target <> '' AND e.negated = 0")
	q := `SELECT e.source, e.target, count(*), total(e.goldstein),
	sum(e.quad = 1), sum(e.quad = 2), sum(e.quad = 3), sum(e.quad = 4)
FROM events AS e` + w.sql() + " GROUP BY e.source, e.target ORDER BY count(*) DESC, e.source, e.target LIMIT ?"
	rows, err := s.read.QueryContext(ctx, q, append(w.args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: dyads: %w", err)
	}
	defer rows.Close()
	var out []store.Dyad
	for rows.Next() {
		var d store.Dyad
		if err := rows.Scan(&d.Source, &d.Target, &d.Events, &d.Goldstein, &d.Quads[0], &d.Quads[1], &d.Quads[2], &d.Quads[3]); err != nil {
			return nil, fmt.Errorf("sqlite: dyads: %w", err)
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: dyads: %w", err)
	}
	return out, nil
}

// EventCounts counts the filtered events by date and quad class; see
// store.Querier. Negated events are left out, as in Dyads.
func (s *Store) EventCounts(ctx context.Context, f store.EventFilter) ([]store.DateCount, error) {
	w, err := eventWhere(f)
	if err != nil {
		return nil, err
	}
	w.add("e.date <> '' AND e.negated = 0")
	q := "SELECT e.date, e.quad, count(*), total(e.goldstein) FROM events AS e" + w.sql() +
		" GROUP BY e.date, e.quad ORDER BY e.date, e.quad"
	rows, err := s.read.QueryContext(ctx, q, w.args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: event counts: %w", err)
	}
	defer rows.Close()
	var out []store.DateCount
	for rows.Next() {
		var c store.DateCount
		if err := rows.Scan(&c.Date, &c.Quad, &c.Events, &c.Goldstein); err != nil {
			return nil, fmt.Errorf("sqlite: event counts: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: event counts: %w", err)
	}
	return out, nil
}

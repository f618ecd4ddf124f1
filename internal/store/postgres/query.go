package postgres

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/store"
)

// This file implements store.Querier, the read side used by `sitrep serve`
// and the exports, with the same results as the SQLite store's (the
// conformance suite storetest.RunQuerier checks both). Every query runs in
// a READ ONLY, REPEATABLE READ transaction, so that a page and its total
// come from one snapshot and the server itself refuses any write. Every
// user-supplied value is bound as a parameter; SQL text is assembled only
// from constant fragments, chosen by which filter fields are set, and the
// parameter placeholders ($n) numbered for them.
//
// Text is ordered with COLLATE "C" (byte order, as SQLite compares), so
// that results do not depend on the database's collation; the indexes the
// orderings use are built with the same collation (migration 4).

var _ store.Querier = (*Store)(nil)

// where collects the constant condition fragments and the parameters of a
// query.
type where struct {
	conds []string
	args  []any
}

// arg binds v as the next parameter and returns its placeholder.
func (w *where) arg(v any) string {
	w.args = append(w.args, v)
	return "$" + strconv.Itoa(len(w.args))
}

func (w *where) add(cond string) { w.conds = append(w.conds, cond) }

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
// NUL byte (which no PostgreSQL text can hold); anything else is passed to
// SQL as a parameter and simply matches or does not.
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

// checkIDs checks an ID list, bound as one text[] parameter so that a
// story of any size is one parameter.
func checkIDs(field string, ids []string) error {
	if len(ids) > store.MaxMatches {
		return badFilter(field, "too many")
	}
	for _, id := range ids {
		if err := checkText(field, id); err != nil {
			return err
		}
	}
	return nil
}

// readTx runs fn in a read-only transaction with one snapshot.
func (s *Store) readTx(ctx context.Context, what string, fn func(tx pgx.Tx) error) error {
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return fmt.Errorf("postgres: %s: %w", what, err)
	}
	defer tx.Rollback(context.Background())
	if err := fn(tx); err != nil {
		return fmt.Errorf("postgres: %s: %w", what, err)
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("postgres: %s: %w", what, err)
	}
	return nil
}

// eventWhere builds the conditions of f on table alias e.
func eventWhere(f store.EventFilter) (*where, error) {
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
	if err := checkIDs("articles", f.Articles); err != nil {
		return nil, err
	}
	w := &where{}
	if f.Actor != "" {
		p := w.arg(f.Actor)
		w.add("(e.source = " + p + " OR e.target = " + p + ")")
	}
	if f.Source != "" {
		w.add("e.source = " + w.arg(f.Source))
	}
	if f.Target != "" {
		w.add("e.target = " + w.arg(f.Target))
	}
	if f.From != "" {
		w.add(`e.date COLLATE "C" >= ` + w.arg(f.From))
	}
	if f.To != "" {
		w.add(`e.date <> '' AND e.date COLLATE "C" <= ` + w.arg(f.To))
	}
	if f.CAMEO != "" {
		w.add("starts_with(e.cameo, " + w.arg(f.CAMEO) + ")")
	}
	if f.PLOVER != "" {
		w.add("e.plover = " + w.arg(f.PLOVER))
	}
	if f.Quad != 0 {
		w.add("e.quad = " + w.arg(f.Quad))
	}
	if f.Article != "" {
		w.add("e.article_id = " + w.arg(f.Article))
	}
	if f.Articles != nil {
		w.add("e.article_id = ANY(" + w.arg(f.Articles) + "::text[])")
	}
	return w, nil
}

const eventColumns = `e.article_id, a.title, a.outlet, a.published, a.url,
	e.id, e.sentence, e.span_start, e.span_end, e.trigger, e.trigger_start, e.trigger_end,
	e.source, e.source_sector, e.source_text, e.source_start, e.source_end,
	e.target, e.target_sector, e.target_text, e.target_start, e.target_end,
	e.cameo, e.root, e.plover, e.mode, e.goldstein, e.quad, e.negated, e.modality,
	e.date, e.date_precision, e.date_basis, e.date_start, e.date_end, e.location, e.quote`

func scanEvent(row pgx.Row) (store.EventHit, error) {
	var h store.EventHit
	e := &h.Event
	err := row.Scan(&h.Article, &h.Title, &h.Outlet, &h.Published, &h.URL,
		&e.ID, &e.Sentence, &e.Span.Start, &e.Span.End, &e.Trigger, &e.TriggerSpan.Start, &e.TriggerSpan.End,
		&e.Source.Code, &e.Source.Sector, &e.Source.Text, &e.Source.Span.Start, &e.Source.Span.End,
		&e.Target.Code, &e.Target.Sector, &e.Target.Text, &e.Target.Span.Start, &e.Target.Span.End,
		&e.CAMEO, &e.Root, &e.PLOVER, &e.Mode, &e.Goldstein, &e.Quad, &e.Negated, &e.Modality,
		&e.Date, &e.DatePrecision, &e.DateBasis, &e.DateSpan.Start, &e.DateSpan.End, &e.Location, &e.Quote)
	return h, err
}

// QueryEvents returns a page of events; see store.Querier. Order is date
// descending (undated last), then article and index descending, which the
// index events_order (migration 4) delivers without sorting.
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
	err = s.readTx(ctx, "query events", func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, "SELECT count(*) FROM events AS e"+w.sql(), w.args...).Scan(&res.Total); err != nil {
			return err
		}
		if res.Total == 0 || page.Offset >= res.Total {
			return nil
		}
		lim, off := w.arg(page.Limit), w.arg(page.Offset)
		q := "SELECT " + eventColumns + " FROM events AS e JOIN articles AS a ON a.id = e.article_id" + w.sql() +
			` ORDER BY e.date COLLATE "C" DESC, e.article_id COLLATE "C" DESC, e.idx DESC LIMIT ` + lim + " OFFSET " + off
		rows, err := tx.Query(ctx, q, w.args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			h, err := scanEvent(rows)
			if err != nil {
				return err
			}
			res.Events = append(res.Events, h)
		}
		return rows.Err()
	})
	if err != nil {
		return store.EventResult{}, err
	}
	return res, nil
}

// EventByID returns one event; see store.Querier. An event ID is its
// article's ID, "-e" and a number, so the lookup uses the primary key's
// article prefix.
func (s *Store) EventByID(ctx context.Context, id string) (store.EventHit, error) {
	i := strings.LastIndex(id, "-e")
	if i <= 0 || checkText("id", id) != nil {
		return store.EventHit{}, fmt.Errorf("postgres: event %q: %w", id, store.ErrNotFound)
	}
	var h store.EventHit
	err := s.readTx(ctx, "event "+strconv.Quote(id), func(tx pgx.Tx) error {
		var err error
		h, err = scanEvent(tx.QueryRow(ctx, "SELECT "+eventColumns+
			" FROM events AS e JOIN articles AS a ON a.id = e.article_id WHERE e.article_id = $1 AND e.id = $2", id[:i], id))
		return err
	})
	if errors.Is(err, pgx.ErrNoRows) {
		return store.EventHit{}, fmt.Errorf("postgres: event %q: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return store.EventHit{}, err
	}
	return h, nil
}

// articleWhere builds the conditions of f on articles AS a. With a query,
// the tsquery is bound first ($1) and the conditions hold the match, so
// callers may refer to $1 for ranking and snippets. ok is false when the
// query has no words and so matches nothing.
func articleWhere(f store.ArticleFilter) (w *where, ok bool, err error) {
	for _, c := range []struct{ name, v string }{{"actor", f.Actor}, {"outlet", f.Outlet}} {
		if err := checkText(c.name, c.v); err != nil {
			return nil, false, err
		}
	}
	if len(f.Query) > 4*store.MaxFilterLen || !utf8.ValidString(f.Query) {
		return nil, false, badFilter("q", "too long or not UTF-8")
	}
	if err := errors.Join(checkDate("from", f.From), checkDate("to", f.To)); err != nil {
		return nil, false, err
	}
	if err := checkIDs("ids", f.IDs); err != nil {
		return nil, false, err
	}
	w = &where{}
	if f.Query != "" {
		q := plainQuery(f.Query)
		if q == "" {
			return nil, false, nil
		}
		w.add("a.search @@ plainto_tsquery('english', " + w.arg(q) + ")")
	}
	if f.From != "" {
		w.add(`a.published COLLATE "C" >= ` + w.arg(f.From))
	}
	if f.To != "" {
		w.add(`a.published <> '' AND a.published COLLATE "C" <= ` + w.arg(f.To))
	}
	if f.Outlet != "" {
		w.add("a.outlet = " + w.arg(f.Outlet))
	}
	if f.Actor != "" {
		// Event participants are mentions too, so mentions alone find the
		// articles, through the partial index mentions_actor.
		w.add("a.id IN (SELECT article_id FROM mentions WHERE actor <> '' AND actor = " + w.arg(f.Actor) + ")")
	}
	if f.IDs != nil {
		w.add("a.id = ANY(" + w.arg(f.IDs) + "::text[])")
	}
	return w, true, nil
}

// QueryArticles returns a page of article summaries; see store.Querier.
// With a query, hits are ranked by ts_rank as in Store.Search (a title
// word counts as four text words), ties in ingest order, and a snippet of
// at most 16 words is cut for the hits of the page only.
func (s *Store) QueryArticles(ctx context.Context, f store.ArticleFilter) (store.ArticleResult, error) {
	var res store.ArticleResult
	page, err := f.Page.Norm()
	if err != nil {
		return res, err
	}
	w, ok, err := articleWhere(f)
	if err != nil || !ok {
		return res, err
	}
	err = s.readTx(ctx, "query articles", func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, "SELECT count(*) FROM articles AS a"+w.sql(), w.args...).Scan(&res.Total); err != nil {
			return err
		}
		if res.Total == 0 || page.Offset >= res.Total {
			return nil
		}
		lim, off := w.arg(page.Limit), w.arg(page.Offset)
		var q string
		if f.Query != "" {
			q = `
SELECT a.id, a.title, a.outlet, a.published, a.url,
	ts_headline('english', CASE WHEN a.text <> '' THEN left(a.text, 262144) ELSE a.title END, plainto_tsquery('english', $1),
		'StartSel="", StopSel="", MaxWords=16, MinWords=6, ShortWord=2'),
	a.mention_count, a.quote_count, a.event_count
FROM (
	SELECT a.seq, ts_rank('{0.1, 0.2, 0.4, 0.4}', a.search, plainto_tsquery('english', $1)) AS rank
	FROM articles AS a` + w.sql() + `
	ORDER BY rank DESC, a.seq LIMIT ` + lim + " OFFSET " + off + `
) AS hits JOIN articles AS a USING (seq)
ORDER BY hits.rank DESC, hits.seq`
		} else {
			q = `SELECT a.id, a.title, a.outlet, a.published, a.url, '', a.mention_count, a.quote_count, a.event_count
FROM articles AS a` + w.sql() + ` ORDER BY a.published COLLATE "C" DESC, a.seq DESC LIMIT ` + lim + " OFFSET " + off
		}
		rows, err := tx.Query(ctx, q, w.args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var a store.ArticleSummary
			if err := rows.Scan(&a.ID, &a.Title, &a.Outlet, &a.Published, &a.URL, &a.Snippet, &a.Mentions, &a.Quotes, &a.Events); err != nil {
				return err
			}
			a.Snippet = strings.Join(strings.Fields(a.Snippet), " ")
			res.Articles = append(res.Articles, a)
		}
		return rows.Err()
	})
	if err != nil {
		return store.ArticleResult{}, err
	}
	return res, nil
}

// MatchingArticleIDs returns every article ID the filter keeps; see
// store.Querier.
func (s *Store) MatchingArticleIDs(ctx context.Context, f store.ArticleFilter) ([]string, error) {
	w, ok, err := articleWhere(f)
	if err != nil || !ok {
		return nil, err
	}
	var ids []string
	err = s.readTx(ctx, "matching articles", func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, "SELECT a.id FROM articles AS a"+w.sql()+" ORDER BY a.seq LIMIT "+w.arg(store.MaxMatches), w.args...)
		if err != nil {
			return err
		}
		ids, err = pgx.CollectRows(rows, pgx.RowTo[string])
		return err
	})
	if err != nil {
		return nil, err
	}
	return ids, nil
}

// QueryQuotes returns a page of quotes; see store.Querier. Order is quotes
// with a speaker first, by speaker, then publication date, article (ingest
// order) and position.
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
	if err := checkIDs("articles", f.Articles); err != nil {
		return res, err
	}
	w := &where{}
	if f.Speaker != "" {
		w.add("q.has_speaker AND q.speaker = " + w.arg(f.Speaker))
	}
	if f.Actor != "" {
		w.add("q.has_speaker AND q.speaker_actor = " + w.arg(f.Actor))
	}
	if f.Article != "" {
		w.add("q.article_id = " + w.arg(f.Article))
	}
	if f.Articles != nil {
		w.add("q.article_id = ANY(" + w.arg(f.Articles) + "::text[])")
	}
	err = s.readTx(ctx, "query quotes", func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, "SELECT count(*) FROM quotes AS q"+w.sql(), w.args...).Scan(&res.Total); err != nil {
			return err
		}
		if res.Total == 0 || page.Offset >= res.Total {
			return nil
		}
		lim, off := w.arg(page.Limit), w.arg(page.Offset)
		q := `SELECT q.article_id, a.outlet, a.published,
	q.id, q.span_start, q.span_end, q.text, q.kind, q.cue, q.cue_start, q.cue_end,
	q.has_speaker, q.speaker, q.speaker_actor, q.speaker_sector, q.description, q.anonymous, q.mention_start, q.mention_end, q.channel
FROM quotes AS q JOIN articles AS a ON a.id = q.article_id` + w.sql() +
			` ORDER BY q.has_speaker DESC, q.speaker COLLATE "C", a.published COLLATE "C", a.seq, q.idx LIMIT ` + lim + " OFFSET " + off
		rows, err := tx.Query(ctx, q, w.args...)
		if err != nil {
			return err
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
				return err
			}
			if has {
				qu.Speaker = sp
			}
			res.Quotes = append(res.Quotes, h)
		}
		return rows.Err()
	})
	if err != nil {
		return store.QuoteResult{}, err
	}
	return res, nil
}

// actorCountsSQL unions per-code counts from mentions, event sources and
// targets and quote speakers; %[1]s is each part's article filter and
// %[2]s..%[5]s each part's exact-code filter, all four parts sharing the
// same parameters. %[6]s..%[8]s are the placeholders of the prefix, the
// limit and the offset.
const actorCountsSQL = `
WITH codes (code, mentions, articles, src, tgt, quotes) AS (
	SELECT actor, count(*), count(DISTINCT article_id), 0, 0, 0 FROM mentions AS x WHERE actor <> '' %[1]s %[2]s GROUP BY actor
	UNION ALL SELECT source, 0, 0, count(*), 0, 0 FROM events AS x WHERE source <> '' %[1]s %[3]s GROUP BY source
	UNION ALL SELECT target, 0, 0, 0, count(*), 0 FROM events AS x WHERE target <> '' %[1]s %[4]s GROUP BY target
	UNION ALL SELECT speaker_actor, 0, 0, 0, 0, count(*) FROM quotes AS x WHERE has_speaker AND speaker_actor <> '' %[1]s %[5]s GROUP BY speaker_actor
)
SELECT code, sum(mentions)::bigint, sum(articles)::bigint, sum(src)::bigint, sum(tgt)::bigint, sum(quotes)::bigint, count(*) OVER ()
FROM codes
WHERE starts_with(code, %[6]s)
GROUP BY code
ORDER BY sum(mentions) + sum(src) + sum(tgt) DESC, code COLLATE "C"
LIMIT %[7]s OFFSET %[8]s`

// QueryActors returns a page of actor codes with their counts; see
// store.Querier. As in the SQLite store, Total is 0 when Offset is past
// the last code.
func (s *Store) QueryActors(ctx context.Context, f store.ActorFilter) (store.ActorResult, error) {
	var res store.ActorResult
	page, err := f.Page.Norm()
	if err != nil {
		return res, err
	}
	if err := errors.Join(checkText("prefix", f.Prefix), checkText("code", f.Code), checkIDs("articles", f.Articles)); err != nil {
		return res, err
	}
	w := &where{}
	filter := ""
	if f.Articles != nil {
		filter = "AND x.article_id = ANY(" + w.arg(f.Articles) + "::text[])"
	}
	codeCols := []string{"", "", "", ""}
	if f.Code != "" {
		p := w.arg(f.Code)
		codeCols = []string{"AND x.actor = " + p, "AND x.source = " + p, "AND x.target = " + p, "AND x.speaker_actor = " + p}
	}
	q := fmt.Sprintf(actorCountsSQL, filter, codeCols[0], codeCols[1], codeCols[2], codeCols[3],
		w.arg(f.Prefix), w.arg(page.Limit), w.arg(page.Offset))
	err = s.readTx(ctx, "query actors", func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, q, w.args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var a store.ActorSummary
			if err := rows.Scan(&a.Code, &a.Mentions, &a.Articles, &a.AsSource, &a.AsTarget, &a.Quotes, &res.Total); err != nil {
				return err
			}
			res.Actors = append(res.Actors, a)
		}
		return rows.Err()
	})
	if err != nil {
		return store.ActorResult{}, err
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
	w.add("e.source <> '' AND e.target <> '' AND NOT e.negated")
	q := `SELECT e.source, e.target, count(*), coalesce(sum(e.goldstein), 0),
	count(*) FILTER (WHERE e.quad = 1), count(*) FILTER (WHERE e.quad = 2),
	count(*) FILTER (WHERE e.quad = 3), count(*) FILTER (WHERE e.quad = 4)
FROM events AS e` + w.sql() + ` GROUP BY e.source, e.target
ORDER BY count(*) DESC, e.source COLLATE "C", e.target COLLATE "C" LIMIT ` + w.arg(limit)
	var out []store.Dyad
	err = s.readTx(ctx, "dyads", func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, q, w.args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var d store.Dyad
			if err := rows.Scan(&d.Source, &d.Target, &d.Events, &d.Goldstein, &d.Quads[0], &d.Quads[1], &d.Quads[2], &d.Quads[3]); err != nil {
				return err
			}
			out = append(out, d)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
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
	w.add("e.date <> '' AND NOT e.negated")
	q := "SELECT e.date, e.quad, count(*), coalesce(sum(e.goldstein), 0) FROM events AS e" + w.sql() +
		` GROUP BY e.date, e.quad ORDER BY e.date COLLATE "C", e.quad`
	var out []store.DateCount
	err = s.readTx(ctx, "event counts", func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, q, w.args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c store.DateCount
			if err := rows.Scan(&c.Date, &c.Quad, &c.Events, &c.Goldstein); err != nil {
				return err
			}
			out = append(out, c)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

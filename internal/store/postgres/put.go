package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"

	"github.com/jackc/pgx/v5"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/store"
)

// encoded is an article's column values, prepared before the transaction
// starts so that it holds its locks only for database work.
type encoded struct {
	art                       *model.Article
	dateCandidates            []byte // JSON, or nil for NULL
	diagnostics               []byte
	paragraphs, sentences     []byte
	tokens                    []byte
	index                     int // the article's first place in the batch
	seq                       int64
	created                   bool
	id                        string // the stored article's ID
	timexes, mentions, quotes int
	events                    int
}

const insertArticle = `
INSERT INTO articles (
	seq, id, content_hash, source_file, source_path, source_line, format,
	url, outlet, title, author, dateline, syndicated_from,
	published, published_source, language, date_candidates, diagnostics,
	raw, text, paragraphs, sentences, tokens,
	paragraph_count, sentence_count, token_count, timex_count, mention_count, quote_count, event_count
) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
	$19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30)
ON CONFLICT DO NOTHING`

// PutArticles stores a batch in one transaction; see store.Store. An
// article that is nil or has an empty ID or ContentHash fails the whole
// batch, as does one whose ID is stored, or earlier in the batch, under
// another content hash, or a value PostgreSQL cannot hold (a NUL
// character in a text). Any number of writers may call it at once, in one
// or several processes: each article is created once, the others see it
// as a duplicate. The batch's new articles take consecutive places in
// ingest order, in input order, unless a concurrent writer interleaves.
func (s *Store) PutArticles(ctx context.Context, arts []*model.Article) (_ []store.PutResult, err error) {
	if len(arts) == 0 {
		return nil, nil
	}
	res := make([]store.PutResult, len(arts))
	var uniq []*encoded
	byHash := make(map[string]*encoded, len(arts))
	hashOfID := make(map[string]string, len(arts))
	first := make([]*encoded, len(arts)) // the encoded article each input resolves to
	for i, a := range arts {
		if a == nil {
			return nil, fmt.Errorf("postgres: put articles: article %d is nil", i)
		}
		if a.ID == "" || a.ContentHash == "" {
			return nil, fmt.Errorf("postgres: put articles: article %d: empty ID or content hash", i)
		}
		if e, ok := byHash[a.ContentHash]; ok {
			first[i] = e
			continue
		}
		if h, ok := hashOfID[a.ID]; ok && h != a.ContentHash {
			return nil, fmt.Errorf("postgres: put article %s: ID repeated in the batch with another content hash", a.ID)
		}
		hashOfID[a.ID] = a.ContentHash
		e, err := encode(a)
		if err != nil {
			return nil, fmt.Errorf("postgres: put article %s: %w", a.ID, err)
		}
		e.index = i
		byHash[a.ContentHash] = e
		uniq = append(uniq, e)
		first[i] = e
	}

	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return nil, fmt.Errorf("postgres: put articles: begin: %w", err)
	}
	defer func() {
		if err != nil {
			tx.Rollback(context.Background())
		}
	}()
	if err := reserveSeqs(ctx, tx, uniq); err != nil {
		return nil, err
	}

	// Insert in content-hash order, the global lock order that keeps
	// concurrent writers of overlapping batches free of deadlocks.
	sorted := make([]*encoded, len(uniq))
	copy(sorted, uniq)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].art.ContentHash < sorted[j].art.ContentHash })
	b := &pgx.Batch{}
	for _, e := range sorted {
		a := e.art
		b.Queue(insertArticle,
			e.seq, a.ID, a.ContentHash, a.SourceFile, a.SourcePath, a.SourceLine, a.Format,
			a.URL, a.Outlet, a.Title, a.Author, a.Dateline, a.SyndicatedFrom,
			a.Published, a.PublishedSource, a.Language, e.dateCandidates, e.diagnostics,
			a.Raw, a.Text, e.paragraphs, e.sentences, e.tokens,
			len(a.Paragraphs), len(a.Sentences), len(a.Tokens), e.timexes, e.mentions, e.quotes, e.events)
	}
	br := tx.SendBatch(ctx, b)
	var existing []string
	for _, e := range sorted {
		tag, err := br.Exec()
		if err != nil {
			br.Close()
			return nil, fmt.Errorf("postgres: put article %s: %w", e.art.ID, err)
		}
		e.created = tag.RowsAffected() == 1
		if e.created {
			e.id = e.art.ID
		} else {
			existing = append(existing, e.art.ContentHash)
		}
	}
	if err := br.Close(); err != nil {
		return nil, fmt.Errorf("postgres: put articles: %w", err)
	}
	if len(existing) > 0 {
		if err := storedIDs(ctx, tx, existing, byHash); err != nil {
			return nil, err
		}
	}
	if err := copyAnnotations(ctx, tx, uniq); err != nil {
		return nil, err
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, fmt.Errorf("postgres: put articles: commit: %w", err)
	}
	for i, e := range first {
		res[i] = store.PutResult{ID: e.id, Created: e.created && e.index == i}
	}
	return res, nil
}

// encode prepares an article's column values.
func encode(a *model.Article) (*encoded, error) {
	e := &encoded{art: a, timexes: len(a.Timexes), mentions: len(a.Mentions), quotes: len(a.Quotes), events: len(a.Events)}
	var err error
	if e.dateCandidates, err = jsonColumn(a.DateCandidates); err != nil {
		return nil, fmt.Errorf("date candidates: %w", err)
	}
	if e.diagnostics, err = jsonColumn(a.Diagnostics); err != nil {
		return nil, fmt.Errorf("diagnostics: %w", err)
	}
	e.paragraphs = encodeParagraphs(a.Paragraphs)
	e.sentences = encodeSentences(a.Sentences)
	e.tokens = encodeTokens(a.Tokens)
	return e, nil
}

// jsonColumn encodes v as JSON, or nil (SQL NULL) when it is empty.
func jsonColumn[T any](v []T) ([]byte, error) {
	if len(v) == 0 {
		return nil, nil
	}
	return json.Marshal(v)
}

// reserveSeqs draws one sequence value per article, ascending in input
// order. Values drawn by a batch that then fails are lost: ingest order has
// gaps, never repeats.
func reserveSeqs(ctx context.Context, tx pgx.Tx, uniq []*encoded) error {
	rows, err := tx.Query(ctx, `SELECT nextval('articles_seq') FROM generate_series(1, $1::int)`, len(uniq))
	if err != nil {
		return fmt.Errorf("postgres: put articles: sequence: %w", err)
	}
	seqs, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return fmt.Errorf("postgres: put articles: sequence: %w", err)
	}
	if len(seqs) != len(uniq) {
		return fmt.Errorf("BUG: postgres: drew %d sequence values for %d articles", len(seqs), len(uniq))
	}
	sort.Slice(seqs, func(i, j int) bool { return seqs[i] < seqs[j] })
	for i, e := range uniq {
		e.seq = seqs[i]
	}
	return nil
}

// storedIDs fills the stored ID of the articles whose insert was skipped.
// The insert's ON CONFLICT has no target, so that a concurrent writer of
// the same article is waited for and skipped whichever unique index (id or
// content_hash) meets it first; an article whose content hash is then not
// found was skipped for its ID alone, which the contract makes an error.
// Under READ COMMITTED the query sees rows committed by concurrent writers
// that the inserts waited for.
func storedIDs(ctx context.Context, tx pgx.Tx, hashes []string, byHash map[string]*encoded) error {
	rows, err := tx.Query(ctx, `SELECT content_hash, id FROM articles WHERE content_hash = ANY($1)`, hashes)
	if err != nil {
		return fmt.Errorf("postgres: put articles: stored duplicates: %w", err)
	}
	for rows.Next() {
		var h, id string
		if err := rows.Scan(&h, &id); err != nil {
			rows.Close()
			return fmt.Errorf("postgres: put articles: stored duplicates: %w", err)
		}
		if e := byHash[h]; e != nil {
			e.id = id
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("postgres: put articles: stored duplicates: %w", err)
	}
	for _, h := range hashes {
		if e := byHash[h]; e.id == "" {
			return fmt.Errorf("postgres: put article %s: ID already taken by an article with another content hash", e.art.ID)
		}
	}
	return nil
}

// copyAnnotations writes the time expressions, mentions, quotes and events
// of the articles created, with COPY.
func copyAnnotations(ctx context.Context, tx pgx.Tx, uniq []*encoded) error {
	var timexes, mentions, quotes, events [][]any
	for _, e := range uniq {
		if !e.created {
			continue
		}
		a := e.art
		for i, x := range a.Timexes {
			timexes = append(timexes, []any{a.ID, i, x.Span.Start, x.Span.End, x.Sentence, x.Text, x.Type, x.Value, x.Precision})
		}
		for i, m := range a.Mentions {
			mentions = append(mentions, []any{a.ID, i, m.Span.Start, m.Span.End, m.Sentence, m.Text, m.Kind, m.Actor, m.Sector, m.Person, m.Entity, m.Via})
		}
		for i, q := range a.Quotes {
			var sp model.Speaker
			has := q.Speaker != nil
			if has {
				sp = *q.Speaker
			}
			quotes = append(quotes, []any{a.ID, i, q.ID, q.Span.Start, q.Span.End, q.Text, q.Kind, q.Cue, q.CueSpan.Start, q.CueSpan.End,
				has, sp.Name, sp.Actor, sp.Sector, sp.Description, sp.Anonymous, sp.Mention.Start, sp.Mention.End, sp.Channel})
		}
		for i, e := range a.Events {
			events = append(events, []any{a.ID, i, e.ID, e.Sentence, e.Span.Start, e.Span.End, e.Trigger, e.TriggerSpan.Start, e.TriggerSpan.End,
				e.Source.Code, e.Source.Sector, e.Source.Text, e.Source.Span.Start, e.Source.Span.End,
				e.Target.Code, e.Target.Sector, e.Target.Text, e.Target.Span.Start, e.Target.Span.End,
				e.CAMEO, e.Root, e.PLOVER, e.Mode, e.Goldstein, e.Quad, e.Negated, e.Modality,
				e.Date, e.DatePrecision, e.DateBasis, e.DateSpan.Start, e.DateSpan.End, e.Location, e.Quote})
		}
	}
	for _, c := range []struct {
		table string
		cols  []string
		rows  [][]any
	}{
		{"timexes", []string{"article_id", "idx", "span_start", "span_end", "sentence", "text", "type", "value", "precision"}, timexes},
		{"mentions", []string{"article_id", "idx", "span_start", "span_end", "sentence", "text", "kind", "actor", "sector", "person", "entity", "via"}, mentions},
		{"quotes", []string{"article_id", "idx", "id", "span_start", "span_end", "text", "kind", "cue", "cue_start", "cue_end",
			"has_speaker", "speaker", "speaker_actor", "speaker_sector", "description", "anonymous", "mention_start", "mention_end", "channel"}, quotes},
		{"events", []string{"article_id", "idx", "id", "sentence", "span_start", "span_end", "trigger", "trigger_start", "trigger_end",
			"source", "source_sector", "source_text", "source_start", "source_end",
			"target", "target_sector", "target_text", "target_start", "target_end",
			"cameo", "root", "plover", "mode", "goldstein", "quad", "negated", "modality",
			"date", "date_precision", "date_basis", "date_start", "date_end", "location", "quote"}, events},
	} {
		if len(c.rows) == 0 {
			continue
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{c.table}, c.cols, pgx.CopyFromRows(c.rows)); err != nil {
			return fmt.Errorf("postgres: put articles: %s: %w", c.table, err)
		}
	}
	return nil
}

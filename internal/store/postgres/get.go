package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/store"
)

const selectArticle = `
SELECT id, content_hash, source_file, source_path, source_line, format,
	url, outlet, title, author, dateline, syndicated_from,
	published, published_source, language, date_candidates, diagnostics,
	raw, text, paragraphs, sentences, tokens, timex_count, mention_count, quote_count, event_count
FROM articles WHERE id = $1`

// Article returns the stored article; see store.Store. It reads in one
// REPEATABLE READ transaction, so the article and its annotations are one
// snapshot. Empty slices come back nil; Token.Syntax is not stored. The
// result belongs to the caller.
func (s *Store) Article(ctx context.Context, id string) (*model.Article, error) {
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, fmt.Errorf("postgres: article %s: %w", id, err)
	}
	defer tx.Rollback(context.Background())

	a := &model.Article{}
	var dateCandidates, diagnostics, paragraphs, sentences, tokens []byte
	var timexes, mentions, quotes, events int
	err = tx.QueryRow(ctx, selectArticle, id).Scan(
		&a.ID, &a.ContentHash, &a.SourceFile, &a.SourcePath, &a.SourceLine, &a.Format,
		&a.URL, &a.Outlet, &a.Title, &a.Author, &a.Dateline, &a.SyndicatedFrom,
		&a.Published, &a.PublishedSource, &a.Language, &dateCandidates, &diagnostics,
		&a.Raw, &a.Text, &paragraphs, &sentences, &tokens, &timexes, &mentions, &quotes, &events)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("postgres: article %s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: article %s: %w", id, err)
	}
	if dateCandidates != nil {
		if err := json.Unmarshal(dateCandidates, &a.DateCandidates); err != nil {
			return nil, fmt.Errorf("postgres: article %s: date candidates: %w", id, err)
		}
	}
	if diagnostics != nil {
		if err := json.Unmarshal(diagnostics, &a.Diagnostics); err != nil {
			return nil, fmt.Errorf("postgres: article %s: diagnostics: %w", id, err)
		}
	}
	if a.Paragraphs, err = decodeParagraphs(paragraphs); err != nil {
		return nil, fmt.Errorf("postgres: article %s: %w", id, err)
	}
	if a.Sentences, err = decodeSentences(sentences); err != nil {
		return nil, fmt.Errorf("postgres: article %s: %w", id, err)
	}
	if a.Tokens, err = decodeTokens(tokens); err != nil {
		return nil, fmt.Errorf("postgres: article %s: %w", id, err)
	}
	if timexes > 0 {
		if a.Timexes, err = readTimexes(ctx, tx, id); err != nil {
			return nil, fmt.Errorf("postgres: article %s: timexes: %w", id, err)
		}
	}
	if mentions > 0 {
		if a.Mentions, err = readMentions(ctx, tx, id); err != nil {
			return nil, fmt.Errorf("postgres: article %s: mentions: %w", id, err)
		}
	}
	if quotes > 0 {
		if a.Quotes, err = readQuotes(ctx, tx, id); err != nil {
			return nil, fmt.Errorf("postgres: article %s: quotes: %w", id, err)
		}
	}
	if events > 0 {
		if a.Events, err = readEvents(ctx, tx, id); err != nil {
			return nil, fmt.Errorf("postgres: article %s: events: %w", id, err)
		}
	}
	return a, nil
}

func readTimexes(ctx context.Context, tx pgx.Tx, id string) ([]model.Timex, error) {
	rows, err := tx.Query(ctx, `
SELECT span_start, span_end, sentence, text, type, value, precision
FROM timexes WHERE article_id = $1 ORDER BY idx`, id)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (model.Timex, error) {
		var x model.Timex
		err := r.Scan(&x.Span.Start, &x.Span.End, &x.Sentence, &x.Text, &x.Type, &x.Value, &x.Precision)
		return x, err
	})
}

func readMentions(ctx context.Context, tx pgx.Tx, id string) ([]model.Mention, error) {
	rows, err := tx.Query(ctx, `
SELECT span_start, span_end, sentence, text, kind, actor, sector, person, entity, via
FROM mentions WHERE article_id = $1 ORDER BY idx`, id)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (model.Mention, error) {
		var m model.Mention
		err := r.Scan(&m.Span.Start, &m.Span.End, &m.Sentence, &m.Text, &m.Kind, &m.Actor, &m.Sector, &m.Person, &m.Entity, &m.Via)
		return m, err
	})
}

func readQuotes(ctx context.Context, tx pgx.Tx, id string) ([]model.Quote, error) {
	rows, err := tx.Query(ctx, `
SELECT id, span_start, span_end, text, kind, cue, cue_start, cue_end,
	has_speaker, speaker, speaker_actor, speaker_sector, description, anonymous, mention_start, mention_end, channel
FROM quotes WHERE article_id = $1 ORDER BY idx`, id)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (model.Quote, error) {
		var q model.Quote
		var sp model.Speaker
		var has bool
		err := r.Scan(&q.ID, &q.Span.Start, &q.Span.End, &q.Text, &q.Kind, &q.Cue, &q.CueSpan.Start, &q.CueSpan.End,
			&has, &sp.Name, &sp.Actor, &sp.Sector, &sp.Description, &sp.Anonymous, &sp.Mention.Start, &sp.Mention.End, &sp.Channel)
		if has {
			q.Speaker = &sp
		}
		return q, err
	})
}

func readEvents(ctx context.Context, tx pgx.Tx, id string) ([]model.Event, error) {
	rows, err := tx.Query(ctx, `
SELECT id, sentence, span_start, span_end, trigger, trigger_start, trigger_end,
	source, source_sector, source_text, source_start, source_end,
	target, target_sector, target_text, target_start, target_end,
	cameo, root, plover, mode, goldstein, quad, negated, modality,
	date, date_precision, date_basis, date_start, date_end, location, quote
FROM events WHERE article_id = $1 ORDER BY idx`, id)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (model.Event, error) {
		var e model.Event
		err := r.Scan(&e.ID, &e.Sentence, &e.Span.Start, &e.Span.End, &e.Trigger, &e.TriggerSpan.Start, &e.TriggerSpan.End,
			&e.Source.Code, &e.Source.Sector, &e.Source.Text, &e.Source.Span.Start, &e.Source.Span.End,
			&e.Target.Code, &e.Target.Sector, &e.Target.Text, &e.Target.Span.Start, &e.Target.Span.End,
			&e.CAMEO, &e.Root, &e.PLOVER, &e.Mode, &e.Goldstein, &e.Quad, &e.Negated, &e.Modality,
			&e.Date, &e.DatePrecision, &e.DateBasis, &e.DateSpan.Start, &e.DateSpan.End, &e.Location, &e.Quote)
		return e, err
	})
}

// HasContent reports whether an article with this content hash is stored;
// see store.Store.
func (s *Store) HasContent(ctx context.Context, contentHash string) (bool, error) {
	var ok bool
	err := s.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM articles WHERE content_hash = $1)`, contentHash).Scan(&ok)
	if err != nil {
		return false, fmt.Errorf("postgres: has content: %w", err)
	}
	return ok, nil
}

// ArticleIDs returns every article ID in ingest order; see store.Store.
// The slice belongs to the caller.
func (s *Store) ArticleIDs(ctx context.Context) ([]string, error) {
	rows, err := s.pool.Query(ctx, `SELECT id FROM articles ORDER BY seq`)
	if err != nil {
		return nil, fmt.Errorf("postgres: article ids: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("postgres: article ids: %w", err)
	}
	return ids, nil
}

// Stats counts stored records in one statement, hence one snapshot; see
// store.Store.
func (s *Store) Stats(ctx context.Context) (store.Stats, error) {
	var st store.Stats
	err := s.pool.QueryRow(ctx, `
SELECT count(*), coalesce(sum(paragraph_count), 0), coalesce(sum(sentence_count), 0),
	coalesce(sum(token_count), 0), coalesce(sum(timex_count), 0),
	coalesce(sum(mention_count), 0), coalesce(sum(quote_count), 0), coalesce(sum(event_count), 0),
	(SELECT count(*) FROM stories), (SELECT count(*) FROM merged_events)
FROM articles`).Scan(&st.Articles, &st.Paragraphs, &st.Sentences, &st.Tokens, &st.Timexes, &st.Mentions, &st.Quotes, &st.Events,
		&st.Stories, &st.Merged)
	if err != nil {
		return store.Stats{}, fmt.Errorf("postgres: stats: %w", err)
	}
	return st, nil
}

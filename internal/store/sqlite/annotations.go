package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/sitrep/sitrep/internal/model"
)

// Annotations live in one table each, keyed by (article_id, idx) with idx
// the position in the article's slice, so that they come back in the order
// they were stored and can be queried by actor, person or speaker.

const (
	insertTimex = `
INSERT INTO timexes (article_id, idx, span_start, span_end, sentence, text, type, value, precision)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
	insertMention = `
INSERT INTO mentions (article_id, idx, span_start, span_end, sentence, text, kind, actor, sector, person, entity, via)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	insertQuote = `
INSERT INTO quotes (article_id, idx, id, span_start, span_end, text, kind, cue, cue_start, cue_end,
	has_speaker, speaker, speaker_actor, speaker_sector, description, anonymous, mention_start, mention_end, channel)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
)

const insertEvent = `
INSERT INTO events (article_id, idx, id, sentence, span_start, span_end, trigger, trigger_start, trigger_end,
	source, source_sector, source_text, source_start, source_end,
	target, target_sector, target_text, target_start, target_end,
	cameo, root, plover, mode, goldstein, quad, negated, modality,
	date, date_precision, date_basis, date_start, date_end, location, quote)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

// putAnnotations writes a's time expressions, mentions, quotes and events.
func (w *writer) putAnnotations(ctx context.Context, a *model.Article) error {
	for i, x := range a.Timexes {
		if _, err := w.timex.ExecContext(ctx, a.ID, i, x.Span.Start, x.Span.End, x.Sentence, x.Text, x.Type, x.Value, x.Precision); err != nil {
			return fmt.Errorf("timex %d: %w", i, err)
		}
	}
	for i, m := range a.Mentions {
		if _, err := w.mention.ExecContext(ctx, a.ID, i, m.Span.Start, m.Span.End, m.Sentence, m.Text, m.Kind, m.Actor, m.Sector, m.Person, m.Entity, m.Via); err != nil {
			return fmt.Errorf("mention %d: %w", i, err)
		}
	}
	for i, q := range a.Quotes {
		var sp model.Speaker
		has := q.Speaker != nil
		if has {
			sp = *q.Speaker
		}
		if _, err := w.quote.ExecContext(ctx, a.ID, i, q.ID, q.Span.Start, q.Span.End, q.Text, q.Kind, q.Cue, q.CueSpan.Start, q.CueSpan.End,
			has, sp.Name, sp.Actor, sp.Sector, sp.Description, sp.Anonymous, sp.Mention.Start, sp.Mention.End, sp.Channel); err != nil {
			return fmt.Errorf("quote %d: %w", i, err)
		}
	}
	for i, e := range a.Events {
		if _, err := w.event.ExecContext(ctx, a.ID, i, e.ID, e.Sentence, e.Span.Start, e.Span.End, e.Trigger, e.TriggerSpan.Start, e.TriggerSpan.End,
			e.Source.Code, e.Source.Sector, e.Source.Text, e.Source.Span.Start, e.Source.Span.End,
			e.Target.Code, e.Target.Sector, e.Target.Text, e.Target.Span.Start, e.Target.Span.End,
			e.CAMEO, e.Root, e.PLOVER, e.Mode, e.Goldstein, e.Quad, e.Negated, e.Modality,
			e.Date, e.DatePrecision, e.DateBasis, e.DateSpan.Start, e.DateSpan.End, e.Location, e.Quote); err != nil {
			return fmt.Errorf("event %d: %w", i, err)
		}
	}
	return nil
}

// readAnnotations fills a's time expressions, mentions, quotes and events.
func readAnnotations(ctx context.Context, tx *sql.Tx, a *model.Article) error {
	rows, err := tx.QueryContext(ctx, `
SELECT span_start, span_end, sentence, text, type, value, precision
FROM timexes WHERE article_id = ? ORDER BY idx`, a.ID)
	if err != nil {
		return fmt.Errorf("timexes: %w", err)
	}
	for rows.Next() {
		var x model.Timex
		if err := rows.Scan(&x.Span.Start, &x.Span.End, &x.Sentence, &x.Text, &x.Type, &x.Value, &x.Precision); err != nil {
			rows.Close()
			return fmt.Errorf("timexes: %w", err)
		}
		a.Timexes = append(a.Timexes, x)
	}
	if err := closeRows(rows); err != nil {
		return fmt.Errorf("timexes: %w", err)
	}

	rows, err = tx.QueryContext(ctx, `
SELECT span_start, span_end, sentence, text, kind, actor, sector, person, entity, via
FROM mentions WHERE article_id = ? ORDER BY idx`, a.ID)
	if err != nil {
		return fmt.Errorf("mentions: %w", err)
	}
	for rows.Next() {
		var m model.Mention
		if err := rows.Scan(&m.Span.Start, &m.Span.End, &m.Sentence, &m.Text, &m.Kind, &m.Actor, &m.Sector, &m.Person, &m.Entity, &m.Via); err != nil {
			rows.Close()
			return fmt.Errorf("mentions: %w", err)
		}
		a.Mentions = append(a.Mentions, m)
	}
	if err := closeRows(rows); err != nil {
		return fmt.Errorf("mentions: %w", err)
	}

	rows, err = tx.QueryContext(ctx, `
SELECT id, span_start, span_end, text, kind, cue, cue_start, cue_end,
	has_speaker, speaker, speaker_actor, speaker_sector, description, anonymous, mention_start, mention_end, channel
FROM quotes WHERE article_id = ? ORDER BY idx`, a.ID)
	if err != nil {
		return fmt.Errorf("quotes: %w", err)
	}
	for rows.Next() {
		var q model.Quote
		var sp model.Speaker
		var has bool
		if err := rows.Scan(&q.ID, &q.Span.Start, &q.Span.End, &q.Text, &q.Kind, &q.Cue, &q.CueSpan.Start, &q.CueSpan.End,
			&has, &sp.Name, &sp.Actor, &sp.Sector, &sp.Description, &sp.Anonymous, &sp.Mention.Start, &sp.Mention.End, &sp.Channel); err != nil {
			rows.Close()
			return fmt.Errorf("quotes: %w", err)
		}
		if has {
			q.Speaker = &sp
		}
		a.Quotes = append(a.Quotes, q)
	}
	if err := closeRows(rows); err != nil {
		return fmt.Errorf("quotes: %w", err)
	}

	rows, err = tx.QueryContext(ctx, `
SELECT id, sentence, span_start, span_end, trigger, trigger_start, trigger_end,
	source, source_sector, source_text, source_start, source_end,
	target, target_sector, target_text, target_start, target_end,
	cameo, root, plover, mode, goldstein, quad, negated, modality,
	date, date_precision, date_basis, date_start, date_end, location, quote
FROM events WHERE article_id = ? ORDER BY idx`, a.ID)
	if err != nil {
		return fmt.Errorf("events: %w", err)
	}
	for rows.Next() {
		var e model.Event
		if err := rows.Scan(&e.ID, &e.Sentence, &e.Span.Start, &e.Span.End, &e.Trigger, &e.TriggerSpan.Start, &e.TriggerSpan.End,
			&e.Source.Code, &e.Source.Sector, &e.Source.Text, &e.Source.Span.Start, &e.Source.Span.End,
			&e.Target.Code, &e.Target.Sector, &e.Target.Text, &e.Target.Span.Start, &e.Target.Span.End,
			&e.CAMEO, &e.Root, &e.PLOVER, &e.Mode, &e.Goldstein, &e.Quad, &e.Negated, &e.Modality,
			&e.Date, &e.DatePrecision, &e.DateBasis, &e.DateSpan.Start, &e.DateSpan.End, &e.Location, &e.Quote); err != nil {
			rows.Close()
			return fmt.Errorf("events: %w", err)
		}
		a.Events = append(a.Events, e)
	}
	if err := closeRows(rows); err != nil {
		return fmt.Errorf("events: %w", err)
	}
	return nil
}

// closeRows closes rows and returns the error that ended their iteration.
func closeRows(rows *sql.Rows) error {
	err := rows.Err()
	if cerr := rows.Close(); err == nil {
		err = cerr
	}
	return err
}

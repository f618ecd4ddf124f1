package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/store"
)

// encoded is an article's column values prepared before the write
// transaction starts, so that the single writer holds its lock only for
// SQLite work.
type encoded struct {
	art            *model.Article
	dateCandidates sql.NullString
	diagnostics    sql.NullString
	tokens         []byte
}

// PutArticles stores a batch in one transaction; see store.Store. An article
// that is nil or has an empty ID or ContentHash fails the whole batch, as
// does one whose ID is already stored under another content hash. Writers
// are served one at a time; a call waiting for its turn returns ctx.Err()
// when ctx ends.
func (s *Store) PutArticles(ctx context.Context, arts []*model.Article) (_ []store.PutResult, err error) {
	if len(arts) == 0 {
		return nil, nil
	}
	enc := make([]encoded, len(arts))
	for i, a := range arts {
		if a == nil {
			return nil, fmt.Errorf("sqlite: put articles: article %d is nil", i)
		}
		if a.ID == "" || a.ContentHash == "" {
			return nil, fmt.Errorf("sqlite: put articles: article %d: empty ID or content hash", i)
		}
		e := &enc[i]
		e.art = a
		if e.dateCandidates, err = jsonColumn(a.DateCandidates); err != nil {
			return nil, fmt.Errorf("sqlite: put article %s: date candidates: %w", a.ID, err)
		}
		if e.diagnostics, err = jsonColumn(a.Diagnostics); err != nil {
			return nil, fmt.Errorf("sqlite: put article %s: diagnostics: %w", a.ID, err)
		}
		e.tokens = appendTokens(make([]byte, 0, 2+2*len(a.Tokens)), a.Tokens)
	}

	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sqlite: put articles: begin: %w", err)
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	w, err := prepareWriter(ctx, tx)
	if err != nil {
		return nil, err
	}
	defer w.close()

	res := make([]store.PutResult, len(arts))
	inBatch := make(map[string]string, len(arts)) // content hash → ID
	for i := range enc {
		a := enc[i].art
		if id, ok := inBatch[a.ContentHash]; ok {
			res[i] = store.PutResult{ID: id}
			continue
		}
		created, id, err := w.put(ctx, &enc[i])
		if err != nil {
			return nil, fmt.Errorf("sqlite: put article %s: %w", a.ID, err)
		}
		inBatch[a.ContentHash] = id
		res[i] = store.PutResult{ID: id, Created: created}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("sqlite: put articles: commit: %w", err)
	}
	return res, nil
}

// jsonColumn encodes v as JSON, or NULL when it is an empty slice.
func jsonColumn[T any](v []T) (sql.NullString, error) {
	if len(v) == 0 {
		return sql.NullString{}, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return sql.NullString{}, err
	}
	return sql.NullString{String: string(b), Valid: true}, nil
}

// writer holds the statements of one write transaction.
type writer struct {
	article, existing, paragraph, sentence *sql.Stmt
	timex, mention, quote, event           *sql.Stmt
}

const (
	insertArticle = `
INSERT INTO articles (
	id, content_hash, source_file, source_path, source_line, format,
	url, outlet, title, author, dateline, syndicated_from,
	published, published_source, language, date_candidates, diagnostics,
	token_count, raw, text, tokens
) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (content_hash) DO NOTHING`
	selectExisting  = `SELECT id FROM articles WHERE content_hash = ?`
	insertParagraph = `
INSERT INTO paragraphs (article_id, idx, span_start, span_end, raw_start, raw_end, kind)
VALUES (?, ?, ?, ?, ?, ?, ?)`
	insertSentence = `
INSERT INTO sentences (article_id, idx, span_start, span_end, paragraph, first_token, end_token)
VALUES (?, ?, ?, ?, ?, ?, ?)`
)

func prepareWriter(ctx context.Context, tx *sql.Tx) (*writer, error) {
	w := &writer{}
	for _, p := range []struct {
		dst **sql.Stmt
		sql string
	}{
		{&w.article, insertArticle},
		{&w.existing, selectExisting},
		{&w.paragraph, insertParagraph},
		{&w.sentence, insertSentence},
		{&w.timex, insertTimex},
		{&w.mention, insertMention},
		{&w.quote, insertQuote},
		{&w.event, insertEvent},
	} {
		st, err := tx.PrepareContext(ctx, p.sql)
		if err != nil {
			w.close()
			return nil, fmt.Errorf("sqlite: put articles: prepare: %w", err)
		}
		*p.dst = st
	}
	return w, nil
}

func (w *writer) close() {
	for _, st := range []*sql.Stmt{w.article, w.existing, w.paragraph, w.sentence, w.timex, w.mention, w.quote, w.event} {
		if st != nil {
			st.Close()
		}
	}
}

// put inserts one article with its paragraphs, sentences and annotations, or finds the
// ID of the stored article with the same content hash.
func (w *writer) put(ctx context.Context, e *encoded) (created bool, id string, err error) {
	a := e.art
	r, err := w.article.ExecContext(ctx,
		a.ID, a.ContentHash, a.SourceFile, a.SourcePath, a.SourceLine, a.Format,
		a.URL, a.Outlet, a.Title, a.Author, a.Dateline, a.SyndicatedFrom,
		a.Published, a.PublishedSource, a.Language, e.dateCandidates, e.diagnostics,
		len(a.Tokens), a.Raw, a.Text, e.tokens)
	if err != nil {
		return false, "", err
	}
	n, err := r.RowsAffected()
	if err != nil {
		return false, "", err
	}
	if n == 0 {
		if err := w.existing.QueryRowContext(ctx, a.ContentHash).Scan(&id); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				err = errors.New("BUG: insert skipped but no article has its content hash")
			}
			return false, "", err
		}
		return false, id, nil
	}
	for i, p := range a.Paragraphs {
		if _, err := w.paragraph.ExecContext(ctx, a.ID, i, p.Span.Start, p.Span.End, p.Raw.Start, p.Raw.End, string(p.Kind)); err != nil {
			return false, "", fmt.Errorf("paragraph %d: %w", i, err)
		}
	}
	for i, s := range a.Sentences {
		if _, err := w.sentence.ExecContext(ctx, a.ID, i, s.Span.Start, s.Span.End, s.Paragraph, s.FirstToken, s.EndToken); err != nil {
			return false, "", fmt.Errorf("sentence %d: %w", i, err)
		}
	}
	if err := w.putAnnotations(ctx, a); err != nil {
		return false, "", err
	}
	return true, a.ID, nil
}

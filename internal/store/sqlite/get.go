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

const selectArticle = `
SELECT id, content_hash, source_file, source_path, source_line, format,
	url, outlet, title, author, dateline, syndicated_from,
	published, published_source, language, date_candidates, diagnostics,
	raw, text, tokens
FROM articles WHERE id = ?`

// Article returns the stored article; see store.Store. It reads in one
// read transaction, so the article and its segmentation are one snapshot.
// Empty slices come back nil. The result belongs to the caller.
func (s *Store) Article(ctx context.Context, id string) (_ *model.Article, err error) {
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("sqlite: article %s: %w", id, err)
	}
	defer tx.Rollback()

	a := &model.Article{}
	var dateCandidates, diagnostics sql.NullString
	var tokens []byte
	err = tx.QueryRowContext(ctx, selectArticle, id).Scan(
		&a.ID, &a.ContentHash, &a.SourceFile, &a.SourcePath, &a.SourceLine, &a.Format,
		&a.URL, &a.Outlet, &a.Title, &a.Author, &a.Dateline, &a.SyndicatedFrom,
		&a.Published, &a.PublishedSource, &a.Language, &dateCandidates, &diagnostics,
		&a.Raw, &a.Text, &tokens)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("sqlite: article %s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: article %s: %w", id, err)
	}
	if dateCandidates.Valid {
		if err := json.Unmarshal([]byte(dateCandidates.String), &a.DateCandidates); err != nil {
			return nil, fmt.Errorf("sqlite: article %s: date candidates: %w", id, err)
		}
	}
	if diagnostics.Valid {
		if err := json.Unmarshal([]byte(diagnostics.String), &a.Diagnostics); err != nil {
			return nil, fmt.Errorf("sqlite: article %s: diagnostics: %w", id, err)
		}
	}
	if a.Tokens, err = decodeTokens(tokens); err != nil {
		return nil, fmt.Errorf("sqlite: article %s: tokens: %w", id, err)
	}
	if a.Paragraphs, err = readParagraphs(ctx, tx, id); err != nil {
		return nil, fmt.Errorf("sqlite: article %s: paragraphs: %w", id, err)
	}
	if a.Sentences, err = readSentences(ctx, tx, id); err != nil {
		return nil, fmt.Errorf("sqlite: article %s: sentences: %w", id, err)
	}
	if err := readAnnotations(ctx, tx, a); err != nil {
		return nil, fmt.Errorf("sqlite: article %s: %w", id, err)
	}
	return a, nil
}

func readParagraphs(ctx context.Context, tx *sql.Tx, id string) (ps []model.Paragraph, err error) {
	rows, err := tx.QueryContext(ctx, `
SELECT span_start, span_end, raw_start, raw_end, kind
FROM paragraphs WHERE article_id = ? ORDER BY idx`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var p model.Paragraph
		if err := rows.Scan(&p.Span.Start, &p.Span.End, &p.Raw.Start, &p.Raw.End, &p.Kind); err != nil {
			return nil, err
		}
		ps = append(ps, p)
	}
	return ps, rows.Err()
}

func readSentences(ctx context.Context, tx *sql.Tx, id string) (ss []model.Sentence, err error) {
	rows, err := tx.QueryContext(ctx, `
SELECT span_start, span_end, paragraph, first_token, end_token
FROM sentences WHERE article_id = ? ORDER BY idx`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var s model.Sentence
		if err := rows.Scan(&s.Span.Start, &s.Span.End, &s.Paragraph, &s.FirstToken, &s.EndToken); err != nil {
			return nil, err
		}
		ss = append(ss, s)
	}
	return ss, rows.Err()
}

// HasContent reports whether an article with this content hash is stored;
// see store.Store.
func (s *Store) HasContent(ctx context.Context, contentHash string) (bool, error) {
	var one int
	err := s.read.QueryRowContext(ctx, `SELECT 1 FROM articles WHERE content_hash = ?`, contentHash).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("sqlite: has content: %w", err)
	}
	return true, nil
}

// ArticleIDs returns every article ID in ingest order; see store.Store. The
// slice belongs to the caller.
func (s *Store) ArticleIDs(ctx context.Context) ([]string, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT id FROM articles ORDER BY seq`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: article ids: %w", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("sqlite: article ids: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: article ids: %w", err)
	}
	return ids, nil
}

// Stats counts stored records in one snapshot; see store.Store.
func (s *Store) Stats(ctx context.Context) (store.Stats, error) {
	var st store.Stats
	err := s.read.QueryRowContext(ctx, `
SELECT
	(SELECT count(*) FROM articles),
	(SELECT count(*) FROM paragraphs),
	(SELECT count(*) FROM sentences),
	(SELECT coalesce(sum(token_count), 0) FROM articles),
	(SELECT count(*) FROM timexes),
	(SELECT count(*) FROM mentions),
	(SELECT count(*) FROM quotes),
	(SELECT count(*) FROM events),
	(SELECT count(*) FROM stories),
	(SELECT count(*) FROM merged_events)`).Scan(
		&st.Articles, &st.Paragraphs, &st.Sentences, &st.Tokens,
		&st.Timexes, &st.Mentions, &st.Quotes, &st.Events, &st.Stories, &st.Merged)
	if err != nil {
		return store.Stats{}, fmt.Errorf("sqlite: stats: %w", err)
	}
	return st, nil
}

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

// Cross-article results have one writer: the story stage, which keeps its
// index state in story_index (see "Scale-out" in docs/architecture.md).
// PutStories is nevertheless a transaction like any other, safe beside
// article writers.

// PutStories applies u in one transaction; see store.Store. An update
// with an empty story or merged-event ID changes nothing and fails.
func (s *Store) PutStories(ctx context.Context, u store.StoryUpdate) (err error) {
	for _, st := range u.Stories {
		if st.ID == "" {
			return errors.New("postgres: put stories: story with an empty ID")
		}
	}
	type mergedJSON struct{ articles, reports, disagreements []byte }
	merged := make([]mergedJSON, len(u.Merged))
	for i, m := range u.Merged {
		if m.ID == "" {
			return errors.New("postgres: put stories: merged event with an empty ID")
		}
		j := &merged[i]
		if j.articles, err = json.Marshal(nonNil(m.Articles)); err == nil {
			if j.reports, err = json.Marshal(nonNil(m.Reports)); err == nil {
				j.disagreements, err = jsonColumn(m.Disagreements)
			}
		}
		if err != nil {
			return fmt.Errorf("postgres: put stories: merged event %s: %w", m.ID, err)
		}
	}

	b := &pgx.Batch{}
	for _, id := range u.Deleted {
		b.Queue(`DELETE FROM stories WHERE id = $1`, id)
	}
	for _, st := range u.Stories {
		b.Queue(`
INSERT INTO stories (id, level, parent, title, first, last) VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (id) DO UPDATE SET level = excluded.level, parent = excluded.parent,
	title = excluded.title, first = excluded.first, last = excluded.last`,
			st.ID, st.Level, st.Parent, st.Title, st.First, st.Last)
		b.Queue(`DELETE FROM story_articles WHERE story_id = $1`, st.ID)
		if len(st.Articles) > 0 {
			b.Queue(`
INSERT INTO story_articles (story_id, idx, article_id)
SELECT $1, a.idx - 1, a.id FROM unnest($2::text[]) WITH ORDINALITY AS a (id, idx)`, st.ID, st.Articles)
		}
	}
	for _, l := range u.Links {
		b.Queue(`
INSERT INTO duplicate_links (article_id, original_id, similarity) VALUES ($1, $2, $3)
ON CONFLICT (article_id) DO UPDATE SET original_id = excluded.original_id, similarity = excluded.similarity`,
			l.Article, l.Original, l.Similarity)
	}
	for _, id := range u.DeletedMerged {
		b.Queue(`DELETE FROM merged_events WHERE id = $1`, id)
	}
	for i, m := range u.Merged {
		b.Queue(`
INSERT INTO merged_events (id, story_id, source, target, cameo, root, plover, goldstein, quad, date, negated,
	corroboration, articles, reports, disagreements)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
ON CONFLICT (id) DO UPDATE SET story_id = excluded.story_id, source = excluded.source, target = excluded.target,
	cameo = excluded.cameo, root = excluded.root, plover = excluded.plover, goldstein = excluded.goldstein,
	quad = excluded.quad, date = excluded.date, negated = excluded.negated, corroboration = excluded.corroboration,
	articles = excluded.articles, reports = excluded.reports, disagreements = excluded.disagreements`,
			m.ID, m.Story, m.Source, m.Target, m.CAMEO, m.Root, m.PLOVER, m.Goldstein, m.Quad, m.Date, m.Negated,
			m.Corroboration, merged[i].articles, merged[i].reports, merged[i].disagreements)
	}
	if u.Index != nil {
		b.Queue(`
INSERT INTO story_index (one, state) VALUES (1, $1) ON CONFLICT (one) DO UPDATE SET state = excluded.state`, u.Index)
	}
	if b.Len() == 0 {
		return nil
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("postgres: put stories: begin: %w", err)
	}
	defer func() {
		if err != nil {
			tx.Rollback(context.Background())
		}
	}()
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("postgres: put stories: %w", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("postgres: put stories: commit: %w", err)
	}
	return nil
}

// nonNil returns v, or an empty slice for nil, so that JSON says [] where
// the column is NOT NULL.
func nonNil[T any](v []T) []T {
	if v == nil {
		return []T{}
	}
	return v
}

// Stories returns every stored story in the order first stored; see
// store.Store.
func (s *Store) Stories(ctx context.Context) ([]model.Story, error) {
	return s.readStories(ctx, "")
}

// Story returns one story; see store.Store.
func (s *Store) Story(ctx context.Context, id string) (*model.Story, error) {
	sts, err := s.readStories(ctx, id)
	if err != nil {
		return nil, err
	}
	if len(sts) == 0 {
		return nil, fmt.Errorf("postgres: story %s: %w", id, store.ErrNotFound)
	}
	return &sts[0], nil
}

// readStories reads one story, or all when id is "", with their article
// lists in one statement (hence one snapshot).
func (s *Store) readStories(ctx context.Context, id string) ([]model.Story, error) {
	rows, err := s.pool.Query(ctx, `
SELECT s.id, s.level, s.parent, s.title, s.first, s.last,
	coalesce((SELECT array_agg(a.article_id ORDER BY a.idx) FROM story_articles a WHERE a.story_id = s.id), '{}')
FROM stories s WHERE $1 = '' OR s.id = $1 ORDER BY s.seq`, id)
	if err != nil {
		return nil, fmt.Errorf("postgres: stories: %w", err)
	}
	sts, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (model.Story, error) {
		var st model.Story
		err := r.Scan(&st.ID, &st.Level, &st.Parent, &st.Title, &st.First, &st.Last, &st.Articles)
		if len(st.Articles) == 0 {
			st.Articles = nil
		}
		return st, err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: stories: %w", err)
	}
	return sts, nil
}

// MergedEvents returns the merged events of a story, or all when story is
// ""; see store.Store. Text columns sort by byte value (COLLATE "C"), as
// in the SQLite store, whatever the database's collation.
func (s *Store) MergedEvents(ctx context.Context, story string) ([]model.MergedEvent, error) {
	rows, err := s.pool.Query(ctx, `
SELECT id, story_id, source, target, cameo, root, plover, goldstein, quad, date, negated,
	corroboration, articles, reports, disagreements
FROM merged_events WHERE $1 = '' OR story_id = $1
ORDER BY date COLLATE "C", source COLLATE "C", target COLLATE "C", id COLLATE "C"`, story)
	if err != nil {
		return nil, fmt.Errorf("postgres: merged events: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (model.MergedEvent, error) {
		var m model.MergedEvent
		var arts, reps, dis []byte
		if err := r.Scan(&m.ID, &m.Story, &m.Source, &m.Target, &m.CAMEO, &m.Root, &m.PLOVER, &m.Goldstein, &m.Quad,
			&m.Date, &m.Negated, &m.Corroboration, &arts, &reps, &dis); err != nil {
			return m, err
		}
		if err := json.Unmarshal(arts, &m.Articles); err != nil {
			return m, fmt.Errorf("merged event %s: %w", m.ID, err)
		}
		if err := json.Unmarshal(reps, &m.Reports); err != nil {
			return m, fmt.Errorf("merged event %s: %w", m.ID, err)
		}
		if dis != nil {
			if err := json.Unmarshal(dis, &m.Disagreements); err != nil {
				return m, fmt.Errorf("merged event %s: %w", m.ID, err)
			}
		}
		if len(m.Articles) == 0 {
			m.Articles = nil
		}
		if len(m.Reports) == 0 {
			m.Reports = nil
		}
		return m, nil
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: merged events: %w", err)
	}
	return out, nil
}

// DuplicateLinks returns every copy link in article ingest order; see
// store.Store.
func (s *Store) DuplicateLinks(ctx context.Context) ([]model.DuplicateLink, error) {
	rows, err := s.pool.Query(ctx, `
SELECT l.article_id, l.original_id, l.similarity FROM duplicate_links l
LEFT JOIN articles a ON a.id = l.article_id ORDER BY a.seq, l.article_id COLLATE "C"`)
	if err != nil {
		return nil, fmt.Errorf("postgres: duplicate links: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (model.DuplicateLink, error) {
		var l model.DuplicateLink
		err := r.Scan(&l.Article, &l.Original, &l.Similarity)
		return l, err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: duplicate links: %w", err)
	}
	return out, nil
}

// StoryIndex returns the stored story index state, or nil; see
// store.Store.
func (s *Store) StoryIndex(ctx context.Context) ([]byte, error) {
	var b []byte
	err := s.pool.QueryRow(ctx, `SELECT state FROM story_index WHERE one = 1`).Scan(&b)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: story index: %w", err)
	}
	return b, nil
}

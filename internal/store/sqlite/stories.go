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

// PutStories applies u in one transaction; see store.Store.
func (s *Store) PutStories(ctx context.Context, u store.StoryUpdate) (err error) {
	merged := make([][3]sql.NullString, len(u.Merged))
	for i, m := range u.Merged {
		for j, v := range []any{m.Articles, m.Reports, m.Disagreements} {
			b, err := json.Marshal(v)
			if err != nil {
				return fmt.Errorf("sqlite: put stories: merged event %s: %w", m.ID, err)
			}
			merged[i][j] = sql.NullString{String: string(b), Valid: string(b) != "null"}
		}
	}
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: put stories: begin: %w", err)
	}
	defer func() {
		if err != nil {
			tx.Rollback()
			err = fmt.Errorf("sqlite: put stories: %w", err)
		}
	}()
	for _, id := range u.Deleted {
		if _, err := tx.ExecContext(ctx, `DELETE FROM stories WHERE id = ?`, id); err != nil {
			return err
		}
	}
	for _, st := range u.Stories {
		if st.ID == "" {
			return errors.New("story with an empty ID")
		}
		if _, err := tx.ExecContext(ctx, `
INSERT INTO stories (id, level, parent, title, first, last) VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET level = excluded.level, parent = excluded.parent,
	title = excluded.title, first = excluded.first, last = excluded.last`,
			st.ID, st.Level, st.Parent, st.Title, st.First, st.Last); err != nil {
			return fmt.Errorf("story %s: %w", st.ID, err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM story_articles WHERE story_id = ?`, st.ID); err != nil {
			return err
		}
		for i, a := range st.Articles {
			if _, err := tx.ExecContext(ctx, `INSERT INTO story_articles (story_id, idx, article_id) VALUES (?, ?, ?)`, st.ID, i, a); err != nil {
				return fmt.Errorf("story %s: %w", st.ID, err)
			}
		}
	}
	for _, l := range u.Links {
		if _, err := tx.ExecContext(ctx, `
INSERT INTO duplicate_links (article_id, original_id, similarity) VALUES (?, ?, ?)
ON CONFLICT (article_id) DO UPDATE SET original_id = excluded.original_id, similarity = excluded.similarity`,
			l.Article, l.Original, l.Similarity); err != nil {
			return err
		}
	}
	for _, id := range u.DeletedMerged {
		if _, err := tx.ExecContext(ctx, `DELETE FROM merged_events WHERE id = ?`, id); err != nil {
			return err
		}
	}
	for i, m := range u.Merged {
		if m.ID == "" {
			return errors.New("merged event with an empty ID")
		}
		if _, err := tx.ExecContext(ctx, `
INSERT INTO merged_events (id, story_id, source, target, cameo, root, plover, goldstein, quad, date, negated,
	corroboration, articles, reports, disagreements)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET story_id = excluded.story_id, source = excluded.source, target = excluded.target,
	cameo = excluded.cameo, root = excluded.root, plover = excluded.plover, goldstein = excluded.goldstein,
	quad = excluded.quad, date = excluded.date, negated = excluded.negated, corroboration = excluded.corroboration,
	articles = excluded.articles, reports = excluded.reports, disagreements = excluded.disagreements`,
			m.ID, m.Story, m.Source, m.Target, m.CAMEO, m.Root, m.PLOVER, m.Goldstein, m.Quad, m.Date, m.Negated,
			m.Corroboration, merged[i][0].String, merged[i][1].String, merged[i][2]); err != nil {
			return fmt.Errorf("merged event %s: %w", m.ID, err)
		}
	}
	if u.Index != nil {
		if _, err := tx.ExecContext(ctx, `
INSERT INTO story_index (one, state) VALUES (1, ?) ON CONFLICT (one) DO UPDATE SET state = excluded.state`, u.Index); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// Stories returns every stored story in the order first stored.
func (s *Store) Stories(ctx context.Context) ([]model.Story, error) {
	return s.readStories(ctx, `SELECT id, level, parent, title, first, last FROM stories ORDER BY seq`)
}

// Story returns one story; see store.Store.
func (s *Store) Story(ctx context.Context, id string) (*model.Story, error) {
	sts, err := s.readStories(ctx, `SELECT id, level, parent, title, first, last FROM stories WHERE id = ?`, id)
	if err != nil {
		return nil, err
	}
	if len(sts) == 0 {
		return nil, fmt.Errorf("sqlite: story %s: %w", id, store.ErrNotFound)
	}
	return &sts[0], nil
}

func (s *Store) readStories(ctx context.Context, query string, args ...any) (_ []model.Story, err error) {
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("sqlite: stories: %w", err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: stories: %w", err)
	}
	var sts []model.Story
	byID := map[string]int{}
	for rows.Next() {
		var st model.Story
		if err := rows.Scan(&st.ID, &st.Level, &st.Parent, &st.Title, &st.First, &st.Last); err != nil {
			rows.Close()
			return nil, fmt.Errorf("sqlite: stories: %w", err)
		}
		byID[st.ID] = len(sts)
		sts = append(sts, st)
	}
	if err := closeRows(rows); err != nil {
		return nil, fmt.Errorf("sqlite: stories: %w", err)
	}
	q := `SELECT story_id, article_id FROM story_articles ORDER BY story_id, idx`
	var qargs []any
	if len(sts) == 1 {
		q = `SELECT story_id, article_id FROM story_articles WHERE story_id = ? ORDER BY idx`
		qargs = []any{sts[0].ID}
	}
	rows, err = tx.QueryContext(ctx, q, qargs...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: stories: %w", err)
	}
	for rows.Next() {
		var sid, aid string
		if err := rows.Scan(&sid, &aid); err != nil {
			rows.Close()
			return nil, fmt.Errorf("sqlite: stories: %w", err)
		}
		if i, ok := byID[sid]; ok {
			sts[i].Articles = append(sts[i].Articles, aid)
		}
	}
	if err := closeRows(rows); err != nil {
		return nil, fmt.Errorf("sqlite: stories: %w", err)
	}
	return sts, nil
}

// MergedEvents returns the merged events of a story, or all when story is
// ""; see store.Store.
func (s *Store) MergedEvents(ctx context.Context, story string) ([]model.MergedEvent, error) {
	q := `SELECT id, story_id, source, target, cameo, root, plover, goldstein, quad, date, negated,
	corroboration, articles, reports, disagreements FROM merged_events`
	var args []any
	if story != "" {
		q += ` WHERE story_id = ?`
		args = append(args, story)
	}
	q += ` ORDER BY date, source, target, id`
	rows, err := s.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: merged events: %w", err)
	}
	defer rows.Close()
	var out []model.MergedEvent
	for rows.Next() {
		var m model.MergedEvent
		var arts, reps string
		var dis sql.NullString
		if err := rows.Scan(&m.ID, &m.Story, &m.Source, &m.Target, &m.CAMEO, &m.Root, &m.PLOVER, &m.Goldstein, &m.Quad,
			&m.Date, &m.Negated, &m.Corroboration, &arts, &reps, &dis); err != nil {
			return nil, fmt.Errorf("sqlite: merged events: %w", err)
		}
		if err := json.Unmarshal([]byte(arts), &m.Articles); err != nil {
			return nil, fmt.Errorf("sqlite: merged event %s: %w", m.ID, err)
		}
		if err := json.Unmarshal([]byte(reps), &m.Reports); err != nil {
			return nil, fmt.Errorf("sqlite: merged event %s: %w", m.ID, err)
		}
		if dis.Valid {
			if err := json.Unmarshal([]byte(dis.String), &m.Disagreements); err != nil {
				return nil, fmt.Errorf("sqlite: merged event %s: %w", m.ID, err)
			}
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: merged events: %w", err)
	}
	return out, nil
}

// DuplicateLinks returns every copy link in article ingest order.
func (s *Store) DuplicateLinks(ctx context.Context) ([]model.DuplicateLink, error) {
	rows, err := s.read.QueryContext(ctx, `
SELECT l.article_id, l.original_id, l.similarity FROM duplicate_links l
LEFT JOIN articles a ON a.id = l.article_id ORDER BY a.seq, l.article_id`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: duplicate links: %w", err)
	}
	defer rows.Close()
	var out []model.DuplicateLink
	for rows.Next() {
		var l model.DuplicateLink
		if err := rows.Scan(&l.Article, &l.Original, &l.Similarity); err != nil {
			return nil, fmt.Errorf("sqlite: duplicate links: %w", err)
		}
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: duplicate links: %w", err)
	}
	return out, nil
}

// StoryIndex returns the stored story index state, or nil.
func (s *Store) StoryIndex(ctx context.Context) ([]byte, error) {
	var b []byte
	err := s.read.QueryRowContext(ctx, `SELECT state FROM story_index WHERE one = 1`).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: story index: %w", err)
	}
	return b, nil
}

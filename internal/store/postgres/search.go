package postgres

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"github.com/sitrep/sitrep/internal/store"
)

// searchSQL ranks in an inner query and cuts snippets only for the hits
// kept: ts_headline re-parses the whole text, so it runs at most limit
// times. ts_rank's weights are {D, C, B, A}: a title word (A) counts as
// much as four text words (D).
const searchSQL = `
WITH q AS (SELECT plainto_tsquery('english', $1) AS q),
hits AS (
	SELECT a.seq, ts_rank('{0.1, 0.2, 0.4, 0.4}', a.search, q.q) AS rank
	FROM articles AS a, q
	WHERE a.search @@ q.q
	ORDER BY rank DESC, a.seq
	LIMIT $2
)
SELECT a.id, a.title,
	ts_headline('english', CASE WHEN a.text <> '' THEN left(a.text, 262144) ELSE a.title END, q.q,
		'StartSel="", StopSel="", MaxWords=16, MinWords=6, ShortWord=2'),
	hits.rank
FROM hits JOIN articles AS a USING (seq), q
ORDER BY hits.rank DESC, hits.seq`

// Search finds articles containing every word of query, in title or text;
// see store.Store and the package documentation. Rank is ts_rank's score:
// higher is better, comparable only within one result list. Snippet is up
// to 16 words of the text with white space folded. A query with no word
// characters or a limit <= 0 gives no hits.
func (s *Store) Search(ctx context.Context, query string, limit int) ([]store.SearchHit, error) {
	query = plainQuery(query)
	if query == "" || limit <= 0 {
		return nil, nil
	}
	rows, err := s.pool.Query(ctx, searchSQL, query, limit)
	if err != nil {
		return nil, fmt.Errorf("postgres: search: %w", err)
	}
	defer rows.Close()
	var hits []store.SearchHit
	for rows.Next() {
		var h store.SearchHit
		var rank float32
		if err := rows.Scan(&h.ID, &h.Title, &h.Snippet, &rank); err != nil {
			return nil, fmt.Errorf("postgres: search: %w", err)
		}
		h.Snippet = strings.Join(strings.Fields(h.Snippet), " ")
		h.Rank = float64(rank)
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: search: %w", err)
	}
	return hits, nil
}

// plainQuery makes query safe to hand to plainto_tsquery, which interprets
// no operators but, as any PostgreSQL text, cannot take invalid UTF-8 or
// NUL. It returns "" when no word could be left.
func plainQuery(query string) string {
	query = strings.ToValidUTF8(query, " ")
	query = strings.ReplaceAll(query, "\x00", " ")
	if !strings.ContainsFunc(query, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
		return ""
	}
	return query
}

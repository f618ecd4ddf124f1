package sqlite

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"github.com/sitrep/sitrep/internal/store"
)

// Column weights for bm25: a word in the title counts as much as four in
// the text.
const searchSQL = `
SELECT a.id, a.title, snippet(articles_fts, -1, '', '', '…', 16), bm25(articles_fts, 4.0, 1.0) AS score
FROM articles_fts JOIN articles AS a ON a.seq = articles_fts.rowid
WHERE articles_fts MATCH ?
ORDER BY score, a.seq
LIMIT ?`

// Search finds articles containing every word of query, in title or text;
// see store.Store. Words match case- and accent-insensitively and by English
// stem. Rank is the negated BM25 score (title weighted 4, text 1): higher
// is better, comparable only within one result list. Snippet is up to 16
// words of the best-matching column with white space folded. An empty
// query, a query with no word characters or a limit <= 0 gives no hits.
func (s *Store) Search(ctx context.Context, query string, limit int) ([]store.SearchHit, error) {
	match := ftsQuery(query)
	if match == "" || limit <= 0 {
		return nil, nil
	}
	rows, err := s.read.QueryContext(ctx, searchSQL, match, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: search: %w", err)
	}
	defer rows.Close()
	var hits []store.SearchHit
	for rows.Next() {
		var h store.SearchHit
		var score float64
		if err := rows.Scan(&h.ID, &h.Title, &h.Snippet, &score); err != nil {
			return nil, fmt.Errorf("sqlite: search: %w", err)
		}
		h.Snippet = strings.Join(strings.Fields(h.Snippet), " ")
		h.Rank = -score
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: search: %w", err)
	}
	return hits, nil
}

// ftsQuery turns plain user words into an FTS5 query that interprets none
// of FTS5's syntax: each white-space-separated word becomes an FTS5 string
// literal (double-quoted, inner quotes doubled), which FTS5 reads as a
// phrase of the tokens inside, and the phrases are ANDed by juxtaposition.
// So `title:x` is the phrase "title x", `NOT` the word "not" and `a*` the
// word "a". Words without a letter, digit or private-use character would
// tokenize to nothing and are dropped. The result is still passed as an
// SQL parameter, never spliced into SQL.
func ftsQuery(query string) string {
	query = strings.ToValidUTF8(query, " ")
	var b strings.Builder
	for w := range strings.FieldsSeq(query) {
		if !strings.ContainsFunc(w, isTokenRune) {
			continue
		}
		// NUL would end the string for FTS5's C parser.
		w = strings.ReplaceAll(w, "\x00", " ")
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte('"')
		b.WriteString(strings.ReplaceAll(w, `"`, `""`))
		b.WriteByte('"')
	}
	return b.String()
}

// isTokenRune reports whether r can be part of a token for FTS5's unicode61
// tokenizer with its default categories "L* N* Co".
func isTokenRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Co, r)
}

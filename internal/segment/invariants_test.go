package segment

import (
	"fmt"
	"testing"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/model"
)

// checkInvariants reports every broken structural invariant of a
// segmented article.
func checkInvariants(tb testing.TB, a *model.Article) {
	tb.Helper()
	if err := invariantError(a); err != nil {
		tb.Fatal(err)
	}
}

// invariantError returns the first broken invariant, or nil.
func invariantError(a *model.Article) error {
	text := a.Text
	for i, tok := range a.Tokens {
		if tok.Span.Start < 0 || tok.Span.End > len(text) || tok.Span.Start >= tok.Span.End {
			return fmt.Errorf("token %d span %v out of bounds or empty (len %d)", i, tok.Span, len(text))
		}
		if i > 0 && a.Tokens[i-1].Span.End > tok.Span.Start {
			return fmt.Errorf("token %d span %v overlaps or precedes token %d span %v", i, tok.Span, i-1, a.Tokens[i-1].Span)
		}
	}
	next := 0
	for i, s := range a.Sentences {
		if s.FirstToken != next || s.EndToken <= s.FirstToken || s.EndToken > len(a.Tokens) {
			return fmt.Errorf("sentence %d tokens [%d,%d) do not continue from %d (%d tokens)", i, s.FirstToken, s.EndToken, next, len(a.Tokens))
		}
		next = s.EndToken
		if s.Span.Start != a.Tokens[s.FirstToken].Span.Start || s.Span.End != a.Tokens[s.EndToken-1].Span.End {
			return fmt.Errorf("sentence %d span %v does not match its tokens", i, s.Span)
		}
		if i > 0 {
			prev := a.Sentences[i-1]
			if prev.Span.End > s.Span.Start {
				return fmt.Errorf("sentence %d span %v overlaps sentence %d span %v", i, s.Span, i-1, prev.Span)
			}
			if prev.Paragraph > s.Paragraph {
				return fmt.Errorf("sentence %d paragraph %d before sentence %d paragraph %d", i, s.Paragraph, i-1, prev.Paragraph)
			}
		}
		if s.Paragraph < 0 || s.Paragraph >= len(a.Paragraphs) {
			return fmt.Errorf("sentence %d paragraph %d out of range", i, s.Paragraph)
		}
		p := a.Paragraphs[s.Paragraph].Span
		if s.Span.Start < p.Start || s.Span.End > p.End {
			return fmt.Errorf("sentence %d span %v outside paragraph %d span %v", i, s.Span, s.Paragraph, p)
		}
		// Between two tokens of one sentence there is only white space,
		// and SpaceAfter says whether there is any.
		for j := s.FirstToken; j+1 < s.EndToken; j++ {
			t, u := a.Tokens[j], a.Tokens[j+1]
			gap := text[t.Span.End:u.Span.Start]
			if t.SpaceAfter != (gap != "") {
				return fmt.Errorf("token %d %q SpaceAfter=%v but gap %q", j, t.Span.In(text), t.SpaceAfter, gap)
			}
			if !allSpace(gap) {
				return fmt.Errorf("text %q between tokens %d and %d is not white space", gap, j, j+1)
			}
		}
	}
	if next != len(a.Tokens) {
		return fmt.Errorf("sentences cover %d of %d tokens", next, len(a.Tokens))
	}
	// In valid text every non-space character of a paragraph is in a token,
	// and sentences split no character unless their paragraph does.
	if utf8.ValidString(text) {
		for i, s := range a.Sentences {
			p := a.Paragraphs[s.Paragraph].Span
			if runeBoundary(text, p.Start) && runeBoundary(text, p.End) && !utf8.ValidString(s.Span.In(text)) {
				return fmt.Errorf("sentence %d span %v splits a character", i, s.Span)
			}
		}
		covered, si := 0, 0
		for pi, p := range a.Paragraphs {
			start, end := max(p.Span.Start, covered), min(p.Span.End, len(text))
			if end <= start {
				continue
			}
			covered = end
			pos := start
			for ; si < len(a.Sentences) && a.Sentences[si].Paragraph == pi; si++ {
				s := a.Sentences[si]
				if !allSpace(text[pos:s.Span.Start]) {
					return fmt.Errorf("paragraph %d: text %q left out of every sentence", pi, text[pos:s.Span.Start])
				}
				pos = s.Span.End
			}
			if !allSpace(text[pos:end]) {
				return fmt.Errorf("paragraph %d: trailing text %q left out of every sentence", pi, text[pos:end])
			}
		}
	}
	return nil
}

func allSpace(s string) bool {
	for i := 0; i < len(s); {
		r, w := runeAt(s, i)
		if !isSpaceRune(r, w) {
			return false
		}
		i += w
	}
	return true
}

// runeBoundary reports whether offset i of text is not inside a character.
func runeBoundary(text string, i int) bool {
	return i <= 0 || i >= len(text) || utf8.RuneStart(text[i])
}

package quotes

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/model"
)

// word is one token of a sentence, with hyphenated compounds the segmenter
// splits ("al" "-" "Jaafari") joined again.
type word struct {
	start, end int // bytes in Article.Text
	text       string
	lower      string
	tok        int  // index of the first token in Article.Tokens
	last       int  // index of the last token
	inQuote    bool // inside a direct quote's marks
}

// sentWords returns the words of tokens [first, end) of a.
func sentWords(a *model.Article, first, end int) []word {
	var ws []word
	text := a.Text
	for i := first; i < end; i++ {
		t := a.Tokens[i]
		if !t.Span.Valid() || t.Span.End > len(text) {
			continue
		}
		s := t.Span.In(text)
		// Join "X" "-" "Y" when written without spaces.
		if n := len(ws); n > 0 && i+1 < end && s == "-" && ws[n-1].end == t.Span.Start {
			nx := a.Tokens[i+1]
			if nx.Span.Start == t.Span.End && nx.Span.Valid() && nx.Span.End <= len(text) && isAlnumStart(nx.Span.In(text)) && isAlnumEnd(ws[n-1].text) {
				w := &ws[n-1]
				w.end = nx.Span.End
				w.text = text[w.start:w.end]
				w.lower = strings.ToLower(w.text)
				w.last = i + 1
				i++
				continue
			}
		}
		ws = append(ws, word{start: t.Span.Start, end: t.Span.End, text: s, lower: strings.ToLower(s), tok: i, last: i})
	}
	return ws
}

func isAlnumStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isAlnumEnd(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// isWord reports whether s holds a letter or digit (not punctuation).
func isWord(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// isCap reports whether w reads as part of a name: it starts with an upper
// case letter, or it is a particle compound such as "al-Jaafari".
func isCap(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	if unicode.IsUpper(r) {
		return true
	}
	if i := strings.IndexByte(w, '-'); i > 0 && i < 4 {
		r2, _ := utf8.DecodeRuneInString(w[i+1:])
		return unicode.IsUpper(r2)
	}
	return false
}

// isLowerWord reports whether w starts with a lower-case letter.
func isLowerWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLower(r)
}

// allCaps reports whether w has two or more letters, all upper case
// ("IRNA", "U.S.").
func allCaps(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n >= 2
}

// isPossessive reports whether w is the clitic "'s" or "’s" (or a bare
// apostrophe after a plural).
func isPossessive(w string) bool {
	switch w {
	case "'s", "’s", "'", "’", "'S", "’S":
		return true
	}
	return false
}

// isPunct reports whether w has no letters or digits.
func isPunct(w string) bool { return !isWord(w) }

// normSpace folds runs of white space to one space and trims s.
func normSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

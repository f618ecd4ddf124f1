package quotes

import (
	"unicode"
	"unicode/utf8"
)

// markQuote is one span of text between quotation marks in a paragraph.
type markQuote struct {
	open, openW   int  // opening mark's byte offset and width; open < 0 when none
	close, closeW int  // closing mark's offset and width; close < 0 when unclosed
	cs, ce        int  // content span (marks excluded, white space trimmed)
	single        bool // delimited by single curly marks
}

// runeBefore returns the rune ending at byte i of s, or 0 at lo.
func runeBefore(s string, lo, i int) rune {
	if i <= lo {
		return 0
	}
	r, _ := utf8.DecodeLastRuneInString(s[lo:i])
	return r
}

// runeAt returns the rune starting at byte i of s, or 0 at hi.
func runeAt(s string, i, hi int) rune {
	if i >= hi {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(s[i:hi])
	return r
}

// opensBefore reports whether r may stand right before an opening mark.
func opensBefore(r rune) bool {
	return r == 0 || unicode.IsSpace(r) || r == '(' || r == '[' || r == '—' || r == '–' || r == '-' || r == '/' || r == '“' || r == '"' || r == ':'
}

// scanMarks finds the quoted spans of text[lo:hi], one paragraph. An
// opening double mark left open runs to the end of the paragraph (the
// caller links it to the next paragraph). Single curly marks delimit a
// quote only at top level; inside double marks they are part of the outer
// quote.
func scanMarks(text string, lo, hi int) []markQuote {
	var out []markQuote
	dOpen, dW := -1, 0
	sOpen := -1
	add := func(open, openW, close, closeW int, single bool) {
		q := markQuote{open: open, openW: openW, close: close, closeW: closeW, single: single}
		q.cs = lo
		if open >= 0 {
			q.cs = open + openW
		}
		q.ce = hi
		if close >= 0 {
			q.ce = close
		}
		q.cs, q.ce = trimContent(text, q.cs, q.ce)
		if q.ce > q.cs {
			out = append(out, q)
		}
	}
	for i := lo; i < hi; {
		r, w := utf8.DecodeRuneInString(text[i:hi])
		if r == utf8.RuneError && w <= 1 {
			i++
			continue
		}
		switch r {
		case '“', '«', '„':
			if dOpen < 0 && sOpen < 0 {
				dOpen, dW = i, w
			} else if sOpen >= 0 && dOpen < 0 && r == '“' {
				// nested double inside a British single quote: part of it
			}
		case '”', '»':
			if dOpen >= 0 {
				add(dOpen, dW, i, w, false)
				dOpen = -1
			} else if sOpen >= 0 {
				// a mismatched pair such as ‘...”
				add(sOpen, len("‘"), i, w, true)
				sOpen = -1
			}
		case '"':
			if dOpen >= 0 {
				add(dOpen, dW, i, w, false)
				dOpen = -1
			} else if sOpen < 0 {
				dOpen, dW = i, w
			}
		case '‘':
			if dOpen < 0 && sOpen < 0 && opensBefore(runeBefore(text, lo, i)) {
				nx := runeAt(text, i+w, hi)
				if unicode.IsLetter(nx) || unicode.IsDigit(nx) || nx == '…' {
					sOpen = i
				}
			}
		case '’':
			if sOpen >= 0 && dOpen < 0 {
				nx := runeAt(text, i+w, hi)
				pv := runeBefore(text, lo, i)
				if unicode.IsLetter(nx) || unicode.IsDigit(nx) {
					break // apostrophe inside a word
				}
				if (pv == 's' || pv == 'S') && nx == ' ' {
					// "the countries’ leaders": a plural possessive when a
					// lower-case word follows
					nn := runeAt(text, i+w+1, hi)
					if unicode.IsLower(nn) {
						break
					}
				}
				add(sOpen, len("‘"), i, w, true)
				sOpen = -1
			}
		}
		i += w
	}
	if dOpen >= 0 {
		add(dOpen, dW, -1, 0, false)
	}
	return out
}

// trimContent trims white space and trailing commas, colons and
// semicolons from text[s:e].
func trimContent(text string, s, e int) (int, int) {
	for s < e {
		r, w := utf8.DecodeRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		s += w
	}
	for e > s {
		r, w := utf8.DecodeLastRuneInString(text[s:e])
		if !unicode.IsSpace(r) && r != ',' && r != ';' && r != ':' {
			break
		}
		e -= w
	}
	return s, e
}

// countWords counts the runs of letters and digits in s.
func countWords(s string) int {
	n, in := 0, false
	for _, r := range s {
		a := unicode.IsLetter(r) || unicode.IsDigit(r)
		if a && !in {
			n++
		}
		in = a || (in && (r == '\'' || r == '’' || r == '-'))
	}
	return n
}

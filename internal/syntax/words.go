package syntax

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// normalize returns the form the models see: lower case, typographic
// quotes and dashes folded to the ASCII spellings EWT mostly uses, digits
// folded to 0.
func normalize(form string) string {
	simple := true
	for i := 0; i < len(form); i++ {
		c := form[i]
		if c >= utf8.RuneSelf || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') {
			simple = false
			break
		}
	}
	if simple {
		return form
	}
	switch form {
	case "“", "”", "„", "″", "«", "»":
		return `"`
	case "—", "–", "―", "‒":
		return "--"
	case "…":
		return "..."
	}
	var b strings.Builder
	b.Grow(len(form))
	for _, r := range form {
		switch {
		case r >= '0' && r <= '9':
			b.WriteByte('0')
		case r == '’' || r == '‘' || r == '‛' || r == '′':
			b.WriteByte('\'')
		case r == '“' || r == '”':
			b.WriteByte('"')
		case r < utf8.RuneSelf:
			if r >= 'A' && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// shapeHash hashes the word's shape: character classes (X upper, x lower,
// d digit, the character itself otherwise) with runs collapsed, plus
// whether the word is short.
func shapeHash(form string) uint64 {
	h := uint64(14695981039346656037)
	var last rune = -1
	n := 0
	for _, r := range form {
		var c rune
		switch {
		case r >= 'a' && r <= 'z':
			c = 'x'
		case r >= 'A' && r <= 'Z':
			c = 'X'
		case r >= '0' && r <= '9':
			c = 'd'
		case r < utf8.RuneSelf:
			c = r
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		default:
			c = r
		}
		n++
		if c == last {
			continue
		}
		last = c
		h ^= uint64(c)
		h *= 1099511628211
	}
	if n <= 3 {
		h ^= 0x55
		h *= 1099511628211
	}
	return h
}

// allCaps reports whether a sentence is written in capitals (a headline):
// at least three words with letters and no word with a lower-case letter
// among them, ignoring short words.
func allCaps(forms []string) bool {
	upper := 0
	for _, f := range forms {
		hasUpper, hasLower := false, false
		for _, r := range f {
			if unicode.IsUpper(r) {
				hasUpper = true
			} else if unicode.IsLower(r) {
				hasLower = true
			}
		}
		if hasLower {
			return false
		}
		if hasUpper {
			upper++
		}
	}
	return upper >= 3
}

// suffix returns the last n bytes of s, or s when shorter, never splitting
// a UTF-8 sequence.
func suffix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := len(s) - n
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[i:]
}

// prefix returns the first n bytes of s, or s when shorter, never splitting
// a UTF-8 sequence.
func prefix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n < len(s) && !utf8.RuneStart(s[n]) {
		n++
	}
	return s[:n]
}

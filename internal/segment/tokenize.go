package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/model"
)

// Tokenize splits s into tokens in the style of UD English-EWT. Spans are
// byte offsets into s. SpaceAfter is false when the next token follows
// without white space; the last token has SpaceAfter true. White space,
// control characters and zero-width spaces are never inside a token.
// Invalid UTF-8 bytes are kept inside tokens like letters.
func Tokenize(s string) []model.Token {
	return appendTokens(make([]model.Token, 0, len(s)/5+1), s, 0)
}

// ASCII character classes.
const (
	clsPunct uint8 = iota
	clsSpace
	clsLetter
	clsDigit
)

var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for c := 0; c < utf8.RuneSelf; c++ {
		switch {
		case c <= ' ' || c == 0x7f:
			t[c] = clsSpace
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
			t[c] = clsLetter
		case c >= '0' && c <= '9':
			t[c] = clsDigit
		}
	}
	return t
}()

// runeAt decodes the rune at s[i] (i < len(s)).
func runeAt(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// isSpaceRune reports whether r separates tokens: Unicode white space
// (including NBSP), control characters and zero-width spaces.
func isSpaceRune(r rune, w int) bool {
	if r < utf8.RuneSelf {
		return asciiClass[r] == clsSpace
	}
	if r == utf8.RuneError && w == 1 {
		return false
	}
	return unicode.IsSpace(r) || unicode.IsControl(r) || r == 0x200B || r == 0x2060 || r == 0xFEFF
}

// isWordRune reports whether r can be part of a word: letters, numbers,
// combining marks, invisible format characters (soft hyphen, joiners) and
// invalid bytes.
func isWordRune(r rune, w int) bool {
	if r < utf8.RuneSelf {
		c := asciiClass[r]
		return c == clsLetter || c == clsDigit
	}
	if r == utf8.RuneError && w == 1 {
		return true
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r) ||
		(unicode.Is(unicode.Cf, r) && !isSpaceRune(r, w))
}

// isAlnumRune reports whether r is a letter or a number.
func isAlnumRune(r rune) bool {
	if r < utf8.RuneSelf {
		c := asciiClass[r]
		return c == clsLetter || c == clsDigit
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

// alnumAt reports whether a letter or number starts at s[k].
func alnumAt(s string, k int) bool {
	if k >= len(s) {
		return false
	}
	r, _ := runeAt(s, k)
	return isAlnumRune(r)
}

// boundaryAt reports whether a word ends before s[k].
func boundaryAt(s string, k int) bool { return !alnumAt(s, k) }

// digitAt reports whether s[k] is an ASCII digit.
func digitAt(s string, k int) bool {
	return k >= 0 && k < len(s) && s[k] >= '0' && s[k] <= '9'
}

// prevIsAlnum reports whether the rune before s[i] is a letter or number.
func prevIsAlnum(s string, i int) bool {
	if i <= 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return isAlnumRune(r)
}

// apostropheAt returns the byte width of an apostrophe (' or ’) at s[k],
// or 0.
func apostropheAt(s string, k int) int {
	if k < len(s) && s[k] == '\'' {
		return 1
	}
	if strings.HasPrefix(s[k:], "’") {
		return len("’")
	}
	return 0
}

func lowerByte(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// cliticAfter returns the byte length of a clitic suffix ('s 'm 'd 'll 're
// 've without the apostrophe) starting at s[k] and ending a word, or 0.
func cliticAfter(s string, k int) int {
	if k >= len(s) {
		return 0
	}
	switch c := lowerByte(s[k]); c {
	case 's', 'm', 'd':
		if boundaryAt(s, k+1) {
			return 1
		}
	case 'l', 'r', 'v':
		if k+1 < len(s) {
			c2 := lowerByte(s[k+1])
			if (c == 'l' && c2 == 'l' || c != 'l' && c2 == 'e') && boundaryAt(s, k+2) {
				return 2
			}
		}
	}
	return 0
}

// ntAt returns the end of a "n't" clitic starting at s[i], or 0.
func ntAt(s string, i int) int {
	if i >= len(s) || lowerByte(s[i]) != 'n' {
		return 0
	}
	aw := apostropheAt(s, i+1)
	if aw == 0 {
		return 0
	}
	k := i + 1 + aw
	if k < len(s) && lowerByte(s[k]) == 't' && boundaryAt(s, k+1) {
		return k + 1
	}
	return 0
}

// hasPrefixFold reports whether s starts with the ASCII prefix p, ignoring
// case.
func hasPrefixFold(s, p string) bool {
	return len(s) >= len(p) && strings.EqualFold(s[:len(p)], p)
}

// scanner tokenizes one string. It remembers the current white-space
// delimited chunk so that the URL and e-mail checks look at each chunk once.
type scanner struct {
	s        string
	chunkEnd int
	// special is set when the chunk holds "@", "://" or "www.".
	special bool
}

// appendTokens appends the tokens of s to dst, shifting spans by base.
func appendTokens(dst []model.Token, s string, base int) []model.Token {
	first := len(dst)
	sc := scanner{s: s}
	for i := 0; i < len(s); {
		r, w := runeAt(s, i)
		if isSpaceRune(r, w) {
			if len(dst) > first {
				dst[len(dst)-1].SpaceAfter = true
			}
			i += w
			continue
		}
		e := sc.token(i)
		if e <= i { // cannot happen; keeps the loop finite whatever the rules do
			e = i + w
		}
		dst = append(dst, model.Token{Span: model.Span{Start: base + i, End: base + e}})
		i = e
	}
	if len(dst) > first {
		dst[len(dst)-1].SpaceAfter = true
	}
	return dst
}

// startChunk records the chunk that starts at s[i].
func (sc *scanner) startChunk(i int) {
	s := sc.s
	special := false
	j := i
	for j < len(s) {
		c := s[j]
		if c < utf8.RuneSelf {
			if asciiClass[c] == clsSpace {
				break
			}
			switch c {
			case '@':
				special = true
			case ':':
				special = special || strings.HasPrefix(s[j:], "://")
			case 'w', 'W':
				special = special || hasPrefixFold(s[j:], "www.")
			}
			j++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[j:])
		if isSpaceRune(r, w) {
			break
		}
		j += w
	}
	sc.chunkEnd = j
	sc.special = special
}

// token returns the end of the token that starts at s[i], which is not
// white space.
func (sc *scanner) token(i int) int {
	s := sc.s
	if i >= sc.chunkEnd {
		sc.startChunk(i)
	}
	if sc.special {
		if e := sc.urlOrEmail(i); e > i {
			return e
		}
	}
	r, w := runeAt(s, i)
	switch {
	case isWordRune(r, w):
		if (r == 'n' || r == 'N') && prevIsAlnum(s, i) {
			if e := ntAt(s, i); e > 0 {
				return e
			}
		}
		return sc.word(i)
	case r == '\'' || r == '’':
		if prevIsAlnum(s, i) {
			if n := cliticAfter(s, i+w); n > 0 {
				return i + w + n
			}
		} else if k := i + w; digitAt(s, k) && digitAt(s, k+1) {
			// '73 and '90s: an abbreviated year or decade
			if boundaryAt(s, k+2) {
				return k + 2
			}
			if s[k+2] == 's' && boundaryAt(s, k+3) {
				return k + 3
			}
		}
		if r == '\'' && i+1 < len(s) && s[i+1] == '\'' {
			return i + 2 // '' used as a double quote
		}
		return i + w
	case r == '.' || r == '!' || r == '?' || r == '…':
		// A run of terminal marks is one token: "..." "?!" "!!!" "…."
		j := i + w
		for j < len(s) {
			c := s[j]
			if c == '.' || c == '!' || c == '?' {
				j++
			} else if strings.HasPrefix(s[j:], "…") {
				j += len("…")
			} else {
				break
			}
		}
		return j
	case r == '—' || r == '–' || r == '―':
		j := i + w
		for j < len(s) {
			r2, w2 := runeAt(s, j)
			if r2 != r {
				break
			}
			j += w2
		}
		return j
	case r == ':' || r == ';':
		return emoticon(s, i)
	case r < utf8.RuneSelf && strings.IndexByte("-=*_~<>#$+^`", byte(r)) >= 0:
		// A run of the same mark is one token: "--" "<<" "***".
		j := i + 1
		for j < len(s) && s[j] == byte(r) {
			j++
		}
		return j
	}
	return i + w
}

// emoticon returns the end of a smiley starting at s[i] (":)", ";-)",
// ":D"), or i+1 for a plain colon or semicolon.
func emoticon(s string, i int) int {
	j := i + 1
	if j < len(s) && s[j] == '-' {
		j++
	}
	if j >= len(s) {
		return i + 1
	}
	switch s[j] {
	case ')', '(':
	case 'D', 'P', 'p':
		if i > 0 && s[i-1] != ' ' {
			return i + 1
		}
	default:
		return i + 1
	}
	j++
	if j < len(s) {
		if r, w := runeAt(s, j); !isSpaceRune(r, w) {
			return i + 1
		}
	}
	return j
}

// urlOrEmail returns the end of a URL or e-mail address starting at s[i],
// or 0.
func (sc *scanner) urlOrEmail(i int) int {
	s := sc.s
	rest := s[i:sc.chunkEnd]
	for _, p := range [...]string{"http://", "https://", "ftp://", "www.", "mailto:"} {
		if hasPrefixFold(rest, p) && len(rest) > len(p) && alnumAt(rest, len(p)) {
			return i + trimURL(rest, len(p))
		}
	}
	if c := s[i]; c >= utf8.RuneSelf || asciiClass[c] == clsPunct || asciiClass[c] == clsSpace {
		return 0
	}
	// local@domain, with both parts bounded so that a chunk full of
	// near-misses stays linear.
	j := i
	for j < sc.chunkEnd && j-i < 64 && isEmailByte(s[j], true) {
		j++
	}
	if j >= sc.chunkEnd || s[j] != '@' {
		return 0
	}
	d := j + 1
	k := d
	for k < sc.chunkEnd && k-d < 255 && isEmailByte(s[k], false) {
		k++
	}
	for k > d && (s[k-1] == '.' || s[k-1] == '-') {
		k--
	}
	if k == d || !alnumAt(s, d) {
		return 0
	}
	return k
}

// isEmailByte reports whether c may appear in the local part (local) or
// the domain of an e-mail address.
func isEmailByte(c byte, local bool) bool {
	if c >= utf8.RuneSelf {
		return false
	}
	switch asciiClass[c] {
	case clsLetter, clsDigit:
		return true
	}
	if c == '.' || c == '-' {
		return true
	}
	return local && (c == '_' || c == '%' || c == '+')
}

// trimURL returns the length of u without trailing punctuation that is
// more likely to belong to the sentence; it never trims below min bytes.
func trimURL(u string, min int) int {
	open, closed := strings.Count(u, "("), strings.Count(u, ")")
	end := len(u)
	for end > min {
		r, w := utf8.DecodeLastRuneInString(u[:end])
		switch r {
		case '.', ',', ';', ':', '!', '?', '"', '\'', '”', '’', '“', '»', ']', '}', '>':
		case ')':
			if closed <= open {
				return end
			}
			closed--
		default:
			return end
		}
		end -= w
	}
	return end
}

// word returns the end of the word starting at s[i].
func (sc *scanner) word(i int) int {
	s := sc.s
	j := i
	seg := i // start of the current hyphen-separated part
loop:
	for j < len(s) {
		c := s[j]
		if c < utf8.RuneSelf {
			switch asciiClass[c] {
			case clsLetter, clsDigit:
				j++
				continue
			}
			switch c {
			case '.':
				// 3.5, U.S, e.g, example.com
				if alnumAt(s, j+1) {
					j++
					continue
				}
			case ',':
				// 1,400 but not "11,2000"
				if digitAt(s, j-1) && digitAt(s, j+1) && digitAt(s, j+2) && digitAt(s, j+3) && !digitAt(s, j+4) {
					j++
					continue
				}
			case ':', '/':
				// 8:01 9/11
				if digitAt(s, j-1) && digitAt(s, j+1) {
					j++
					continue
				}
			case '-':
				if joinHyphen(s, i, seg, j, j+1) {
					j++
					seg = j
					continue
				}
			case '\'':
				if e, ok := apostropheInWord(s, i, j, 1); ok {
					j = e
					continue
				} else if e >= 0 {
					j = e
				}
			case '&':
				// AT&T, Q&A
				if j+1 < len(s) && isUpperASCII(s[j-1]) && isUpperASCII(s[j+1]) {
					j++
					continue
				}
			case '_':
				if alnumAt(s, j+1) {
					j++
					continue
				}
			}
			break loop
		}
		r, w := utf8.DecodeRuneInString(s[j:])
		switch {
		case r == '’':
			if e, ok := apostropheInWord(s, i, j, w); ok {
				j = e
				continue
			} else if e >= 0 {
				j = e
			}
			break loop
		case r == '‐' || r == '‑': // Unicode hyphens
			if joinHyphen(s, i, seg, j, j+w) {
				j += w
				seg = j
				continue
			}
			break loop
		case isWordRune(r, w):
			j += w
			continue
		}
		break loop
	}
	e := j
	n := e - i
	// 5pm -> 5 pm
	if n > 2 && digitAt(s, e-3) && (hasPrefixFold(s[e-2:e], "am") || hasPrefixFold(s[e-2:e], "pm")) {
		return e - 2
	}
	// cannot -> can not, gonna -> gon na, wanna, gotta, outta
	switch n {
	case 6:
		if strings.EqualFold(s[i:e], "cannot") {
			return i + 3
		}
	case 5:
		if w := s[i:e]; strings.EqualFold(w, "gonna") || strings.EqualFold(w, "wanna") || strings.EqualFold(w, "gotta") || strings.EqualFold(w, "outta") {
			return i + 3
		}
	}
	// dont -> do nt: EWT splits contractions written without apostrophe.
	if n >= 4 && n <= 8 && lowerByte(s[e-1]) == 't' && lowerByte(s[e-2]) == 'n' && inFold(ntWords, s[i:e]) {
		return e - 2
	}
	// Mr. U.S. a.m. F.
	if e < len(s) && s[e] == '.' && (e+1 >= len(s) || s[e+1] != '.') && abbrevOf(s[i:e], s, e+1) != notAbbrev {
		return e + 1
	}
	return e
}

func isUpperASCII(c byte) bool { return c >= 'A' && c <= 'Z' }

func allDigits(w string) bool {
	for x := 0; x < len(w); x++ {
		if !digitAt(w, x) {
			return false
		}
	}
	return w != ""
}

// apostropheInWord decides what an apostrophe of width aw at s[j] inside
// the word starting at s[i] does. It returns (end, true) when the word
// goes on past it (O'Brien, Shi’ite); (j-1, false) when "n't" starts at
// j-1; (-1, false) when the word ends at j (clitic, possessive, quote).
func apostropheInWord(s string, i, j, aw int) (int, bool) {
	k := j + aw
	if n := cliticAfter(s, k); n > 0 {
		if n == 1 && lowerByte(s[k]) == 's' && allDigits(s[i:j]) {
			return k, true // 1990's, 80's: a plural, kept whole as in EWT
		}
		return -1, false
	}
	if j-1 > i && lowerByte(s[j-1]) == 'n' && k < len(s) && lowerByte(s[k]) == 't' && boundaryAt(s, k+1) {
		return j - 1, false
	}
	r := rune(utf8.RuneError)
	if k < len(s) {
		r, _ = runeAt(s, k)
	}
	if unicode.IsLetter(r) {
		return k, true
	}
	return -1, false
}

// joinHyphen reports whether the hyphen at s[j:k] inside the word that
// starts at s[i] stays in the word; seg is the start of the part before
// it. Hyphens stay in phone numbers, ISO dates and "01-Feb-02" dates, and
// after a bound prefix before a lower-case letter (e-mail, co-workers).
// Ranges and scores ("5-3", "1969-1970") and compounds are split.
func joinHyphen(s string, i, seg, j, k int) bool {
	if k >= len(s) {
		return false
	}
	inChain := seg > i && s[seg-1] == '-'
	if digitAt(s, j-1) {
		m := k
		for digitAt(s, m) {
			m++
		}
		if m > k { // digits on both sides
			left := 0
			for digitAt(s, j-1-left) && j-1-left >= seg {
				left++
			}
			return inChain || (m+1 < len(s) && s[m] == '-' && digitAt(s, m+1)) ||
				(left == 3 || left == 5) && m-k == 4
		}
		// 01-Feb-02
		return j-seg <= 2 && k+4 < len(s) && isLetterASCII(s[k]) && isLetterASCII(s[k+1]) &&
			isLetterASCII(s[k+2]) && s[k+3] == '-' && digitAt(s, k+4)
	}
	if inChain && j-seg == 3 && digitAt(s, seg-2) && digitAt(s, k) {
		return true // the second hyphen of 01-Feb-02
	}
	r, _ := runeAt(s, k)
	if !unicode.IsLower(r) {
		return false
	}
	return inFold(boundPrefixes, s[seg:j])
}

func isLetterASCII(c byte) bool { return c < utf8.RuneSelf && asciiClass[c] == clsLetter }

// inFold reports whether the lower-cased ASCII form of w is a key of m.
func inFold(m map[string]bool, w string) bool {
	var buf [16]byte
	if len(w) == 0 || len(w) > len(buf) {
		return false
	}
	for x := 0; x < len(w); x++ {
		buf[x] = lowerByte(w[x])
	}
	return m[string(buf[:len(w)])]
}

// abbrevOf classifies word w written before a period; next is the offset
// in s just after that period.
func abbrevOf(w string, s string, next int) abbrevKind {
	if k, ok := abbrevs[w]; ok {
		if k == abbrevNumber {
			for next < len(s) && (s[next] == ' ' || s[next] == '\t' || s[next] == '\n') {
				next++
			}
			if !digitAt(s, next) {
				return notAbbrev
			}
		}
		return k
	}
	// Single capital initial, except the pronoun: "John F. Kennedy".
	if r, n := utf8.DecodeRuneInString(w); n == len(w) && unicode.IsUpper(r) && r != 'I' {
		return abbrevNoBreak
	}
	if isDotted(w) {
		return abbrevMaybe
	}
	return notAbbrev
}

// isDotted reports whether w is a dotted abbreviation without its final
// period: letters in groups of one or two joined by periods (U.S, a.m,
// Ph.D).
func isDotted(w string) bool {
	run, dots := 0, 0
	for x := 0; x < len(w); x++ {
		c := w[x]
		switch {
		case c == '.':
			if run == 0 {
				return false
			}
			run = 0
			dots++
		case c < utf8.RuneSelf && asciiClass[c] == clsLetter:
			run++
			if run > 2 {
				return false
			}
		default:
			return false
		}
	}
	return dots > 0 && run > 0
}

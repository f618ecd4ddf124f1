package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// furnitureRule recognises one kind of page furniture in a whole line.
type furnitureRule struct {
	reason string
	re     *regexp.Regexp
	// maxWords bounds the line length the rule applies to: furniture lines
	// are short, and a long prose paragraph that happens to contain "share"
	// or "newsletter" is not furniture.
	maxWords int
	// end marks rules that open the tail of a page (related lists, comment
	// sections, newsletter blurbs): once one is seen after the article body,
	// everything after it is furniture too.
	end bool
	// sentenceOK lets the rule match lines that read as sentences.
	sentenceOK bool
}

var furnitureRules = []furnitureRule{
	{"navigation", regexp.MustCompile(`(?i)^(skip to (the )?(main )?(content|navigation|menu)|skip navigation|main menu|menu|home|search|log ?in|sign in|register|toggle navigation|back to top|jump to)$`), 6, false, false},
	{"share", regexp.MustCompile(`(?i)^((share|shares|tweet|pin( it)?|e-?mail|print|save|copy( link)?|by|facebook|twitter|x|whatsapp|linkedin|reddit|telegram|messenger|flipboard|on|this|article|story|post|via|link)[\s|:·•,/-]*)+$`), 12, false, false},
	{"counter", regexp.MustCompile(`(?i)^\d[\d,.]*k?\s*(views?|viewed|reads?|shares?|likes?|comments?|votes?)\b`), 14, false, false},
	{"rating", regexp.MustCompile(`(?i)^(\d+(\.\d+)?\s*/\s*\d+(\s*[-–]\s*\d+)?|rate this( article| post)?|you need (to )?log ?in to (vote|rate|comment)\.?|\d+\s*(votes?|ratings?))$`), 8, false, true},
	{"comments", regexp.MustCompile(`(?i)^(leave a (comment|reply)|comments?|comments? (are )?(closed|off)\b.*|no comments?( yet)?|\d+ comments?|add (a )?comment|post a comment|show comments|view comments|join the (conversation|discussion))\.?$`), 16, true, true},
	{"related", regexp.MustCompile(`(?i)^(related( posts| articles| stories| news| content| coverage| topics)?|popular (posts|stories|articles)\b.*|more (from|stories|news|on this story)\b.*|read (more|next|also)\b.*|recommended( for you)?|you (may|might) (also )?(like|be interested in)\b.*|trending( now)?|most (read|popular|viewed|shared)\b.*|further reading|see also|also read\b.*|what to read next|editor'?s picks?)\s*:?$`), 10, true, false},
	{"tags", regexp.MustCompile(`(?i)^(filed (in|under)|tags?|tagged( with| in)?|categor(y|ies)|topics?|keywords?)(\s*:.*)?$`), 16, true, false},
	{"newsletter", regexp.MustCompile(`(?i)(newsletter|^(sign up|subscribe|stay informed|stay up to date|get the latest|don'?t miss|follow us|follow @))`), 20, true, true},
	{"copyright", regexp.MustCompile(`(?i)^(©|\(c\)|copyright\b)|all rights reserved`), 25, true, true},
	{"sources", regexp.MustCompile(`(?i)^(sources?|references|links|credits?)\s*:?$`), 2, true, false},
	{"advertisement", regexp.MustCompile(`(?i)^(advertisement|advertising|sponsored( content)?|ad|promoted|story continues below( advertisement)?|continue reading( below)?)\s*\.?$`), 5, false, false},
	{"reading time", regexp.MustCompile(`(?i)^\d+\s*(min|mins|minutes?)\.?\s*(read|reading( time)?)$`), 4, false, false},
	{"url", regexp.MustCompile(`(?i)^(https?://|www\.)\S+$`), 1, false, false},
}

// furniturePre holds, by index into furnitureRules, exact cheap tests that
// a rule's expression may match a line (false means it cannot): the
// unanchored expressions otherwise scan every short paragraph.
var furniturePre = func() []func(string) bool {
	pre := make([]func(string) bool, len(furnitureRules))
	for i, r := range furnitureRules {
		switch r.reason {
		case "newsletter":
			// (?i)(newsletter|^(sign up|subscribe|stay ...|get ...|don'?t ...|follow ...))
			pre[i] = func(line string) bool {
				return firstFoldsTo(line, "sgdf") || containsFold(line, "newsletter")
			}
		case "copyright":
			// (?i)^(©|\(c\)|copyright\b)|all rights reserved
			pre[i] = func(line string) bool {
				return strings.HasPrefix(line, "©") || strings.HasPrefix(line, "(") || firstFoldsTo(line, "c") ||
					containsFold(line, "all rights reserved")
			}
		}
	}
	return pre
}()

// foldEq reports whether r equals the ASCII letter or symbol w under the
// simple case folding of (?i) in regular expressions ("ſ" is "s").
func foldEq(r, w rune) bool {
	if r == w {
		return true
	}
	for f := unicode.SimpleFold(w); f != w; f = unicode.SimpleFold(f) {
		if f == r {
			return true
		}
	}
	return false
}

// firstFoldsTo reports whether s starts with a rune that folds to one of
// the lower-case ASCII letters of set.
func firstFoldsTo(s, set string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	if s == "" {
		return false
	}
	for _, w := range set {
		if foldEq(r, w) {
			return true
		}
	}
	return false
}

// containsFold reports whether s holds w (lower-case ASCII, starting with
// a letter whose only case variant is its upper case: not k or s) under
// (?i) case folding.
func containsFold(s, w string) bool {
	for i := 0; i < len(s); i++ {
		if s[i]|0x20 != w[0] {
			continue
		}
		rest, ok := s[i:], true
		for _, wr := range w {
			r, size := utf8.DecodeRuneInString(rest)
			if rest == "" || !foldEq(r, wr) {
				ok = false
				break
			}
			rest = rest[size:]
		}
		if ok {
			return true
		}
	}
	return false
}

// menuSepRe separates the items of a navigation menu line.
var menuSepRe = regexp.MustCompile(`\s*[|•·»]\s*|\s{2,}`)

// isMenu reports whether line is a navigation menu: three or more short
// items separated by bars, bullets or wide gaps.
func isMenu(line string) bool {
	// Cheap test first: most lines have no separator at all.
	if !strings.ContainsAny(line, "|•·»\t\n\r\v\f") && !strings.Contains(line, "  ") {
		return false
	}
	items := menuSepRe.Split(strings.TrimSpace(line), -1)
	if len(items) < 3 {
		return false
	}
	for _, it := range items {
		if n := wordCount(it); n == 0 || n > 3 {
			return false
		}
	}
	return true
}

// furniture returns the reason a line is page furniture, whether it opens
// the page's tail, or "" when the line looks like content.
func furniture(line string) (reason string, end bool) {
	if isMenu(line) {
		return "navigation", false
	}
	n := wordCount(line)
	// A line that reads as a sentence is furniture only by the rules made
	// for sentence-like furniture ("Comments are closed.").
	sentence := n >= 6 && endsSentence(line)
	for i, r := range furnitureRules {
		if n > r.maxWords || (sentence && !r.sentenceOK) {
			continue
		}
		if pre := furniturePre[i]; pre != nil && !pre(line) {
			continue
		}
		if r.re.MatchString(line) {
			return r.reason, r.end
		}
	}
	return "", false
}

// wordCount counts white-space separated words: len(strings.Fields(s))
// without building the slice.
func wordCount(s string) int {
	n := 0
	inWord := false
	for i := 0; i < len(s); {
		c := s[i]
		var space bool
		if c < utf8.RuneSelf {
			space = asciiSpace[c]
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
			i += size
		}
		if !space && !inWord {
			n++
		}
		inWord = !space
	}
	return n
}

// asciiSpace marks the ASCII bytes unicode.IsSpace accepts.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// isTerminal reports whether r ends a sentence.
func isTerminal(r rune) bool { return r == '.' || r == '!' || r == '?' || r == '…' }

// isClosing reports whether r is a closing quote or bracket that may follow
// a sentence's final punctuation.
func isClosing(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '»', ')', ']':
		return true
	}
	return false
}

// endsSentence reports whether s ends with sentence-final punctuation,
// possibly followed by closing quotes or brackets. A closing quote alone
// ends a quoted paragraph too (“... dirty hands”).
func endsSentence(s string) bool {
	s = strings.TrimRightFunc(s, isSpace)
	quoted := false
	for s != "" {
		r, size := utf8.DecodeLastRuneInString(s)
		switch {
		case isTerminal(r):
			return true
		case isClosing(r):
			if r != ')' && r != ']' {
				quoted = true
			}
			s = s[:len(s)-size]
		default:
			// A paragraph that is one long quotation ends with its quote.
			return quoted && wordCount(s) >= 8
		}
	}
	return false
}

// isSpace is unicode.IsSpace extended with the zero-width characters that
// crawlers leave in text.
func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' || r == '\u200e' || r == '\u200f'
}

// foldSpace replaces each run of white space with one ASCII space and trims
// the ends.
func foldSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if isSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// normKey lower-cases s, unifies quotes and dashes and folds white space, for
// comparing a line with a known title.
func normKey(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '’', '‘', '`', '´':
			return '\''
		case '“', '”', '«', '»':
			return '"'
		case '–', '—', '‐', '‑':
			return '-'
		}
		return unicode.ToLower(r)
	}, s)
	return foldSpace(s)
}

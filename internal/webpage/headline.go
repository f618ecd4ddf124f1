package webpage

import (
	"strings"
	"unicode"

	"github.com/sitrep/sitrep/internal/model"
)

// headlineWindow is how many leading blocks are searched for the headline.
const headlineWindow = 3

// dropHeadline removes the article's headline from the start of blocks when
// it repeats title: Page.Title already holds it, and a headline counted twice
// would count its events twice. A heading that follows the headline and
// reads like a sentence is marked as the standfirst.
func dropHeadline(blocks []Block, title string) []Block {
	nt := normTitle(title)
	if nt == "" {
		return blocks
	}
	for i := 0; i < len(blocks) && i < headlineWindow; i++ {
		b := blocks[i]
		if b.Kind != model.KindHeading {
			continue
		}
		if !sameTitle(normTitle(b.Text), nt) {
			return blocks
		}
		blocks = append(blocks[:i:i], blocks[i+1:]...)
		if i < len(blocks) && blocks[i].Kind == model.KindHeading && sentenceLike(blocks[i].Text) {
			blocks[i].Kind = model.KindStandfirst
		}
		return blocks
	}
	return blocks
}

// sameTitle reports whether heading h is the title t, allowing t to carry a
// suffix such as " | Site name".
func sameTitle(h, t string) bool {
	if h == "" {
		return false
	}
	if h == t {
		return true
	}
	return strings.HasPrefix(t, h) && len(h)*3 >= len(t)*2 && !isWordRune(t[len(h):])
}

func isWordRune(s string) bool {
	for _, r := range s {
		return unicode.IsLetter(r) || unicode.IsDigit(r)
	}
	return false
}

// normTitle lower-cases s and keeps only its letters and digits, words
// separated by one space, so that punctuation and quote styles do not
// matter.
func normTitle(s string) string {
	var sb strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && sb.Len() > 0 {
				sb.WriteByte(' ')
			}
			space = false
			sb.WriteRune(unicode.ToLower(r))
			continue
		}
		space = true
	}
	return sb.String()
}

// sentenceLike reports whether a heading reads like a sentence rather than
// a title: long, or ending with sentence punctuation.
func sentenceLike(s string) bool {
	s = strings.TrimSpace(s)
	if len(strings.Fields(s)) >= 12 {
		return true
	}
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "…")
}

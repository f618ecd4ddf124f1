package events

import (
	"bufio"
	"io"
	"strings"

	"github.com/sitrep/sitrep/internal/model"
)

// Discards are PETRARCH discard phrases (PETR.Validate.discards.txt,
// Phoenix.discards.txt): a story-level phrase ("+TYPHOON") drops every
// event of an article that contains it, a sentence-level one
// ("BASEBALL") the events of the sentences that contain it. Phrases
// match whole words, case-insensitively. Discards are immutable after
// loading and safe for concurrent use.
type Discards struct {
	story, sentence [][]string
}

// LoadDiscards reads a PETRARCH discard file: one phrase a line, "+" for
// story level, "_" or spaces between words, "#" comments.
func LoadDiscards(r io.Reader) (*Discards, error) {
	d := &Discards{}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		story := strings.HasPrefix(line, "+")
		line = strings.TrimPrefix(line, "+")
		words := strings.FieldsFunc(strings.ToLower(line), func(r rune) bool { return r == '_' || r == ' ' || r == '\t' })
		if len(words) == 0 {
			continue
		}
		if story {
			d.story = append(d.story, words)
		} else {
			d.sentence = append(d.sentence, words)
		}
	}
	return d, sc.Err()
}

// hasPhrase reports whether the lower-cased tokens [from, to) of x
// contain one of the phrases.
func (x *articleIndex) hasPhrase(from, to int, phrases [][]string) bool {
	for i := from; i < to; i++ {
	next:
		for _, p := range phrases {
			if i+len(p) > to {
				continue
			}
			for j, w := range p {
				if x.lower[i+j] != w {
					continue next
				}
			}
			return true
		}
	}
	return false
}

// storyDiscarded reports whether the article holds a story-level discard
// phrase.
func (d *Discards) storyDiscarded(x *articleIndex) bool {
	return d != nil && len(d.story) > 0 && x.hasPhrase(0, len(x.lower), d.story)
}

// sentenceDiscarded reports whether sentence s holds a sentence-level
// discard phrase.
func (d *Discards) sentenceDiscarded(x *articleIndex, s model.Sentence) bool {
	return d != nil && len(d.sentence) > 0 && x.hasPhrase(s.FirstToken, s.EndToken, d.sentence)
}

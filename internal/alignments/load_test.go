package alignments

import (
	"strings"
	"testing"
)

// sentenceOf builds a Sentence from space-separated words, with an actor
// mention on every word listed in actors.
func sentenceOf(text string, actors map[string]string) Sentence {
	s := Sentence{Article: "a", End: len(text)}
	at := 0
	for _, w := range strings.Fields(text) {
		t := Token{Start: at, End: at + len(w), Text: w}
		s.Tokens = append(s.Tokens, t)
		if code, ok := actors[w]; ok {
			s.Mentions = append(s.Mentions, Mention{Start: t.Start, End: t.End, Text: w, Actor: code})
		}
		at += len(w) + 1
	}
	return s
}

func TestMayMatter(t *testing.T) {
	actors := map[string]string{"Norway": "NOR", "Chile": "CHL"}
	for _, c := range []struct {
		text string
		want bool
	}{
		{"Norway joined the talks .", true},                    // stance cue and an actor
		{"The coalition met again .", true},                    // initiative head, no actor
		{"Chile , Norway 's closest partner , agreed .", true}, // relation noun
		{"Norway reported strong fishing exports .", false},    // an actor, no cue
		{"Officials refused to comment .", false},              // a cue, no actor
	} {
		if got := MayMatter(sentenceOf(c.text, actors)); got != c.want {
			t.Errorf("MayMatter(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

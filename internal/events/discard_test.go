package events

import (
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/model"
)

func TestDiscards(t *testing.T) {
	d, err := LoadDiscards(strings.NewReader("# comment\n+HURRICANE_SEASON # story\nFOOTBALL\n\n"))
	if err != nil {
		t.Fatal(err)
	}
	a := &model.Article{Text: "x"}
	for _, w := range []string{"The", "hurricane", "season", "ended", "and", "football", "resumed"} {
		a.Tokens = append(a.Tokens, model.Token{})
		_ = w
	}
	x := newArticleIndex(a)
	copy(x.lower, []string{"the", "hurricane", "season", "ended", "and", "football", "resumed"})
	if !d.storyDiscarded(x) {
		t.Error("story phrase not found")
	}
	if !d.sentenceDiscarded(x, model.Sentence{FirstToken: 4, EndToken: 7}) {
		t.Error("sentence phrase not found")
	}
	if d.sentenceDiscarded(x, model.Sentence{FirstToken: 0, EndToken: 4}) {
		t.Error("sentence phrase found where absent")
	}
	var none *Discards
	if none.storyDiscarded(x) || none.sentenceDiscarded(x, model.Sentence{FirstToken: 0, EndToken: 7}) {
		t.Error("nil discards discard")
	}
}

package seedtest

import "testing"

func TestArticles(t *testing.T) {
	arts := Articles(t)
	for id, a := range arts {
		if len(a.Sentences) < 5 || a.Published == "" || a.SourceFile[:3] != id {
			t.Errorf("%s: %d sentences, published %q, file %s", id, len(a.Sentences), a.Published, a.SourceFile)
		}
	}
	if a, b := Articles(t), Articles(t); a["002"] == b["002"] {
		t.Error("two calls share an article")
	}
}

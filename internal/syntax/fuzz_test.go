package syntax

import (
	"testing"
)

// FuzzAnnotate checks that any text, segmented and parsed with any cap,
// gives valid trees and no panic.
func FuzzAnnotate(f *testing.F) {
	for _, s := range []string{
		"The envoy met the minister. “Why?” he asked.",
		"BREAKING: TALKS COLLAPSE — AGAIN",
		"a\n\nb",
		"\xff\xfe\x00 ,,, ...",
	} {
		f.Add(s, uint8(0))
	}
	m, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string, maxTok uint8) {
		a := article(text)
		m.AnnotateWith(a, Options{MaxTokens: int(maxTok % 40)})
		if err := treeError(a); err != nil {
			t.Fatalf("%q (cap %d): %v", text, maxTok%40, err)
		}
	})
}

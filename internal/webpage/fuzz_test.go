package webpage

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// FuzzExtract checks that Extract neither panics (not even a recovered
// panic) nor returns malformed blocks, and that it is deterministic.
func FuzzExtract(f *testing.F) {
	f.Add(articlePage)
	f.Add("<p>short</p>")
	f.Add("")
	f.Fuzz(func(t *testing.T, in string) {
		opts := Options{URL: "https://example.com/2024/01/02/story", MaxBytes: 1 << 16}
		p, err := Extract(in, opts)
		if errors.Is(err, errPanicked) {
			t.Fatal(err)
		}
		for _, b := range p.Blocks {
			if b.Text == "" || b.Text != strings.TrimSpace(b.Text) || strings.Contains(b.Text, "\n\n") {
				t.Fatalf("bad block %q", b.Text)
			}
		}
		q, err2 := Extract(in, opts)
		if !reflect.DeepEqual(p, q) || (err == nil) != (err2 == nil) {
			t.Fatalf("not deterministic:\n%+v\n%+v", p, q)
		}
	})
}

package stories

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/segment"
)

// FuzzPlace places arbitrary texts (segmented or not) and checks that
// placement never panics and is deterministic: two indexes fed the same
// articles agree, and a saved and reloaded index too.
func FuzzPlace(f *testing.F) {
	for _, s := range []string{
		"", " ", "\x00\xff\xfe", "Ünïcödé Ñame met Ωmega in Zürich.\n\nＦｕｌｌ　ｗｉｄｔｈ.",
		"Der Bundestag hat am Freitag beschlossen.", "北京 上海 广州", strings.Repeat("word ", 3000),
		"A. B. C. D. E. F. G.", "Mr. Smith went to Washington. Mr. Smith came back.",
		"http://example.com/a/b/c?d=e", "Rebels seized the town.\n\nRebels seized the town.",
	} {
		f.Add(s, "2030-01-02", true)
	}
	f.Fuzz(func(t *testing.T, text, date string, seg bool) {
		mk := func(text string) *model.Article {
			a := &model.Article{Text: text, Published: date, Title: text}
			a.Paragraphs = []model.Paragraph{{Span: model.Span{Start: 0, End: len(text)}, Raw: model.NoSpan}}
			if seg {
				segment.Segment(a, segment.Options{})
			}
			return a
		}
		arts := []*model.Article{mk(text), mk(text + " And more words follow here."), mk(text), treatyA}
		x, y := NewIndex(Options{}), NewIndex(Options{})
		for _, a := range arts {
			if px, py := x.Place(a), y.Place(a); px != py {
				t.Fatalf("non-deterministic placement: %+v vs %+v", px, py)
			}
		}
		var buf bytes.Buffer
		if err := x.Save(&buf); err != nil {
			t.Fatal(err)
		}
		z, err := Load(&buf)
		if err != nil {
			t.Fatal(err)
		}
		a := mk(text + " Later news.")
		if px, pz := x.Place(a), z.Place(a); px != pz {
			t.Fatalf("restored index places differently: %+v vs %+v", px, pz)
		}
		if _, err := json.Marshal(x.Stories()); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzLoad loads arbitrary bytes as a snapshot: an error or an index that
// can go on placing articles, never a panic.
func FuzzLoad(f *testing.F) {
	x := NewIndex(Options{})
	for _, a := range []*model.Article{treatyA, treatyB, football, treatyCopy} {
		x.Place(a)
	}
	var buf bytes.Buffer
	if err := x.Save(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte{})
	f.Add([]byte("not a snapshot"))
	f.Fuzz(func(t *testing.T, b []byte) {
		y, err := Load(bytes.NewReader(b))
		if err != nil {
			return
		}
		for _, a := range []*model.Article{treatyC, treatyLater, treatyA} {
			y.Place(a)
		}
		y.Stories()
	})
}

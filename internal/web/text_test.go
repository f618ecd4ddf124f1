package web

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/model"
)

// joinParas returns the text markText kept, paragraph by paragraph.
func joinParas(ps []para) string {
	var b strings.Builder
	for _, p := range ps {
		for _, s := range p.Segs {
			b.WriteString(s.Text)
		}
		b.WriteString("|")
	}
	return b.String()
}

func TestMarkText(t *testing.T) {
	text := "Norway rejected Chile.\n\n“Não” said Ana."
	paras := []model.Paragraph{{Span: model.Span{Start: 0, End: 22}, Kind: model.KindBody}, {Span: model.Span{Start: 24, End: len(text)}, Kind: model.KindBody}}
	marks := []mark{
		{Span: model.Span{Start: 0, End: 22}, Class: "evidence", Href: "/event/x", Anchor: "ev-x"},
		{Span: model.Span{Start: 0, End: 6}, Class: "mention", Href: "/actor/NOR", Title: "NOR"},
		{Span: model.Span{Start: 7, End: 15}, Class: "trigger"},
		{Span: model.Span{Start: 27, End: 29}, Class: "quote"},             // inside "ã": clipped to the character
		{Span: model.Span{Start: 30, End: 500}, Class: "timex"},            // past the end: clipped
		{Span: model.Span{Start: 9, End: 3}, Class: "bad"},                 // reversed: dropped
		{Span: model.Span{Start: -1, End: 4}, Class: "bad"},                // negative: dropped
		{Span: model.Span{Start: len(text), End: len(text)}, Class: "bad"}, // empty at the end
	}
	ps := markText(text, paras, marks)
	if got, want := joinParas(ps), "Norway rejected Chile.|“Não” said Ana.|"; got != want {
		t.Fatalf("text %q, want %q", got, want)
	}
	first := ps[0].Segs[0]
	if first.Text != "Norway" || first.Classes != "evidence mention" || first.Href != "/actor/NOR" || first.Anchor != "ev-x" {
		t.Errorf("first segment %+v", first)
	}
	if s := ps[0].Segs[2]; s.Text != "rejected" || s.Classes != "evidence trigger" || s.Href != "/event/x" {
		t.Errorf("trigger segment %+v", s)
	}
	for _, p := range ps {
		for _, s := range p.Segs {
			if !utf8.ValidString(s.Text) || strings.Contains(s.Classes, "bad") {
				t.Errorf("segment %+v", s)
			}
		}
	}
	// No paragraphs: one paragraph of the whole text.
	if got := joinParas(markText("abc", nil, nil)); got != "abc|" {
		t.Errorf("no paragraphs: %q", got)
	}
}

// FuzzMarkText: any spans over any text give segments that are the
// paragraphs' text, valid UTF-8 when the text is, and never panic.
func FuzzMarkText(f *testing.F) {
	f.Add("Norway rejected Chile.", 0, 6, 3, 40, 7, 15)
	f.Add("“Não” — ok", 1, 2, -5, 3, 2, 1)
	f.Fuzz(func(t *testing.T, text string, a, b, c, d, e, g int) {
		paras := []model.Paragraph{{Span: model.Span{Start: a, End: b}}, {Span: model.Span{Start: 0, End: len(text)}}}
		marks := []mark{{Span: model.Span{Start: c, End: d}, Class: "x"}, {Span: model.Span{Start: e, End: g}, Class: "y", Href: "/"}}
		for _, p := range markText(text, paras, marks) {
			for _, s := range p.Segs {
				if !strings.Contains(text, s.Text) {
					t.Fatalf("segment %q not in text", s.Text)
				}
				if utf8.ValidString(text) && !utf8.ValidString(s.Text) {
					t.Fatalf("segment %q splits a character", s.Text)
				}
			}
		}
	})
}

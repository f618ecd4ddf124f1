package pipeline

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/model"
)

// spanError checks that s lies inside text and is ordered; NoSpan is
// allowed where optional is true.
func spanError(what string, s model.Span, text string, optional bool) error {
	if optional && s == model.NoSpan {
		return nil
	}
	if s.Start < 0 || s.End < s.Start || s.End > len(text) {
		return fmt.Errorf("%s span %v outside the %d-byte text", what, s, len(text))
	}
	return nil
}

// sentenceError checks that a sentence index is in range and, when span is
// given, that the span lies inside that sentence.
func sentenceError(what string, i int, s model.Span, a *model.Article) error {
	if i < 0 || i >= len(a.Sentences) {
		return fmt.Errorf("%s sentence %d of %d", what, i, len(a.Sentences))
	}
	if ss := a.Sentences[i].Span; s.Start < ss.Start || s.End > ss.End {
		return fmt.Errorf("%s span %v outside its sentence %d %v", what, s, i, ss)
	}
	return nil
}

// articleError checks the structure of a processed article: paragraphs,
// tokens and sentences in order without overlap, syntax trees inside their
// sentences, and every annotation span inside the text, ordered, in its
// sentence and in text order.
func articleError(a *model.Article) error {
	text := a.Text
	end := -2
	for i, p := range a.Paragraphs {
		if err := spanError(fmt.Sprintf("paragraph %d", i), p.Span, text, false); err != nil {
			return err
		}
		if p.Span.Start != end+2 {
			return fmt.Errorf("paragraph %d span %v does not follow %d", i, p.Span, end)
		}
		end = p.Span.End
	}
	if end != len(text) {
		return fmt.Errorf("paragraphs end at %d of %d bytes", end, len(text))
	}
	for i, tok := range a.Tokens {
		if err := spanError(fmt.Sprintf("token %d", i), tok.Span, text, false); err != nil {
			return err
		}
		if tok.Span.Start == tok.Span.End || i > 0 && a.Tokens[i-1].Span.End > tok.Span.Start {
			return fmt.Errorf("token %d span %v empty or overlapping the previous token", i, tok.Span)
		}
	}
	next := 0
	for i, s := range a.Sentences {
		if s.FirstToken != next || s.EndToken <= s.FirstToken || s.EndToken > len(a.Tokens) {
			return fmt.Errorf("sentence %d tokens [%d,%d) do not follow %d (%d tokens)", i, s.FirstToken, s.EndToken, next, len(a.Tokens))
		}
		next = s.EndToken
		if s.Span.Start != a.Tokens[s.FirstToken].Span.Start || s.Span.End != a.Tokens[s.EndToken-1].Span.End {
			return fmt.Errorf("sentence %d span %v does not match its tokens", i, s.Span)
		}
		if i > 0 && a.Sentences[i-1].Span.End > s.Span.Start {
			return fmt.Errorf("sentence %d span %v overlaps the previous sentence", i, s.Span)
		}
		if s.Paragraph < 0 || s.Paragraph >= len(a.Paragraphs) {
			return fmt.Errorf("sentence %d paragraph %d of %d", i, s.Paragraph, len(a.Paragraphs))
		}
		if p := a.Paragraphs[s.Paragraph].Span; s.Span.Start < p.Start || s.Span.End > p.End {
			return fmt.Errorf("sentence %d span %v outside its paragraph %v", i, s.Span, p)
		}
		for j := s.FirstToken; j < s.EndToken; j++ {
			syn := a.Tokens[j].Syntax
			if syn != nil && syn.Head != -1 && (syn.Head < s.FirstToken || syn.Head >= s.EndToken || syn.Head == j) {
				return fmt.Errorf("token %d head %d outside its sentence [%d,%d)", j, syn.Head, s.FirstToken, s.EndToken)
			}
		}
	}
	if next != len(a.Tokens) {
		return fmt.Errorf("sentences cover %d of %d tokens", next, len(a.Tokens))
	}

	prev := -1
	for i, x := range a.Timexes {
		what := fmt.Sprintf("timex %d", i)
		if err := spanError(what, x.Span, text, false); err != nil {
			return err
		}
		if err := sentenceError(what, x.Sentence, x.Span, a); err != nil {
			return err
		}
		if x.Span.Start < prev {
			return fmt.Errorf("%s at %d before the previous one at %d", what, x.Span.Start, prev)
		}
		prev = x.Span.Start
	}
	prev = -1
	for i, m := range a.Mentions {
		what := fmt.Sprintf("mention %d", i)
		if err := spanError(what, m.Span, text, false); err != nil {
			return err
		}
		if err := sentenceError(what, m.Sentence, m.Span, a); err != nil {
			return err
		}
		if m.Span.Start < prev {
			return fmt.Errorf("%s at %d before the previous one at %d", what, m.Span.Start, prev)
		}
		prev = m.Span.Start
	}
	for i, q := range a.Quotes {
		what := fmt.Sprintf("quote %d", i)
		if err := spanError(what, q.Span, text, false); err != nil {
			return err
		}
		if err := spanError(what+" cue", q.CueSpan, text, true); err != nil {
			return err
		}
		if q.Speaker != nil {
			if err := spanError(what+" speaker", q.Speaker.Mention, text, true); err != nil {
				return err
			}
		}
	}
	for i, e := range a.Events {
		what := fmt.Sprintf("event %d", i)
		if err := spanError(what, e.Span, text, false); err != nil {
			return err
		}
		if err := sentenceError(what, e.Sentence, e.Span, a); err != nil {
			return err
		}
		for _, s := range []struct {
			name string
			span model.Span
		}{{"trigger", e.TriggerSpan}, {"source", e.Source.Span}, {"target", e.Target.Span}, {"date", e.DateSpan}} {
			if err := spanError(what+" "+s.name, s.span, text, true); err != nil {
				return err
			}
		}
	}
	return nil
}

// fuzzSlow is the time after which one Process call on a fuzz input counts
// as a hang (typical inputs take a few milliseconds; the margin absorbs a
// loaded machine).
const fuzzSlow = 20 * time.Second

// fuzzProcess runs Process and fails the input when it does not return
// within fuzzSlow, so that the fuzzer records hangs as well as panics.
func fuzzProcess(t *testing.T, doc model.Document, opts Options) (*model.Article, *model.Diagnostic) {
	type result struct {
		a   *model.Article
		rej *model.Diagnostic
	}
	done := make(chan result, 1)
	go func() {
		a, rej := Process(doc, opts)
		done <- result{a, rej}
	}()
	select {
	case r := <-done:
		return r.a, r.rej
	case <-time.After(fuzzSlow):
		t.Fatalf("Process(%s, %d bytes) did not return within %s", doc.Format, len(doc.Raw), fuzzSlow)
		return nil, nil
	}
}

// FuzzProcess runs the whole per-document pipeline (extract, segment and the
// default annotation stages) on arbitrary text or HTML: no panic, a
// well-formed rejection or an article whose every span is in bounds and
// ordered, and the same JSON on a second run.
func FuzzProcess(f *testing.F) {
	for _, s := range []struct {
		raw  string
		html bool
	}{
		{"Envoys agree to resume talks\n\nOSLO (Wire) - The foreign minister of Norway met the Iranian envoy on Monday. " +
			"“We will not accept new sanctions,” the envoy said. Police arrested two protesters in the capital last week.\n", false},
		{"<html><head><title>Ceasefire holds</title><meta name=date content=2022-06-01></head><body><article>" +
			"<p>The army said on Tuesday it had withdrawn from the border town.</p><p>According to officials, talks will resume next month.</p>" +
			"</article></body></html>", true},
		{"Le Premier ministre a rencontré mardi le président pour discuter de la crise budgétaire et des réformes.", false},
		{"A \"quote with no end. He said: 'nested \u201cmarks\u2019. “", false},
		{"WASHINGTON — ", false},
		{"\u202e\u200b\u0301x. Y! Z? ... ,,, -- (((", false},
		{"<p>" + string(bytes.Repeat([]byte("word "), 300)) + "</p>", true},
	} {
		f.Add(s.raw, s.html)
	}
	stages, err := DefaultStages()
	if err != nil {
		f.Fatal(err)
	}
	opts := Options{Stages: stages, Budget: -1}
	f.Fuzz(func(t *testing.T, raw string, html bool) {
		if len(raw) > 1<<14 {
			return
		}
		doc := model.Document{Path: "in/f.txt", Format: "txt", Container: "txt", Raw: raw}
		if html {
			doc.Path, doc.Format, doc.Container = "in/f.html", "html", "html"
		}
		a, rej := fuzzProcess(t, doc, opts)
		if (a == nil) == (rej == nil) {
			t.Fatalf("Process(%q): article %v and rejection %v", raw, a != nil, rej != nil)
		}
		if rej != nil {
			if rej.Severity != model.Error || rej.Code == "" || rej.File != doc.Path {
				t.Fatalf("Process(%q): malformed rejection %+v", raw, *rej)
			}
			return
		}
		if err := articleError(a); err != nil {
			t.Fatalf("Process(%q): %v", raw, err)
		}
		b, _ := Process(doc, opts)
		ja, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		jb, _ := json.Marshal(b)
		if !bytes.Equal(ja, jb) {
			t.Fatalf("Process(%q) is not deterministic:\n%s\n%s", raw, ja, jb)
		}
	})
}

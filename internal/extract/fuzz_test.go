package extract

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/model"
)

// fuzzMaxBytes bounds fuzz inputs: ingest caps real inputs, and larger
// inputs only slow the fuzzer down.
const fuzzMaxBytes = 1 << 16

// fuzzDoc builds a document of the given format. The metadata comes from the
// fuzzer too, as a manifest or JSONL record would supply it.
func fuzzDoc(format, raw, title, published, lang string) model.Document {
	return model.Document{Path: "in/f." + format, Format: format, Container: format, Raw: raw,
		Meta: model.Meta{Title: title, Published: published, Language: lang}, MetaSource: "manifest"}
}

// extractError checks what Extract returned for doc: exactly one of an
// article and a rejection; for an article, text made of its paragraphs,
// spans in bounds, identity derived from the text, and well-formed dates and
// diagnostics.
func extractError(doc model.Document, a *model.Article, rej *model.Diagnostic) error {
	if (a == nil) == (rej == nil) {
		return fmt.Errorf("want exactly one of article and rejection, got %v and %v", a != nil, rej != nil)
	}
	if rej != nil {
		if rej.Severity != model.Error || rej.Stage != "extract" || rej.Code == "" || rej.File != doc.Path {
			return fmt.Errorf("malformed rejection %+v", *rej)
		}
		return nil
	}
	if a.Raw != doc.Raw {
		return fmt.Errorf("article Raw is not the document's")
	}
	if len(a.Paragraphs) == 0 || a.Text == "" {
		return fmt.Errorf("accepted article without text")
	}
	if utf8.ValidString(doc.Raw) && !utf8.ValidString(a.Text) {
		return fmt.Errorf("invalid UTF-8 in the text of valid input")
	}
	end := 0
	for i, p := range a.Paragraphs {
		sep := 0
		if i > 0 {
			sep = 2
		}
		if p.Span.Start != end+sep || p.Span.End <= p.Span.Start || p.Span.End > len(a.Text) {
			return fmt.Errorf("paragraph %d span %v after %d in %d bytes", i, p.Span, end, len(a.Text))
		}
		if i > 0 && a.Text[end:p.Span.Start] != "\n\n" {
			return fmt.Errorf("paragraph %d not preceded by a blank line", i)
		}
		if t := p.Span.In(a.Text); strings.Contains(t, "\n\n") || strings.TrimSpace(t) != t {
			return fmt.Errorf("paragraph %d %q has a blank line or outer space", i, t)
		}
		if p.Raw != model.NoSpan && (!p.Raw.Valid() || p.Raw.End > len(a.Raw)) {
			return fmt.Errorf("paragraph %d raw span %v outside %d raw bytes", i, p.Raw, len(a.Raw))
		}
		if doc.Format == "html" && p.Raw != model.NoSpan {
			return fmt.Errorf("HTML paragraph %d has a raw span %v", i, p.Raw)
		}
		switch p.Kind {
		case model.KindBody, model.KindHeading, model.KindStandfirst, model.KindCaption:
		default:
			return fmt.Errorf("paragraph %d has kind %q", i, p.Kind)
		}
		end = p.Span.End
	}
	if end != len(a.Text) {
		return fmt.Errorf("text runs past the last paragraph (%d of %d bytes)", end, len(a.Text))
	}
	if a.ContentHash != ContentHash(a.Text) || a.ID != a.ContentHash[:16] {
		return fmt.Errorf("identity %s/%s not derived from the text", a.ID, a.ContentHash)
	}
	for i, dc := range a.DateCandidates {
		if _, ok := normDate(dc.Date); !ok || len(dc.Date) != len("2006-01-02") || dc.Source == "" {
			return fmt.Errorf("date candidate %d %+v", i, dc)
		}
		if dc.Raw != model.NoSpan && (!dc.Raw.Valid() || dc.Raw.End > len(a.Raw)) {
			return fmt.Errorf("date candidate %d raw span %v outside %d raw bytes", i, dc.Raw, len(a.Raw))
		}
	}
	if len(a.DateCandidates) > 0 && (a.Published != a.DateCandidates[0].Date || a.PublishedSource != a.DateCandidates[0].Source) {
		return fmt.Errorf("published %s (%s) is not the first candidate", a.Published, a.PublishedSource)
	}
	if len(a.DateCandidates) == 0 && a.Published != "" {
		return fmt.Errorf("published %s without a candidate", a.Published)
	}
	if a.Language == "" {
		return fmt.Errorf("no language")
	}
	for i, d := range a.Diagnostics {
		if d.Severity == "" || d.Stage == "" || d.Code == "" || d.Message == "" || d.Severity == model.Error {
			return fmt.Errorf("diagnostic %d malformed or an error on a kept article: %+v", i, d)
		}
	}
	return nil
}

// fuzzSlow is the time after which one Extract call on a fuzz input (at
// most fuzzMaxBytes) counts as a hang. Typical calls take well under a
// millisecond; the margin absorbs a loaded machine.
const fuzzSlow = 10 * time.Second

// fuzzExtract runs Extract twice on the same document and checks the result
// and that both runs agree. A call that does not return within fuzzSlow
// fails the input, so that the fuzzer records hangs as well as panics.
func fuzzExtract(t *testing.T, doc model.Document) {
	type result struct {
		a   *model.Article
		rej *model.Diagnostic
	}
	done := make(chan result, 1)
	go func() {
		a, rej := Extract(doc)
		done <- result{a, rej}
	}()
	var a *model.Article
	var rej *model.Diagnostic
	select {
	case r := <-done:
		a, rej = r.a, r.rej
	case <-time.After(fuzzSlow):
		t.Fatalf("Extract(%s, %d bytes) did not return within %s", doc.Format, len(doc.Raw), fuzzSlow)
	}
	if err := extractError(doc, a, rej); err != nil {
		t.Fatalf("Extract(%s %q): %v", doc.Format, doc.Raw, err)
	}
	b, rej2 := Extract(doc)
	if !reflect.DeepEqual(a, b) || !reflect.DeepEqual(rej, rej2) {
		t.Fatalf("Extract(%s %q) is not deterministic", doc.Format, doc.Raw)
	}
}

// FuzzExtractText checks the plain-text cleaner (paragraphs, furniture,
// bylines, datelines, stamps) through Extract.
func FuzzExtractText(f *testing.F) {
	f.Add("Harbour talks resume\n\nBy Ada Lin\n\nOSLO (Wire) - The two delegations met on Monday, officials said.\n", "", "", "")
	f.Add("Home | World | Sport\nSkip to content\n\nShare on Facebook\n", "", "", "")
	f.Add("line one of a wrapped\nparagraph that goes on\nand ends here.\n\n\n\nNEXT\n", "A title", "2020-02-30", "en")
	f.Add("Le ministre a déclaré mardi que les négociations reprendraient.", "", "hier", "fr")
	f.Add("", "", "", "")
	f.Add("\ufeff\u00a0\u2028\r\n\t\v\f x", "", "", "")
	f.Fuzz(func(t *testing.T, raw, title, published, lang string) {
		if len(raw) > fuzzMaxBytes {
			return
		}
		fuzzExtract(t, fuzzDoc("txt", raw, title, published, lang))
	})
}

// FuzzExtractHTML checks the HTML path of Extract: main-text extraction
// (internal/webpage) and the cleaning of its blocks.
func FuzzExtractHTML(f *testing.F) {
	f.Add(`<html lang="en"><head><title>Talks resume | Harbour Post</title><meta property="article:published_time" content="2021-05-04"></head>`+
		`<body><nav><a href="/">Home</a></nav><article><h1>Talks resume</h1><p>The two delegations met on Monday, officials said.</p>`+
		`<figure><figcaption>Delegates arrive (Photo: staff)</figcaption></figure><p>“We will return,” the envoy said.</p></article></body></html>`, "", "")
	f.Add("<p>one<p>two<br><br>three</div></span>", "https://example.org/2019/03/14/story", "")
	f.Add("<!doctype html><script>var x='<p>no</p>';</script><p>yes</p>", "", "2020-01-01")
	f.Add(strings.Repeat("<div>", 600)+"deep"+strings.Repeat("</div>", 600), "", "")
	f.Add("<html dir=rtl lang=fa><body><p>وزیر امور خارجه روز دوشنبه گفت که مذاکرات ادامه دارد.</p></body></html>", "", "")
	f.Add("", "", "")
	f.Fuzz(func(t *testing.T, raw, url, published string) {
		if len(raw) > fuzzMaxBytes {
			return
		}
		doc := fuzzDoc("html", raw, "", published, "")
		doc.Meta.URL = url
		fuzzExtract(t, doc)
	})
}

package web

import (
	"bytes"
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/store"
)

// unescapedMD finds a '<' or '[' without the backslash that makes it text.
var unescapedMD = regexp.MustCompile(`(^|[^\\])[<\[]`)

func TestWriteStoryReport(t *testing.T) {
	st := openFixture(t)
	ctx := context.Background()
	for _, id := range []string{"sl1", "ev1", "ev2"} {
		var h, m bytes.Buffer
		if err := WriteStoryReport(ctx, st, DefaultNames(), id, "html", &h); err != nil {
			t.Fatalf("%s html: %v", id, err)
		}
		if err := WriteStoryReport(ctx, st, DefaultNames(), id, "md", &m); err != nil {
			t.Fatalf("%s md: %v", id, err)
		}
		checkDOM(t, "report "+id, strings.ReplaceAll(h.String(), "<style>", "<x-style>"))
		body := h.String()
		for _, bad := range []string{"<script", "<img", "<link", `href="/`} {
			if strings.Contains(body, bad) {
				t.Errorf("%s html report holds %q", id, bad)
			}
		}
		if strings.Count(body, "<style>") != 1 {
			t.Errorf("%s html report: style sheet not inlined once", id)
		}
		if unescapedMD.MatchString(m.String()) {
			t.Errorf("%s md report holds unescaped markup", id)
		}
	}
	var h, m bytes.Buffer
	WriteStoryReport(ctx, st, DefaultNames(), "ev1", "html", &h)
	WriteStoryReport(ctx, st, DefaultNames(), "ev1", "md", &m)
	for _, want := range []string{`id="timeline"`, `id="network"`, "Norway — reject — Chile", "Ana Krell", "Harbor Gazette"} {
		if !strings.Contains(h.String(), want) {
			t.Errorf("html report lacks %q", want)
		}
	}
	for _, want := range []string{"# Situation report: Norway rejects offer", "| Harbor Gazette | 1 | 1 |", "### Ana Krell", "Norway — reject — Chile"} {
		if !strings.Contains(m.String(), want) {
			t.Errorf("md report lacks %q\n%s", want, m.String())
		}
	}
	if err := WriteStoryReport(ctx, st, DefaultNames(), "nope", "md", &m); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing story: %v", err)
	}
	if err := WriteStoryReport(ctx, st, DefaultNames(), "ev1", "pdf", &m); err == nil {
		t.Errorf("unknown format accepted")
	}
}

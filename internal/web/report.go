package web

import (
	"bufio"
	"context"
	"fmt"
	"html/template"
	"io"
	"strings"
	"time"
)

// ReportFormats are the formats WriteStoryReport writes.
var ReportFormats = []string{"md", "html"}

// WriteStoryReport writes the situation report of one story to w as a
// self-contained file: "html" (one page with its style sheet inlined, the
// timeline and network as inline SVG, no script, no link to fetch) or
// "md" (Markdown, with every text from articles escaped so that no
// renderer reads markup in it). It shows what the story page shows.
func WriteStoryReport(ctx context.Context, st Store, names Names, storyID, format string, w io.Writer) error {
	s, err := New(st, Options{Names: names})
	if err != nil {
		return err
	}
	d, err := s.storyView(ctx, storyID)
	if err != nil {
		return fmt.Errorf("report: story %s: %w", storyID, err)
	}
	// A file has no server to link to.
	d.Network = newNetwork(d.Dyads, names, nil, nil)
	switch format {
	case "html":
		css, err := staticFS.ReadFile("static/style.css")
		if err != nil {
			return err
		}
		t, err := template.New("report.html").Funcs(s.funcs()).ParseFS(templateFS, "templates/layout.html", "templates/svg.html", "templates/report.html")
		if err != nil {
			return err
		}
		bw := bufio.NewWriter(w)
		if err := t.Execute(bw, struct {
			storyData
			CSS       template.CSS
			Generated string
		}{d, template.CSS(css), time.Now().UTC().Format(time.DateOnly)}); err != nil {
			return err
		}
		return bw.Flush()
	case "md":
		return writeMarkdown(w, d, names)
	}
	return fmt.Errorf("report: unknown format %q (want md or html)", format)
}

// md escapes s for inline Markdown text (never at the start of a line):
// a backslash before every character that Markdown or HTML could read as
// markup there (emphasis, code, links, tables, tags, entities), line
// breaks folded.
func md(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '`', '*', '_', '{', '}', '[', ']', '|', '<', '>', '&', '~':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n', '\r', '\t':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func writeMarkdown(w io.Writer, d storyData, names Names) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format+"\n", args...) }
	level := "Event cluster"
	if d.Story.Level == "storyline" {
		level = "Storyline"
	}
	p("# Situation report: %s", md(d.Story.Title))
	p("")
	span := d.Story.First
	if d.Story.Last != d.Story.First {
		span += " to " + d.Story.Last
	}
	p("%s, %s, %d articles from %d outlets.", level, md(orNone(span, "undated")), len(d.Story.Articles), len(d.Outlets))
	if len(d.Children) > 0 {
		p("")
		p("## Event clusters")
		p("")
		for _, c := range d.Children {
			p("- %s (%s, %d articles)", md(c.Title), md(orNone(c.First, "undated")), len(c.Articles))
		}
	}
	p("")
	p("## Outlets")
	p("")
	p("| Outlet | Articles | Merged events reported |")
	p("|---|---:|---:|")
	for _, o := range d.Outlets {
		p("| %s | %d | %d |", md(o.Outlet), o.Articles, o.Events)
	}
	if len(d.Merged) > 0 {
		p("")
		p("## Events, merged across articles")
		p("")
		p("| Date | Event | CAMEO | Quad | Goldstein | Corroboration | Outlets |")
		p("|---|---|---|---|---:|---:|---|")
		for _, m := range d.Merged {
			ev := names.Actor(m.M.Source) + " — " + names.Action(m.M.CAMEO, m.M.PLOVER) + " — " + names.Actor(m.M.Target)
			if m.M.Negated {
				ev += " (negated)"
			}
			p("| %s | %s | %s %s | %s | %+.1f | %d | %s |", md(orNone(m.M.Date, "undated")), md(ev), md(m.M.CAMEO), md(m.M.PLOVER),
				QuadName(m.M.Quad), m.M.Goldstein, m.M.Corroboration, md(strings.Join(m.Outlets, ", ")))
		}
	}
	if len(d.Disagreements) > 0 {
		p("")
		p("## Disagreements")
		p("")
		for _, x := range d.Disagreements {
			var vs []string
			for _, v := range x.Disagreement.Variants {
				vs = append(vs, fmt.Sprintf("%s (%d articles)", md(v.Value), len(v.Articles)))
			}
			p("- %s of %s — %s — %s: %s", md(x.Disagreement.Field), md(names.Actor(x.Event.M.Source)),
				md(names.Action(x.Event.M.CAMEO, x.Event.M.PLOVER)), md(names.Actor(x.Event.M.Target)), strings.Join(vs, "; "))
		}
	}
	p("")
	p("## Events by article (%d)", d.EventsTotal)
	p("")
	if len(d.Events) == 0 {
		p("No events were coded in these articles.")
	} else {
		p("| Date | Source | Action | Target | CAMEO | Outlet |")
		p("|---|---|---|---|---|---|")
		for _, h := range d.Events {
			e := h.Event
			act := names.Action(e.CAMEO, e.PLOVER)
			if e.Negated {
				act += " (negated)"
			}
			p("| %s | %s | %s | %s | %s | %s |", md(orNone(e.Date, "undated")), md(names.Actor(e.Source.Code)), md(act),
				md(names.Actor(e.Target.Code)), md(e.CAMEO), md(h.Outlet))
		}
	}
	p("")
	p("## Quotes by speaker (%d)", d.QuotesTotal)
	for _, sp := range d.Speakers {
		p("")
		p("### %s", md(sp.Speaker))
		p("")
		for _, q := range sp.Quotes {
			p("- “%s” (%s, %s %s)", md(q.Quote.Text), md(q.Quote.Kind), md(q.Outlet), md(q.Published))
		}
	}
	p("")
	p("## Articles")
	p("")
	for _, a := range d.Articles {
		p("- %s — %s, %s (%d events, %d quotes)", md(orNone(a.Title, a.ID)), md(orNone(a.Outlet, "outlet unknown")), md(orNone(a.Published, "undated")), a.Events, a.Quotes)
	}
	return bw.Flush()
}

func orNone(s, none string) string {
	if s == "" {
		return none
	}
	return s
}

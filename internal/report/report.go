package report

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/pipeline"
	"github.com/sitrep/sitrep/internal/store"
)

// Write writes the situation report of st to w. sum, when not nil, is the
// summary of the ingest run that filled the store.
func Write(ctx context.Context, st store.Store, w io.Writer, sum *pipeline.Summary) error {
	ids, err := st.ArticleIDs(ctx)
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	arts := make([]*model.Article, 0, len(ids))
	for _, id := range ids {
		a, err := st.Article(ctx, id)
		if err != nil {
			return fmt.Errorf("report: article %s: %w", id, err)
		}
		arts = append(arts, a)
	}
	// Chronological, undated last, then by outlet for a stable order.
	sort.SliceStable(arts, func(i, j int) bool {
		pi, pj := arts[i].Published, arts[j].Published
		if (pi == "") != (pj == "") {
			return pj == ""
		}
		if pi != pj {
			return pi < pj
		}
		return arts[i].Outlet < arts[j].Outlet
	})

	p := &printer{w: w}
	p.line("SITUATION REPORT")
	p.line("================")
	if sum != nil {
		p.line("Inputs: %d read, %d articles stored, %d duplicates, %d rejected.", sum.Read, sum.Stored, sum.Duplicate, sum.Rejected)
	}
	st2, err := st.Stats(ctx)
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	p.line("The store holds %d articles, %d paragraphs, %d sentences, %d tokens.", st2.Articles, st2.Paragraphs, st2.Sentences, st2.Tokens)
	if len(arts) > 0 {
		first, last := "", ""
		for _, a := range arts {
			if a.Published == "" {
				continue
			}
			if first == "" {
				first = a.Published
			}
			last = a.Published
		}
		if first != "" {
			p.line("Coverage runs from %s to %s.", first, last)
		}
	}

	byID := make(map[string]*model.Article, len(arts))
	for _, a := range arts {
		byID[a.ID] = a
	}
	if err := writeStories(ctx, st, p, byID); err != nil {
		return err
	}
	if err := writeEvents(ctx, st, p, arts); err != nil {
		return err
	}
	writeQuotes(p, arts)
	writeActors(p, arts)

	p.line("")
	p.line("COVERAGE, BY DATE")
	p.line("-----------------")
	for _, a := range arts {
		date := a.Published
		if date == "" {
			date = "undated   "
		}
		p.line("%s  %s", date, orNone(a.Outlet, "(outlet unknown)"))
		p.line("    %s", orNone(a.Title, "(no title)"))
		var facts []string
		if a.Author != "" {
			facts = append(facts, "by "+a.Author)
		}
		if a.Dateline != "" {
			facts = append(facts, "datelined "+a.Dateline)
		}
		if a.SyndicatedFrom != "" {
			facts = append(facts, "syndicated from "+a.SyndicatedFrom)
		}
		facts = append(facts, fmt.Sprintf("%d paragraphs, %d sentences", len(a.Paragraphs), len(a.Sentences)))
		p.line("    %s", strings.Join(facts, "; "))
		if lead := leadSentence(a); lead != "" {
			p.line("    lead: %s", clip(lead, 160))
		}
		p.line("    source: %s", sourceName(a))
	}

	p.line("")
	p.line("DATES")
	p.line("-----")
	for _, a := range arts {
		if a.Published == "" {
			p.line("%s: no publication date found.", sourceName(a))
			continue
		}
		var others []string
		for _, c := range a.DateCandidates[1:] {
			if c.Date != a.Published {
				others = append(others, fmt.Sprintf("%s from %s %q", c.Date, c.Source, c.Text))
			}
		}
		basis := fmt.Sprintf("%s: %s from %s", sourceName(a), a.Published, a.PublishedSource)
		if len(others) > 0 {
			basis += "; set aside " + strings.Join(others, ", ")
		}
		p.line("%s", basis)
	}

	p.line("")
	p.line("CLEANING")
	p.line("--------")
	for _, a := range arts {
		for _, d := range a.Diagnostics {
			if d.Code == "furniture" {
				p.line("%s: %s", sourceName(a), d.Message)
			}
		}
	}
	var warnings []string
	for _, a := range arts {
		for _, d := range a.Diagnostics {
			if d.Severity == model.Warning && d.Code != "date-disagreement" {
				warnings = append(warnings, fmt.Sprintf("%s: %s", sourceName(a), d.Message))
			}
		}
	}
	if len(warnings) > 0 {
		p.line("")
		p.line("WARNINGS")
		p.line("--------")
		for _, w := range warnings {
			p.line("%s", w)
		}
	}
	if sum != nil && len(sum.Rejections) > 0 {
		p.line("")
		p.line("REJECTED INPUTS")
		p.line("---------------")
		for _, d := range sum.Rejections {
			p.line("%s", d.String())
		}
	}
	return p.err
}

// leadSentence returns the first sentence of the first body paragraph.
func leadSentence(a *model.Article) string {
	for _, s := range a.Sentences {
		if s.Paragraph < len(a.Paragraphs) && a.Paragraphs[s.Paragraph].Kind == model.KindBody {
			return s.Span.In(a.Text)
		}
	}
	return ""
}

func sourceName(a *model.Article) string {
	if a.SourceLine > 0 {
		return fmt.Sprintf("%s:%d", a.SourceFile, a.SourceLine)
	}
	return a.SourceFile
}

func orNone(s, none string) string {
	if s == "" {
		return none
	}
	return s
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xc0 == 0x80 {
		n--
	}
	return s[:n] + "…"
}

// printer writes lines and keeps the first write error.
type printer struct {
	w   io.Writer
	err error
}

func (p *printer) line(format string, args ...any) {
	if p.err != nil {
		return
	}
	_, p.err = fmt.Fprintf(p.w, format+"\n", args...)
}
